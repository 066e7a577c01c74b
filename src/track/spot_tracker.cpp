// SpotTracker: template encoding at init, whole-frame scoring at every update.
#include "spot/track/spot_tracker.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <future>
#include <optional>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

#include "spot/error.hpp"
#include "spot/model/checkpoint.hpp"
#include "spot/model/image_tensor.hpp"
#include "spot/model/model_file.hpp"
#include "spot/model/weights_path.hpp"
#include "spot/track/local_maxima.hpp"
#include "spot/track/validate.hpp"
#include "spot/util/blas_threads.hpp"
#include "spot/util/config_fields.hpp"
#include "spot/util/heap_reuse.hpp"

namespace spot::track {

util::Fields SpotTrackerConfig::fields() {
  return {{"weights", &weights},
          {"presence_threshold", &presence_threshold},
          {"input_scale", &input_scale},
          {"max_input_side", &max_input_side},
          {"min_target_px", &min_target_px},
          {"max_target_px", &max_target_px},
          {"upscale_below_px", &upscale_below_px},
          {"upscale", &upscale},
          {"max_upscaled_side", &max_upscaled_side},
          {"template_size", &template_size},
          {"threads", &threads},
          {"concurrent_levels", &concurrent_levels},
          {"background_learning", &background_learning},
          {"max_candidates", &max_candidates},
          {"update_threshold", &update_threshold},
          {"update_interval", &update_interval},
          {"size_smoothing", &size_smoothing},
          {"box_size_smoothing", &box_size_smoothing},
          {"relative_presence", &relative_presence},
          {"centroid_threshold", &centroid_threshold}};
}

void SpotTrackerConfig::validate(const std::string& source) const {
  auto fail = [&](const std::string& what) { throw Error("invalid tracker config: " + what, source); };
  if (!(presence_threshold <= 1)) {
    fail(fmt::format("presence_threshold = {} (expected 0..1, or negative for the weights' own)", presence_threshold));
  }
  if (!(input_scale == 0 || (input_scale > 0.05 && input_scale <= 4))) {
    fail(fmt::format("input_scale = {} (expected 0.05..4, or 0 = chosen per target)", input_scale));
  }
  if (max_input_side < 64) fail(fmt::format("max_input_side = {} (expected >= 64)", max_input_side));
  if (!(min_target_px > 0 && min_target_px <= max_target_px)) {
    fail(fmt::format("min_target_px = {}, max_target_px = {} (expected 0 < min <= max)", min_target_px, max_target_px));
  }
  if (!(upscale_below_px >= 0)) fail(fmt::format("upscale_below_px = {} (expected >= 0; 0 = off)", upscale_below_px));
  if (!(upscale >= 1 && upscale <= 4)) fail(fmt::format("upscale = {} (expected 1..4)", upscale));
  if (max_upscaled_side < 64) fail(fmt::format("max_upscaled_side = {} (expected >= 64)", max_upscaled_side));
  if (template_size < 16) fail(fmt::format("template_size = {} (expected >= 16)", template_size));
  if (threads < 1) fail(fmt::format("threads = {} (expected >= 1)", threads));
  if (max_candidates < 1 || max_candidates > 100) fail(fmt::format("max_candidates = {} (expected 1..100)", max_candidates));
  if (!(update_threshold >= 0 && update_threshold <= 1)) {
    fail(fmt::format("update_threshold = {} (expected 0..1)", update_threshold));
  }
  if (!(size_smoothing >= 0 && size_smoothing <= 1)) {
    fail(fmt::format("size_smoothing = {} (expected 0..1)", size_smoothing));
  }
  if (!(box_size_smoothing >= 0 && box_size_smoothing <= 1)) {
    fail(fmt::format("box_size_smoothing = {} (expected 0..1)", box_size_smoothing));
  }
  if (update_interval < 1) fail(fmt::format("update_interval = {} (expected >= 1)", update_interval));
  if (!(centroid_threshold >= 0 && centroid_threshold < 1)) {
    fail(fmt::format("centroid_threshold = {} (expected 0 <= t < 1; 0 = off)", centroid_threshold));
  }
  online.validate(source);
  association.validate(source);
  refine.validate(source);
  local.validate(source);
}

SpotTrackerConfig load_spot_tracker_config(const std::string& path) {
  const toml::table table = util::parse_toml_file(path);
  SpotTrackerConfig c;
  util::read_fields(table, c.fields(), path, "", /*skip_tables=*/true);
  for (const auto& [key, node] : table) {
    const std::string k(key.str());
    if (node.is_table() && k != "online" && k != "association" && k != "refine" && k != "local") {
      throw Error(fmt::format("unknown section [{}] (valid: [online], [association], [refine], [local])", k), path,
                  static_cast<long>(key.source().begin.line));
    }
  }
  if (const auto* t = table["online"].as_table()) util::read_fields(*t, c.online.fields(), path, "online");
  if (const auto* t = table["association"].as_table()) util::read_fields(*t, c.association.fields(), path, "association");
  if (const auto* t = table["refine"].as_table()) util::read_fields(*t, c.refine.fields(), path, "refine");
  if (const auto* t = table["local"].as_table()) util::read_fields(*t, c.local.fields(), path, "local");
  c.validate(path);
  return c;
}

std::string find_spot_weights(const std::string& explicit_path) {
  return model::find_weights_file("spot_default.pt", "SPOT model weights", explicit_path);
}

double stored_presence_threshold(const std::string& weights) {
  const nlohmann::json meta = model::read_checkpoint_meta(weights);
  const auto it = meta.find("tracker");
  if (it == meta.end() || !it->is_object() || !it->contains("presence_threshold")) return 0.5;
  const auto& v = (*it)["presence_threshold"];
  if (!v.is_number() || !(v.get<double>() >= 0 && v.get<double>() <= 1)) {
    throw Error("tracker.presence_threshold in the weights' metadata is not a number in 0..1", weights);
  }
  return v.get<double>();
}

namespace {

// The scale from input_scale, or chosen per target (input_scale = 0), before any upscaling.
double base_input_scale(const SpotTrackerConfig& c, int frame_width, int frame_height, double size) {
  if (c.input_scale > 0) return c.input_scale;
  const double longer = std::max(frame_width, frame_height);
  double k = 1.0;
  if (longer > c.max_input_side) k = std::max(c.max_input_side / longer, std::min(1.0, c.min_target_px / size));
  if (size * k > c.max_target_px) k = c.max_target_px / size;
  // Never below a few cells of the coarsest map across the frame's shorter side.
  return std::max(k, std::min(1.0, 64.0 / std::min(frame_width, frame_height)));
}

}  // namespace

double input_scale_for(const SpotTrackerConfig& c, int frame_width, int frame_height, const geometry::Box& box) {
  const double size = std::sqrt(box.w * box.h);
  const double k = base_input_scale(c, frame_width, frame_height, size);
  if (c.upscale_below_px <= 0 || c.upscale <= 1 || size * k >= c.upscale_below_px) return k;
  const double longer = std::max(frame_width, frame_height);
  return std::max(k, std::min(k * c.upscale, c.max_upscaled_side / longer));
}

class SpotTrackerImpl {
 public:
  explicit SpotTrackerImpl(const SpotTrackerConfig& c)
      : config_(c), association_(c.association), refiner_(c.refine), local_(c.local) {
    config_.validate();
    const std::string weights = find_spot_weights(c.weights);
    model_ = model::load_model_file(weights);
    if (config_.presence_threshold < 0) config_.presence_threshold = stored_presence_threshold(weights);
    torch::set_num_threads(config_.threads);
    util::single_threaded_blas();  // LibTorch's threads do the parallel work
    util::keep_freed_memory_in_heap();  // no page faults on every frame's feature maps
    model_->prepare_for_inference();
    model_->set_concurrent_levels(config_.concurrent_levels);
  }

