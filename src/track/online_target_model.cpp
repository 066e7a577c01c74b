// OnlineTargetModel: feature stacking, labels, sample memory and refits.
#include "spot/track/online_target_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <torch/torch.h>

#include "spot/error.hpp"
#include "spot/track/online_solver.hpp"

namespace spot::track {

namespace F = torch::nn::functional;

util::Fields OnlineModelConfig::fields() {
  return {{"enabled", &enabled},           {"weight", &weight},
          {"stride", &stride},             {"lambda", &lambda},
          {"sigma", &sigma},               {"target_share", &target_share},
          {"iterations", &iterations},     {"learning_rate", &learning_rate},
          {"init_share", &init_share},     {"memory", &memory},
          {"max_negatives", &max_negatives}, {"zero_weight_px", &zero_weight_px},
          {"full_weight_px", &full_weight_px}, {"hard_negative_share", &hard_negative_share},
          {"hard_negative_ratio", &hard_negative_ratio}};
}

double OnlineModelConfig::blend_weight(double target_px) const {
  if (full_weight_px <= 0 || target_px >= full_weight_px) return weight;  // no ramp, or above it
  if (target_px <= zero_weight_px) return 0.0;
  const double lo = std::log(zero_weight_px);
  return weight * (std::log(target_px) - lo) / (std::log(full_weight_px) - lo);
}

void OnlineModelConfig::validate(const std::string& source) const {
  auto fail = [&](const std::string& what) { throw Error("invalid online model config: " + what, source); };
  auto unit = [&](const char* name, double v) {
    if (!(v >= 0 && v <= 1)) fail(fmt::format("{} = {} (expected 0..1)", name, v));
  };
  unit("weight", weight);
  unit("target_share", target_share);
  unit("learning_rate", learning_rate);
  unit("init_share", init_share);
  unit("hard_negative_share", hard_negative_share);
  unit("hard_negative_ratio", hard_negative_ratio);
  if (stride != 4 && stride != 8 && stride != 16) fail(fmt::format("stride = {} (expected 4, 8 or 16)", stride));
  if (!(lambda > 0)) fail(fmt::format("lambda = {} (expected > 0)", lambda));
  if (!(sigma > 0)) fail(fmt::format("sigma = {} (expected > 0)", sigma));
  if (iterations < 0 || iterations > 50) fail(fmt::format("iterations = {} (expected 0..50)", iterations));
  if (memory < 0 || memory > 100) fail(fmt::format("memory = {} (expected 0..100)", memory));
  if (max_negatives < 0) fail(fmt::format("max_negatives = {} (expected >= 0; 0 = all)", max_negatives));
  if (!(zero_weight_px >= 0) || !(full_weight_px >= 0)) {
    fail(fmt::format("zero_weight_px = {}, full_weight_px = {} (expected >= 0)", zero_weight_px, full_weight_px));
  }
  if (full_weight_px > 0 && !(zero_weight_px > 0 && zero_weight_px < full_weight_px)) {
    fail(fmt::format("zero_weight_px = {} (expected 0 < zero_weight_px < full_weight_px = {}; "
                     "full_weight_px = 0 turns the size ramp off)",
                     zero_weight_px, full_weight_px));
  }
}

OnlineTargetModel::OnlineTargetModel(const OnlineModelConfig& config) : config_(config) { config_.validate(); }

std::pair<int64_t, int64_t> OnlineTargetModel::grid_size(const std::vector<at::Tensor>& features,
                                                         const std::vector<double>& strides) const {
  if (features.empty() || features.size() != strides.size()) {
    throw Error("online model: one stride per feature level expected");
  }
  const double s = config_.stride;
  int64_t h = 0, w = 0;
  // The grid is that of the level closest to the chosen stride.
  for (size_t l = 0; l < features.size(); ++l) {
    if (h == 0 || std::abs(std::log(strides[l] / s)) < 1e-6) {
      h = static_cast<int64_t>(std::ceil(features[l].size(2) * strides[l] / s));
      w = static_cast<int64_t>(std::ceil(features[l].size(3) * strides[l] / s));
    }
  }
  return {h, w};
}

at::Tensor OnlineTargetModel::to_grid(const at::Tensor& map, double stride, int64_t h, int64_t w) const {
  if (map.size(2) == h && map.size(3) == w) return map;
  // Finer levels are averaged (keeps a sub-cell target's energy), coarser ones interpolated.
  auto opts = F::InterpolateFuncOptions().size(std::vector<int64_t>{h, w});
  if (stride < config_.stride) {
    opts.mode(torch::kArea);
  } else {
    opts.mode(torch::kBilinear).align_corners(false);
  }
  return F::interpolate(map, opts);
}

at::Tensor OnlineTargetModel::stack_features(const std::vector<at::Tensor>& features,
                                             const std::vector<double>& strides) {
  const auto [h, w] = grid_size(features, strides);
  const bool first = level_scale_.empty();
  std::vector<at::Tensor> parts;
  for (size_t l = 0; l < features.size(); ++l) {
    auto f = to_grid(features[l].to(torch::kFloat32), strides[l], h, w);
    f = f[0].flatten(1).t();  // [N,C_l]
    // Levels differ in channels and magnitude: each is scaled once, at init, to unit mean norm.
    if (first) level_scale_.push_back(1.0 / (f.norm(2, 1).mean().item<double>() + 1e-6));
    parts.push_back(f * level_scale_.at(l));
  }
  parts.push_back(torch::ones({h * w, 1}));  // bias
  last_h_ = static_cast<int>(h);
  last_w_ = static_cast<int>(w);
  return torch::cat(parts, 1).contiguous();
}

OnlineTargetModel::Sample OnlineTargetModel::make_sample(const at::Tensor& features, const geometry::Box& box,
                                                         const std::vector<geometry::Point>& distractors) const {
  const double s = config_.stride;
  const auto cx = (torch::arange(last_w_, torch::kFloat32) + 0.5) * s;  // cell centres, input px
  const auto cy = (torch::arange(last_h_, torch::kFloat32) + 0.5) * s;
  const auto gx = cx.unsqueeze(0).expand({last_h_, last_w_});
  const auto gy = cy.unsqueeze(1).expand({last_h_, last_w_});
  const geometry::Point c = box.center();
  const double sigma = std::max(0.5 * s, config_.sigma * std::sqrt(std::max(box.w * box.h, 1.0)));
  const auto d2 = (gx - c.x).pow(2) + (gy - c.y).pow(2);
  Sample out;
  out.labels = torch::exp(-d2 / (2 * sigma * sigma)).flatten();
  // Target region: the box (at least the cell holding its centre); the rest of the frame is background.
  const double hx = std::max(box.w / 2, 0.5 * s), hy = std::max(box.h / 2, 0.5 * s);
  const auto region = [&](const geometry::Point& p) {
    return ((gx - p.x).abs() <= hx).logical_and((gy - p.y).abs() <= hy).to(torch::kFloat32).flatten();
  };
  out.target = region(c);
  // A distractor's region: a box of the target's size around it, outside the target region.
  out.hard = torch::zeros_like(out.target);
  if (config_.hard_negative_share > 0) {
    for (const auto& p : distractors) out.hard = torch::maximum(out.hard, region(p));
    out.hard = out.hard * (1 - out.target);
  }
  // Weights: target_share over the target region; the rest over the background, of which
  // hard_negative_share over the distractor regions when there are any.
  const auto easy = 1 - out.target - out.hard;
  const double n_target = std::max(out.target.sum().item<double>(), 1.0);
  const double n_hard = out.hard.sum().item<double>();
  const double n_easy = std::max(easy.sum().item<double>(), 1.0);
  const double background = 1 - config_.target_share;
  const double hard_share = n_hard > 0 ? config_.hard_negative_share : 0.0;
  out.weights = out.target * (config_.target_share / n_target) + out.hard * (background * hard_share / std::max(n_hard, 1.0)) +
                easy * (background * (1 - hard_share) / n_easy);
  out.features = features;
  return out;
}

void OnlineTargetModel::init(const std::vector<at::Tensor>& features, const std::vector<double>& strides,
                             const geometry::Box& box, const std::vector<geometry::Point>& distractors) {
  level_scale_.clear();
  memory_.clear();
  filter_ = at::Tensor();
  init_sample_ = make_sample(stack_features(features, strides), box, distractors);
  refit();
  prune(init_sample_);
}

void OnlineTargetModel::prune(Sample& sample) const {
  // Distractor regions are never pruned: they are the negatives the sample is for.
  const auto background = (sample.target < 0.5).logical_and(sample.hard < 0.5);
  const int64_t n_background = background.sum().item<int64_t>();
  if (config_.max_negatives == 0 || n_background <= config_.max_negatives) return;
  // Target and distractor rows get +inf so they always stay.
  const auto s = torch::where(background, sample.features.mv(filter_),
                              torch::full_like(sample.labels, std::numeric_limits<float>::infinity()));
  const int64_t keep_n = sample.target.numel() - n_background + config_.max_negatives;
  const auto keep = std::get<1>(s.topk(keep_n));
  sample.features = sample.features.index_select(0, keep);
  sample.labels = sample.labels.index_select(0, keep);
  sample.target = sample.target.index_select(0, keep);
  sample.weights = sample.weights.index_select(0, keep);
  sample.hard = sample.hard.index_select(0, keep);
}

at::Tensor OnlineTargetModel::score(const std::vector<at::Tensor>& features, const std::vector<double>& strides) {
  if (!initialised()) throw Error("online model: score() before init()");
  const auto [h, w] = grid_size(features, strides);
  if (features.size() != level_scale_.size()) throw Error("online model: score() with another number of levels than init()");
  // The filter is linear and so is resampling to the grid: each level's part of the filter is
  // applied at the level's own resolution (a 1x1 convolution) and only the 1-channel maps are
  // resampled, instead of resampling every channel and stacking them. Same scores up to rounding.
  at::Tensor map = filter_[-1].expand({1, 1, h, w});
  int64_t offset = 0;
  for (size_t l = 0; l < features.size(); ++l) {
    const auto f = features[l].to(torch::kFloat32);
    const int64_t c = f.size(1);
    const auto kernel = (filter_.narrow(0, offset, c) * level_scale_[l]).view({1, c, 1, 1});
    map = map + to_grid(F::conv2d(f, kernel.to(f.options()).contiguous(f.suggest_memory_format())), strides[l], h, w);
    offset += c;
  }
  // update() stacks the features only when it needs them (a few frames in ten).
  last_frame_ = features;
  last_strides_ = strides;
  return map;
}

at::Tensor OnlineTargetModel::score_stacked(const std::vector<at::Tensor>& features, const std::vector<double>& strides) {
  if (!initialised()) throw Error("online model: score_stacked() before init()");
  return stack_features(features, strides).mv(filter_).view({1, 1, last_h_, last_w_});
}

void OnlineTargetModel::update(const geometry::Box& box, const std::vector<geometry::Point>& distractors) {
  if (last_frame_.empty()) throw Error("online model: update() without a scored frame");
  if (config_.memory == 0) return;
  for (auto& m : memory_) m.weight *= 1 - config_.learning_rate;
  memory_.push_back(make_sample(stack_features(last_frame_, last_strides_), box, distractors));
  memory_.back().weight = config_.learning_rate;
  prune(memory_.back());
  last_frame_.clear();
  if (static_cast<int>(memory_.size()) > config_.memory) {
    memory_.erase(std::min_element(memory_.begin(), memory_.end(),
                                   [](const Sample& a, const Sample& b) { return a.weight < b.weight; }));
  }
  refit();
}

void OnlineTargetModel::refit() {
  std::vector<at::Tensor> x{init_sample_.features}, y{init_sample_.labels}, t{init_sample_.target};
  double memory_total = 0;
  for (const auto& m : memory_) memory_total += m.weight;
  const double init_share = memory_.empty() ? 1.0 : config_.init_share;
  std::vector<at::Tensor> w{init_sample_.weights * init_share};
  for (const auto& m : memory_) {
    x.push_back(m.features);
    y.push_back(m.labels);
    t.push_back(m.target);
    w.push_back(m.weights * ((1 - init_share) * m.weight / memory_total));
  }
  FilterProblem p{torch::cat(x), torch::cat(y), torch::cat(t), torch::cat(w), config_.lambda};
  // Warm start from the previous filter: the active set changes little between refits.
  filter_ = fit_filter(p, std::max(config_.iterations, 1), filter_.defined() ? filter_ : at::Tensor());
}

}  // namespace spot::track
