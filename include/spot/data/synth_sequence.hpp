// SynthSequenceGenerator: plans and renders one synthetic long-term sequence (target leaving and
// re-entering the frame, full occlusions, scale and light changes, blur, distractors, camera motion).
// The plan is made once from (config, seed, index); any frame can then be rendered on its own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>
#include <opencv2/core/mat.hpp>

#include "spot/data/synth_config.hpp"
#include "spot/data/texture.hpp"
#include "spot/geometry/box.hpp"

namespace spot::data {

struct SynthEvent {
  std::string type;  // "leave_frame" or "full_occlusion"
  int start = 0;     // first frame of the planned absence (0-based)
  int end = 0;       // one past the last planned frame
};

// Real material for backgrounds / target patches (`--backgrounds DIR`); optional.
class RealMaterial {
 public:
  virtual ~RealMaterial() = default;
  // A random frame (8-bit BGR).
  virtual cv::Mat background(Rng& rng) const = 0;
  // A random GT patch (8-bit BGR), at least 8x8 px.
  virtual cv::Mat target_patch(Rng& rng) const = 0;
};

class SynthSequenceGenerator {
 public:
  // Plans sequence `index` of the dataset described by `config` (validated by the caller).
  // `real` may be null unless config.backgrounds / target_source ask for real material.
  SynthSequenceGenerator(const SynthConfig& config, int index, const RealMaterial* real = nullptr);

  const std::string& name() const { return name_; }
  int size() const { return static_cast<int>(frames_.size()); }
  // Ground truth per frame: the visible part of the target box (integers), nullopt when the target is
  // entirely outside the frame or entirely behind the occluder.
  const std::vector<geometry::MaybeBox>& groundtruth() const { return groundtruth_; }
  const std::vector<SynthEvent>& events() const { return events_; }
  // sqrt(w*h) of the whole (unclipped) target box per frame.
  std::vector<double> target_sizes() const;
  // Per-sequence metadata for meta.json: sizes per frame, events, distractors, base size, aspect.
  nlohmann::json meta() const;

  // Renders frame `t` (8-bit BGR, config width x height). With draw_target = false the target is
  // left out and everything else (noise included) is identical, which is how tests check the GT.
  cv::Mat render(int t, bool draw_target = true) const;

 private:
  struct FramePlan {
    cv::Rect target;                     // whole target box, view coordinates, may leave the frame
    std::optional<cv::Rect> occluder;    // in view coordinates
    std::vector<cv::Rect> distractors;   // in view coordinates
    cv::Point camera;                    // top-left of the view in the background canvas
    double gain = 1.0;                   // global brightness factor
    int blur_length = 0;                 // motion-blur kernel length, 0 = sharp
    double blur_angle = 0.0;             // radians
    std::uint64_t noise_seed = 0;
  };

  void plan(Rng& rng);

  SynthConfig config_;
  std::string name_;
  int index_ = 0;
  double base_size_ = 0.0;
  double aspect_ = 1.0;
  cv::Mat canvas_;  // background, larger than the view by the camera margin
  Sprite target_;
  Sprite occluder_;
  std::vector<Sprite> distractor_sprites_;
  std::vector<FramePlan> frames_;
  std::vector<SynthEvent> events_;
  std::vector<geometry::MaybeBox> groundtruth_;
};

// Draws a target size (sqrt(w*h), px) from config.size_distribution.
double draw_target_size(const SynthConfig& config, Rng& rng);

// The reference size of sequence `index`: stratified over the config's sequences (a seeded shuffle
// of n equal-probability strata), so even a small dataset covers the size range evenly.
double stratified_target_size(const SynthConfig& config, int index, Rng& rng);

}  // namespace spot::data