  ~SpotTrackerImpl() {
    // The learning thread uses the online model: it must end first (its error, if any, is dropped).
    if (learning_.valid()) learning_.wait();
  }

  void init(const cv::Mat& frame, const geometry::Box& box) {
    finish_learning();
    last_map_ = torch::Tensor();  // a new video: no map until its first update()
    validate_init(frame, box);
    torch::NoGradGuard no_grad;
    // Same template as in training: a template_size square around the box at the search scale.
    scale_ = input_scale_for(config_, frame.cols, frame.rows, box);
    const double k = scale_, half = config_.template_size / 2.0;
    const geometry::Point c = box.center();
    const cv::Mat m = (cv::Mat_<double>(2, 3) << k, 0, half - k * c.x, 0, k, half - k * c.y);
    cv::Mat crop;
    cv::warpAffine(bgr(frame), crop, m, {config_.template_size, config_.template_size},
                   k < 1 ? cv::INTER_AREA : cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::mean(frame));
    const geometry::Box tb = geometry::crop_to_image({half - k * box.w / 2, half - k * box.h / 2, k * box.w, k * box.h},
                                                     {config_.template_size, config_.template_size});
    const auto boxes = torch::tensor({{float(tb.x), float(tb.y), float(tb.w), float(tb.h)}});
    kernels_ = model_->encode_template(to_tensor(crop).unsqueeze(0), boxes);
    frame_size_ = frame.size();
    // One full pass over the init frame: the online model learns from all of it, and the box head's
    // answer at the target tells how far off its sizes are for this target (corrected below).
    const auto out = model_->forward(to_tensor(scaled(frame)).unsqueeze(0), kernels_, /*with_boxes=*/false);
    size_ = box_size_ = {box.w, box.h};
    // A target too small for the online map's grid gets no online model (and saves its cost).
    online_weight_ = config_.online.enabled ? config_.online.blend_weight(k * std::sqrt(box.w * box.h)) : 0.0;
    online_.reset();
    if (online_weight_ > 0) {
      // The offline network's strongest look-alikes in the init frame are the online model's hard negatives.
      const auto offline = torch::sigmoid(out.fused_logits);
      const auto peaks = find_peaks(offline, out.fused_stride);
      online_ = std::make_unique<OnlineTargetModel>(config_.online);
      online_->init(out.features, out.level_strides, to_input(box),
                    distractors(peaks, box, max_in_box(offline, box, out.fused_stride), peaks.candidates.size()));
    }
    // The reference for relative presence: the fused map's best value on the target in the init frame.
    const auto init_map = fused_map(out);
    reference_ = std::max(max_in_box(init_map, box, out.fused_stride), 1e-3);
    // The box head's error on this target, as factors on its sizes: at the box's centre for the
    // working size, and for the reported box at the init map's peak inside the box, the kind of
    // point update() reads the head at (the head's sizes shrink away from the centre).
    const auto correction = [&](double x, double y) {
      const auto [hw, hh] = head_size(out, x, y);
      return std::pair<double, double>{std::clamp(k * box.w / hw, 0.25, 4.0), std::clamp(k * box.h / hh, 0.25, 4.0)};
    };
    size_correction_ = correction(c.x * k / out.fused_stride, c.y * k / out.fused_stride);
    const auto [pi, pj] = argmax_in_box(init_map, box, out.fused_stride);
    box_size_correction_ = correction(static_cast<double>(pj), static_cast<double>(pi));
    // The init frame's other peaks are the first look-alikes the association knows (when it uses them).
    std::vector<geometry::Point> lookalikes;
    if (association_.remembers_lookalikes()) {
      for (const auto& p : find_peaks(init_map, out.fused_stride).candidates) {
        if (!geometry::contains(box, p.point)) lookalikes.push_back(p.point);
      }
    }
    association_.reset(c, std::sqrt(box.w * box.h), lookalikes);
    refiner_.init(frame, box);
    local_.reset();
    local_.remember(frame, box);
    since_update_ = 0;
    rival_frames_ = 0;
    last_ = box;
  }

