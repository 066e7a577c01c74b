// Size-balanced training pairs: plan (frames, scale, placement) then render (warp + crop + jitter).
#include "spot/data/size_balanced_sampler.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <opencv2/imgproc.hpp>

#include "spot/data/frame_reader.hpp"
#include "spot/error.hpp"

namespace spot::data {

void SamplerConfig::validate(const std::string& source) const {
  size.validate(source, std::min(search_width, search_height));
  auto fail = [&](const std::string& what) { throw Error("invalid sampler config: " + what, source); };
  if (search_width < 32 || search_height < 32) fail(fmt::format("search size {}x{} (expected >= 32x32)", search_width, search_height));
  if (template_size < 8) fail(fmt::format("template_size = {} (expected >= 8)", template_size));
  if (max_frame_gap < 0) fail(fmt::format("max_frame_gap = {} (expected >= 0)", max_frame_gap));
  if (!(absent_share >= 0 && absent_share < 1)) fail(fmt::format("absent_share = {} (expected 0 <= x < 1)", absent_share));
}

SizeBalancedSampler::SizeBalancedSampler(std::vector<Sequence> sequences, SamplerConfig config)
    : config_(std::move(config)) {
  config_.validate();
  for (auto& s : sequences) {
    std::vector<int> present, absent;
    for (int i = 0; i < static_cast<int>(s.groundtruth.size()); ++i) {
      (s.groundtruth[i] && s.groundtruth[i]->non_empty() ? present : absent).push_back(i);
    }
    if (present.empty()) continue;
    sequences_.push_back(std::move(s));
    present_.push_back(std::move(present));
    absent_.push_back(std::move(absent));
  }
  if (sequences_.empty()) throw Error("no sequence with a ground-truth box to sample training pairs from");
}

PairPlan SizeBalancedSampler::plan(std::uint64_t index) const {
  Rng rng = Rng::stream(config_.seed, index);
  PairPlan p;
  p.sequence = rng.integer(0, static_cast<int>(sequences_.size()) - 1);
  const auto& present = present_[p.sequence];
  const auto& absent = absent_[p.sequence];
  p.template_frame = present[rng.integer(0, static_cast<int>(present.size()) - 1)];
  auto near = [&](const std::vector<int>& frames) {
    std::vector<int> ok;
    for (int f : frames)
      if (std::abs(f - p.template_frame) <= config_.max_frame_gap) ok.push_back(f);
    return ok;
  };
  const std::vector<int> absent_near = near(absent);
  p.absent = !absent_near.empty() && rng.chance(config_.absent_share);
  const double target_size = config_.size.draw(rng);
  const double W = config_.search_width, H = config_.search_height;
  const auto& gt = sequences_[p.sequence].groundtruth;
  if (p.absent) {
    // No box in the search frame: scale it as if the template-frame box had the drawn size.
    p.search_frame = absent_near[rng.integer(0, static_cast<int>(absent_near.size()) - 1)];
    const geometry::Box& tb = *gt[p.template_frame];
    p.scale = target_size / geometry::box_size(tb);
    p.offset = {rng.uniform(-p.scale * tb.x, W - p.scale * tb.x), rng.uniform(-p.scale * tb.y, H - p.scale * tb.y)};
    return p;
  }
  const std::vector<int> present_near = near(present);
  p.search_frame = present_near[rng.integer(0, static_cast<int>(present_near.size()) - 1)];
  const geometry::Box& b = *gt[p.search_frame];
  p.scale = target_size / geometry::box_size(b);
  // The target lands anywhere in the search image where it fits whole (uniform placement also keeps
  // the model from learning a centre prior).
  const double w = p.scale * b.w, h = p.scale * b.h;
  const double cx = w < W ? rng.uniform(w / 2, W - w / 2) : W / 2;
  const double cy = h < H ? rng.uniform(h / 2, H - h / 2) : H / 2;
  p.offset = {cx - p.scale * (b.x + b.w / 2), cy - p.scale * (b.y + b.h / 2)};
  const geometry::Box mapped{p.scale * b.x + p.offset.x, p.scale * b.y + p.offset.y, w, h};
  p.search_box = geometry::crop_to_image(mapped, {config_.search_width, config_.search_height});
  return p;
}

TrainingPair SizeBalancedSampler::sample(std::uint64_t index) const {
  TrainingPair pair;
  pair.plan = plan(index);
  const PairPlan& p = pair.plan;
  const Sequence& seq = sequences_[p.sequence];
  FrameReader reader(seq);
  // A second stream for pixel-level randomness keeps plan() independent of rendering.
  Rng rng = Rng::stream(config_.seed ^ 0x5a5a5a5a5a5a5a5aULL, index);

  // Search: one affine warp does the rescale and the crop or padding; padding takes the frame's mean
  // colour, which is less of a learnable edge than black.
  const cv::Mat search_src = reader.read(p.search_frame);
  const cv::Mat m = (cv::Mat_<double>(2, 3) << p.scale, 0, p.offset.x, 0, p.scale, p.offset.y);
  const int interp = p.scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR;
  cv::warpAffine(search_src, pair.search_image, m, {config_.search_width, config_.search_height}, interp,
                 cv::BORDER_CONSTANT, cv::mean(search_src));

  // Template: a template_size square around the template box, at the search frame's scale, so the
  // template and search images show the target at the sizes the video has (as at tracking time,
  // where the template is cut from the init frame without rescaling).
  const cv::Mat tsrc = p.template_frame == p.search_frame ? search_src : reader.read(p.template_frame);
  const geometry::Box& tb = *seq.groundtruth[p.template_frame];
  const double k = p.scale, half = config_.template_size / 2.0;
  const geometry::Point c = tb.center();
  const cv::Mat tm = (cv::Mat_<double>(2, 3) << k, 0, half - k * c.x, 0, k, half - k * c.y);
  cv::warpAffine(tsrc, pair.template_image, tm, {config_.template_size, config_.template_size},
                 k < 1 ? cv::INTER_AREA : cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::mean(tsrc));
  pair.template_box = geometry::crop_to_image({half - k * tb.w / 2, half - k * tb.h / 2, k * tb.w, k * tb.h},
                                              {config_.template_size, config_.template_size});

  if (config_.photometric) {
    pair.search_image = photometric_jitter(pair.search_image, config_.jitter, rng);
    pair.template_image = photometric_jitter(pair.template_image, config_.jitter, rng);
  }
  return pair;
}

std::vector<SizeBin> sampled_size_histogram(const SizeBalancedSampler& sampler, std::uint64_t first,
                                            std::uint64_t n) {
  std::vector<SizeBin> bins = half_octave_bins();
  for (std::uint64_t i = first; i < first + n; ++i) {
    const PairPlan p = sampler.plan(i);
    if (p.search_box) ++bins[bin_index(bins, geometry::box_size(*p.search_box))].frames;
  }
  return bins;
}

}  // namespace spot::data