  TrackResult update(const cv::Mat& frame) {
    if (kernels_.empty()) throw Error("spot tracker: update() called before init()");
    if (frame.empty()) throw Error("spot tracker: empty frame");
    if (frame.size() != frame_size_) {
      throw Error(fmt::format("spot tracker: frame size changed from {}x{} to {}x{} within a sequence "
                              "(call init() again for a new video)",
                              frame_size_.width, frame_size_.height, frame.cols, frame.rows));
    }
    torch::NoGradGuard no_grad;
    // While the online model still learns on the second core, the level heads do not compete for it:
    // the whole network runs here (same numbers; docs/TRACKER.md).
    const bool learning = learning_.valid() && learning_.wait_for(std::chrono::seconds(0)) != std::future_status::ready;
    model_->set_concurrent_levels(config_.concurrent_levels && !learning);
    // A local tracker that runs in every frame does not need this frame's map: it follows the target
    // on a thread of its own while the network runs (the same boxes as in turn; joined below, and by
    // the future's destructor if the network throws).
    const bool every_frame = config_.local.every_frame;
    std::future<std::optional<geometry::Box>> local_tracking;
    if (every_frame && config_.local.enabled && config_.local.concurrent) {
      local_tracking = std::async(std::launch::async, [this, &frame] { return local_.track(frame); });
    }
    const auto out = model_->forward(to_tensor(scaled(frame)).unsqueeze(0), kernels_, /*with_boxes=*/false);
    finish_learning();  // the online model is about to score: the last frame's learning must be in
    // Global search: candidates are the top peaks of the whole fused map.
    last_map_ = fused_map(out);  // a reference, kept for score_map(): no copy on the hot path
    last_map_stride_ = out.fused_stride;
    const auto peaks = find_peaks(last_map_, out.fused_stride);
    const size_t chosen = association_.select(verified(frame, peaks.candidates));
    geometry::Point peak = peaks.candidates[chosen].point;
    auto [i, j] = peaks.cells[chosen];
    double raw = peaks.candidates[chosen].score;
    double score = relative(raw);
    bool present = score >= config_.presence_threshold;
    // Where the map is not sure (absent, away from where the target was, or weak), the places that
    // look like the target near there: the init template (hold), then the local tracker.
    const bool away = present_away(present, peak);
    const bool sure = present && !away && raw >= config_.association.confident_score;
    auto hit = away ? hold(frame, out.fused_stride) : std::nullopt;
    std::optional<geometry::Box> local_box;
    bool local_agrees = false;
    std::optional<geometry::Box> agreed_box;  // the local tracker's box on the map's answer (report_box)
    if (!sure || every_frame) {
      // The local tracker follows the target through every such frame (it learns as it goes), but
      // its answer is taken only where the hold found nothing, and where the map's answer is away
      // (lazy) or not on its box (every frame).
      local_box = local_tracking.valid() ? local_tracking.get() : local_.track(frame);
      local_agrees = local_box && present && geometry::contains(*local_box, peak);
      if (local_agrees && (config_.local.report_box || config_.local.box_weight > 0)) agreed_box = local_box;
      const bool contested = every_frame ? !local_agrees : away;
      const bool yields = rival_elsewhere(contested ? local_box : std::nullopt, present, peak);
      if (local_box && contested && !hit && !yields && (present || config_.local.absent_frames) &&
          like_target(frame, *local_box)) {
        const double share = present ? config_.local.min_share * relative(raw) : 0.0;
        hit = place(local_box->center(), out.fused_stride, std::max(config_.local.min_score, share));
      } else {
        local_box.reset();
      }
    } else {
      rival_frames_ = 0;  // the map is sure: no rival track
    }
    const bool held = hit.has_value();
    const bool from_local = held && local_box.has_value();  // the local tracker's place was taken
    if (held) {
      peak = hit->point;
      std::tie(i, j) = std::pair{hit->row, hit->col};
      raw = hit->raw;
      // The map's score there, but at least the threshold: present <=> score >= threshold in
      // every frame, and a held frame ranks with the present ones (VOT-LT F sweeps the scores).
      score = std::max(relative(raw), config_.presence_threshold);
      present = true;
    }
    // Sizes follow the box head at the chosen point, corrected by its error on the init frame: the
    // working size (prior, online model) at size_smoothing, the reported box's more slowly.
    const auto [hw, hh] = head_size(out, static_cast<double>(j), static_cast<double>(i));
    if (present) {
      const auto follow = [&](std::pair<double, double>& size, const std::pair<double, double>& corr, double a) {
        size.first = (1 - a) * size.first + a * corr.first * hw / scale_;
        size.second = (1 - a) * size.second + a * corr.second * hh / scale_;
      };
      follow(size_, size_correction_, config_.size_smoothing);
      follow(box_size_, box_size_correction_, config_.box_size_smoothing);
    }
    // The tracker's own state (motion prior, the online model's target region) follows the chosen
    // peak; the reported box is centred on the centroid of the map's blob there when asked, nearer
    // the target's middle than a peak that may sit anywhere on it (feeding the centroid back moved
    // the prior off the peaks and lost re-acquisitions: docs/TRACKER.md).
    geometry::Box box =
        centred_box(config_.centroid_threshold > 0 ? centroid_near(last_map_, i, j, out.fused_stride) : peak, box_size_);
    // Lined up on the target by its template, near where the map put it (the reported box only).
    // Fed back into the state it cost found frames on both held-out sets (docs/TRACKER.md). The
    // local tracker's box is its own (it follows the target's current appearance, not the init one).
    if (from_local) {
      box = *local_box;
    } else if (agreed_box && config_.local.report_box) {
      box = *agreed_box;
    } else if (present) {
      box = refiner_.refine(frame, box, /*learn=*/true);
    }
    // Two trackers that agree on the target: the reported box is their boxes averaged (box_weight on
    // the local one's); the tracker's own state (last_) keeps SPOT's.
    const geometry::Box reported =
        agreed_box && !config_.local.report_box ? geometry::blend(box, *agreed_box, config_.local.box_weight) : box;
    if (!held) association_.remember(peaks.candidates, chosen, present, score);
    // A held frame moves the motion prior like a confident one: the template vouches for it.
    // (A frame taken from the local tracker only with the map's own score there, unless it vouches.)
    const bool vouched = held && (!from_local || config_.local.vouches);
    association_.observe(present, peak, std::sqrt(size_.first * size_.second), vouched ? 1.0 : relative(raw));
    // Drift guard: learn only from confident frames where the chosen peak is also the strongest.
    ++since_update_;
    if (online_ && present && !held && chosen == 0 && raw >= config_.update_threshold &&
        since_update_ >= config_.update_interval) {
      const geometry::Box tracked = centred_box(peak, size_);
      learn(to_input(tracked), distractors(peaks, tracked, raw, chosen));
      since_update_ = 0;
      reference_ = 0.8 * reference_ + 0.2 * raw;  // follows the target's appearance, like the model
    }
    if (present) last_ = box;
    // Sure of the target: the local tracker starts again from here, unless it runs every frame and
    // is on the target already or was taken over the map's answer (it keeps what it learnt).
    if (sure && !held && !(every_frame && local_agrees)) local_.remember(frame, box);
    return {present ? reported : last_, score, present};
  }

  cv::Mat score_map() const {
    if (!last_map_.defined()) return {};
    const auto m = last_map_[0][0].to(torch::kFloat32).contiguous();
    const cv::Mat cells(static_cast<int>(m.size(0)), static_cast<int>(m.size(1)), CV_32F, m.data_ptr<float>());
    // Cell (i, j) covers frame px [j, j+1) * stride / scale; bilinear resizing keeps cell centres.
    const double cell = last_map_stride_ / scale_;
    cv::Mat covered, out(frame_size_, CV_32F, cv::Scalar(0));
    cv::resize(cells, covered,
               cv::Size(std::max(1, static_cast<int>(std::lround(cells.cols * cell))),
                        std::max(1, static_cast<int>(std::lround(cells.rows * cell)))),
               0, 0, cv::INTER_LINEAR);
    const cv::Rect common(0, 0, std::min(covered.cols, out.cols), std::min(covered.rows, out.rows));
    covered(common).copyTo(out(common));
    return out;
  }

 private:
  // The online model learns the target at `box` (input px) from the last scored frame: on a thread
  // of its own when background_learning (finish_learning() waits for it), else here.
  void learn(const geometry::Box& box, std::vector<geometry::Point> lookalikes) {
    if (!config_.background_learning) {
      online_->update(box, lookalikes);
      return;
    }
    // A thread of its own, not LibTorch's inter-op pool: the level heads' tasks would queue behind it.
    learning_ = std::async(std::launch::async, [model = online_.get(), box, lookalikes = std::move(lookalikes)] {
      torch::NoGradGuard no_grad;  // thread-local
      model->update(box, lookalikes);
    });
  }
  // Waits for the learning started by the last update(), if any; its error is thrown here.
  void finish_learning() {
    if (learning_.valid()) learning_.get();
  }

  // The score of every location: the offline network's map, blended with the online model's.
  torch::Tensor fused_map(const model::ModelOutput& out) {
    auto map = torch::sigmoid(out.fused_logits);
    if (!online_) return map;
    auto online = online_->score(out.features, out.level_strides);
    if (online.sizes() != map.sizes()) {
      online = torch::nn::functional::interpolate(online, torch::nn::functional::InterpolateFuncOptions()
                                                              .size(std::vector<int64_t>{map.size(2), map.size(3)})
                                                              .mode(torch::kBilinear)
                                                              .align_corners(false));
    }
    return (1 - online_weight_) * map + online_weight_ * online.clamp(0.0, 1.0);
  }
  // Width and height (input px) the box head predicts at fused-map cell (column x, row y).
  std::pair<double, double> head_size(const model::ModelOutput& out, double x, double y) {
    const int64_t i = std::clamp<int64_t>(static_cast<int64_t>(y), 0, out.fused_logits.size(2) - 1);
    const int64_t j = std::clamp<int64_t>(static_cast<int64_t>(x), 0, out.fused_logits.size(3) - 1);
    const auto ltrb = model_->box_at(out, i, j);
    return {std::max((ltrb[0] + ltrb[2]).item<double>(), 1e-3), std::max((ltrb[1] + ltrb[3]).item<double>(), 1e-3)};
  }
  // A box of `size` (w, h) centred on `c` (frame px).
  static geometry::Box centred_box(const geometry::Point& c, const std::pair<double, double>& size) {
    return {c.x - size.first / 2, c.y - size.second / 2, size.first, size.second};
  }
  struct Peaks {
    std::vector<Candidate> candidates;  // best first, frame px
    std::vector<std::pair<int64_t, int64_t>> cells;
  };
  // Local maxima (5x5 neighbourhood) of the map, best first.
  Peaks find_peaks(const torch::Tensor& map, double stride) const {
    const auto m = map.to(torch::kFloat32).contiguous();
    const double k = scale_;
    Peaks out;
    for (const auto& c : top_local_maxima(m.data_ptr<float>(), m.size(2), m.size(3), 2, config_.max_candidates)) {
      out.candidates.push_back({{(c.col + 0.5) * stride / k, (c.row + 0.5) * stride / k}, c.value});
      out.cells.emplace_back(c.row, c.col);
    }
    return out;
  }
  // The candidates with their scores blended with how well the target's template matches near them
  // (refine.verify; the candidates themselves when 0).
  std::vector<Candidate> verified(const cv::Mat& frame, std::vector<Candidate> candidates) const {
    const double v = config_.refine.verify;
    if (v <= 0) return candidates;
    for (auto& c : candidates) {
      c.score = (1 - v) * c.score + v * std::max(0.0, refiner_.match_near(frame, centred_box(c.point, box_size_)));
    }
    return candidates;
  }
  // Whether the frame's answer is not where the target was: it says absent, or its point lies
  // more than hold_search target sizes (plus half a size) from where the target was last reported.
  bool present_away(bool present, const geometry::Point& p) const {
    return !present || !within_reach(p, last_.center());
  }
  // `p` within hold_search target sizes (plus half a size) of `at`, each axis.
  bool within_reach(const geometry::Point& p, const geometry::Point& at) const {
    const double reach = config_.association.hold_search + 0.5;
    return std::abs(p.x - at.x) <= reach * box_size_.first && std::abs(p.y - at.y) <= reach * box_size_.second;
  }
  // Relative presence: scores of small or hard targets sit lower from the first frame on; measured
  // against what this target scored when it was surely there, one threshold fits all of them.
  double relative(double raw) const {
    return config_.relative_presence ? std::clamp(raw / reference_, 0.0, 1.0) : raw;
  }
  // A place the template hold keeps: its point (frame px), its cell of last_map_ and the map's value there.
  struct HeldPlace {
    geometry::Point point;
    int64_t row = 0, col = 0;
    double raw = 0;
  };
  // The template's best match within hold_search target sizes of the last reported place, when it
  // scores at least hold_ncc and the map (at `stride`) at least hold_min_score there.
  std::optional<HeldPlace> hold(const cv::Mat& frame, double stride) const {
    const auto& a = config_.association;
    if (!a.enabled || a.hold_ncc <= 0) return std::nullopt;
    const auto m = refiner_.locate(frame, centred_box(last_.center(), box_size_), a.hold_search);
    if (m.ncc <= 0 || m.ncc < a.hold_ncc) return std::nullopt;
    return place(m.box.center(), stride, a.hold_min_score);
  }
  // The map's answer is present off the local tracker's box and has been, near where it was the
  // frame before, for yield_after frames in a row: a track of its own (the target back elsewhere,
  // say), which the local tracker yields to. Counts the streak.
  bool rival_elsewhere(const std::optional<geometry::Box>& local_box, bool present, const geometry::Point& peak) {
    const int after = config_.local.yield_after;
    if (after <= 0) return false;
    if (!local_box || !present) {
      rival_frames_ = 0;
      return false;
    }
    rival_frames_ = rival_frames_ > 0 && within_reach(peak, rival_) ? rival_frames_ + 1 : 1;
    rival_ = peak;
    return rival_frames_ >= after;
  }

  // The local tracker's box looks like the target: the init template matches near it at >= min_ncc
  // (a box the template cannot be matched at, too small or flat, gives no evidence either way).
  bool like_target(const cv::Mat& frame, const geometry::Box& box) const {
    if (config_.local.min_ncc <= 0) return true;
    const double ncc = refiner_.locate(frame, box, 0.25).ncc;
    return ncc == 0 || ncc >= config_.local.min_ncc;
  }

  // `p` (frame px) as a held place, when the map (at `stride`) scores at least `floor` there.
  std::optional<HeldPlace> place(const geometry::Point& p, double stride, double floor) const {
    const auto [row, col] = cell_at(last_map_, p, stride);
    const double raw = last_map_[0][0][row][col].item<double>();
    if (relative(raw) < floor) return std::nullopt;
    return HeldPlace{p, row, col, raw};
  }
  // The map's cell (row, column) at `p` (frame px).
  std::pair<int64_t, int64_t> cell_at(const torch::Tensor& map, const geometry::Point& p, double stride) const {
    const auto [rows, cols] = cells_of({p.x, p.y, 0, 0}, map, stride);
    return {rows.first, cols.first};
  }
  // The map's best value over the cells covering `box` (frame px).
  double max_in_box(const torch::Tensor& map, const geometry::Box& box, double stride) const {
    const auto [i, j] = argmax_in_box(map, box, stride);
    return map[0][0][i][j].item<double>();
  }
  // The map's rows [first, second) and columns [first, second) covering `box` (frame px).
  using CellRange = std::pair<int64_t, int64_t>;
  std::pair<CellRange, CellRange> cells_of(const geometry::Box& box, const torch::Tensor& map, double stride) const {
    const double k = scale_;
    const auto range = [&](double lo, double hi, int64_t n) {
      return CellRange{std::clamp<int64_t>(static_cast<int64_t>(lo / stride), 0, n - 1),
                       std::clamp<int64_t>(static_cast<int64_t>(hi / stride), 0, n - 1) + 1};
    };
    return {range(k * box.y, k * (box.y + box.h), map.size(2)), range(k * box.x, k * (box.x + box.w), map.size(3))};
  }
  // The cell (row, column) of the map's best value over the cells covering `box` (frame px).
  std::pair<int64_t, int64_t> argmax_in_box(const torch::Tensor& map, const geometry::Box& box, double stride) const {
    const auto [rows, cols] = cells_of(box, map, stride);
    using torch::indexing::Slice;
    const auto window = map.index({0, 0, Slice(rows.first, rows.second), Slice(cols.first, cols.second)}).contiguous();
    const int64_t at = window.view(-1).argmax().item<int64_t>();
    return {rows.first + at / window.size(1), cols.first + at % window.size(1)};
  }
  // Centres (input px) of the peaks other than `target_index` that lie outside `box` (frame px) and
  // score at least hard_negative_ratio x `target_score`: look-alikes for the online model to reject.
  std::vector<geometry::Point> distractors(const Peaks& peaks, const geometry::Box& box, double target_score,
                                           size_t target_index) const {
    std::vector<geometry::Point> out;
    const double k = scale_;
    for (size_t n = 0; n < peaks.candidates.size(); ++n) {
      const auto& c = peaks.candidates[n];
      if (n == target_index || c.score < config_.online.hard_negative_ratio * target_score) continue;
      if (geometry::contains(box, c.point)) continue;
      out.push_back({c.point.x * k, c.point.y * k});
    }
    return out;
  }
  // The centroid (frame px) of the map's cells within half the current target size of cell (i, j)
  // that score above centroid_threshold x the value at (i, j); the cell's centre when that window
  // is a single cell.
  geometry::Point centroid_near(const torch::Tensor& map, int64_t i, int64_t j, double stride) const {
    const double k = scale_;
    const auto r = std::min<int64_t>(static_cast<int64_t>(0.5 * std::sqrt(size_.first * size_.second) * k / stride), 8);
    const auto m = map.accessor<float, 4>();
    const int64_t h = map.size(2), w = map.size(3);
    const double floor = config_.centroid_threshold * m[0][0][i][j];
    double total = 0, sx = 0, sy = 0;
    for (int64_t y = std::max<int64_t>(i - r, 0); y <= std::min(i + r, h - 1); ++y) {
      for (int64_t x = std::max<int64_t>(j - r, 0); x <= std::min(j + r, w - 1); ++x) {
        const double v = m[0][0][y][x] - floor;
        if (v <= 0) continue;
        total += v;
        sx += v * x;
        sy += v * y;
      }
    }
    const double cx = total > 0 ? sx / total : static_cast<double>(j), cy = total > 0 ? sy / total : static_cast<double>(i);
    return {(cx + 0.5) * stride / k, (cy + 0.5) * stride / k};
  }
  geometry::Box to_input(const geometry::Box& b) const {
    const double k = scale_;
    return {b.x * k, b.y * k, b.w * k, b.h * k};
  }
  cv::Mat scaled(const cv::Mat& frame) const {
    cv::Mat input = bgr(frame);
    if (scale_ != 1.0) cv::resize(input, input, cv::Size(), scale_, scale_, scale_ < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
    return input;
  }
  static cv::Mat bgr(const cv::Mat& frame) {
    if (frame.type() == CV_8UC3) return frame;
    cv::Mat out;
    if (frame.type() == CV_8UC1) {
      cv::cvtColor(frame, out, cv::COLOR_GRAY2BGR);
      return out;
    }
    throw Error("spot tracker: expected an 8-bit BGR or grey frame");
  }
  static torch::Tensor to_tensor(const cv::Mat& m) { return model::bgr_image_tensor(m.data, m.rows, m.cols, m.step); }

  SpotTrackerConfig config_;
  double scale_ = 1.0;  // input_scale_for() the current target
  model::SpotModel model_{nullptr};
  std::vector<torch::Tensor> kernels_;
  std::unique_ptr<OnlineTargetModel> online_;
  std::future<void> learning_;  // the online model's update running on its own thread (learn())
  double online_weight_ = 0;  // the online map's share for this target (config_.online.blend_weight)
  CandidateAssociation association_;
  TemplateRefiner refiner_;
  LocalTracker local_;
  cv::Size frame_size_;
  int since_update_ = 0;
  geometry::Point rival_;  // the map's answer where it last disagreed with the local tracker ...
  int rival_frames_ = 0;   // ... and in how many frames in a row (rival_elsewhere)
  double reference_ = 1.0;  // the target's fused score when surely present (relative presence)
  std::pair<double, double> size_correction_{1, 1};  // init box / box head's size at init (w, h)
  std::pair<double, double> size_{1, 1};             // working target size (prior, online model), frame px
  std::pair<double, double> box_size_correction_{1, 1};  // the same factors at the init map's peak
  std::pair<double, double> box_size_{1, 1};         // the reported box's size, frame px
  torch::Tensor last_map_;                           // last update()'s fused map (1x1xHxW)
  double last_map_stride_ = 1.0;                     // input px per map cell
  geometry::Box last_;  // the last reported box (the template hold searches around it)
};

SpotTracker::SpotTracker(const SpotTrackerConfig& config) : impl_(std::make_unique<SpotTrackerImpl>(config)) {}
SpotTracker::~SpotTracker() = default;
void SpotTracker::init(const cv::Mat& frame, const geometry::Box& box) { impl_->init(frame, box); }
TrackResult SpotTracker::update(const cv::Mat& frame) { return impl_->update(frame); }
cv::Mat SpotTracker::score_map() const { return impl_->score_map(); }

}  // namespace spot::track
