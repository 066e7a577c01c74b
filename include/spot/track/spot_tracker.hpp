// SpotTracker: SPOT's own tracker. init() encodes the target (offline template kernels, and the
// online target model fitted on the whole init frame); every update() scores the WHOLE frame (never
// a window around the last position: that is what lets it find a target again after it left the view
// or was hidden) with the offline network and the online model, keeps the top peaks of the fused
// map as candidates, picks the target among them (candidate association), decodes the box there and
// reports presence from its score. Confident frames train the online model further.
#pragma once

#include <memory>
#include <string>

#include "spot/track/candidate_association.hpp"
#include "spot/track/local_tracker.hpp"
#include "spot/track/online_target_model.hpp"
#include "spot/track/template_refiner.hpp"
#include "spot/track/tracker.hpp"
#include "spot/util/config_fields.hpp"

namespace spot::track {

struct SpotTrackerConfig {
  std::string weights;              // model.pt from `spot train`; empty = weights/spot_default.pt
  // Present when the chosen peak's fused score is at least this. Negative: the value calibrated on
  // validation data and stored with the weights (`spot calibrate`), or 0.5 when they hold none.
  double presence_threshold = -1;
  // Frames (and the template) are resized by this before scoring. 0 = chosen per target at init():
  // frames whose longer side exceeds max_input_side are shrunk to it, but never so far that the
  // target's size sqrt(w*h) falls under min_target_px; a target larger than max_target_px (the
  // largest size the network was trained on) is shrunk to it.
  double input_scale = 1.0;
  int max_input_side = 640;
  double min_target_px = 32;
  double max_target_px = 128;
  // Small targets: when the target's sqrt(w*h) at the chosen scale is under upscale_below_px, the
  // scale is multiplied by `upscale`, as far as the frame's longer side stays within
  // max_upscaled_side (a small target covers a few more cells of every map; the cost grows with the
  // frame's area, so large frames are not enlarged). upscale_below_px = 0 or upscale = 1: off.
  // Chosen on held-out data (docs/TRACKER.md): 16 px, 2x, frames up to 1280 px.
  double upscale_below_px = 16;
  double upscale = 2.0;
  int max_upscaled_side = 1280;
  int template_size = 128;          // template crop side at input scale (as in training)
  // LibTorch intra-op threads. One, plus the level heads on a second thread (concurrent_levels), was
  // the fastest on 2 cores under every load measured (docs/BENCHMARKS.md); on more cores, try more.
  int threads = 1;
  // The network's shallow level heads run on LibTorch's inter-op pool while the backbone goes on
  // (SpotModel::set_concurrent_levels). Same numbers.
  bool concurrent_levels = true;
  // The online model learns (its refit, a few weighted least-squares solves) on a thread of its own,
  // while the caller reads the next frame and the network scores it (its level heads then stay on
  // the calling thread); the next update() waits for it before the online model scores. The same
  // filter reaches the same frame: same numbers. false: it learns inside update().
  bool background_learning = true;
  int max_candidates = 5;           // peaks of the score map considered per frame
  double update_threshold = 0.6;    // the online model learns from a frame only above this score ...
  int update_interval = 3;          // ... and at most every this many frames
  // true: the reported score is the chosen peak's fused score divided by the target's own reference
  // (its score in the init frame, then following confident frames), clamped to 0..1.
  bool relative_presence = false;
  // Target sizes follow the box head at the chosen point (corrected by its error on the init frame)
  // at these rates; 0 = the init size. The working size (the motion prior's width, the online
  // model's target region, the centroid's window) at size_smoothing, the reported box at
  // box_size_smoothing: slower, because the head's sizes are noisy (docs/TRACKER.md).
  double size_smoothing = 0.1;
  double box_size_smoothing = 0.01;
  // > 0: the reported box is centred on the centroid of the fused map around the chosen peak, over
  // the cells within half the target's size scoring above this fraction of the peak (the peak may sit
  // anywhere on the target; the blob's centre is nearer its middle). 0 = on the peak cell's centre.
  // The tracker's state (motion prior, online model) follows the peak either way.
  double centroid_threshold = 0.5;
  OnlineModelConfig online;         // [online] in a config file
  AssociationConfig association;    // [association]
  RefineConfig refine;              // [refine]: the reported box lined up on the target by template matching
  LocalTrackerConfig local;         // [local]: a learned local tracker asked where the map is not sure
  util::Fields fields();
  void validate(const std::string& source = "tracker config") const;
};

// Reads a tracker config file (TOML: the keys above at the top level, [online], [association],
// [refine] and [local] sections), starting from the defaults. Throws spot::Error "<file>:<line>: ..." on unknown keys,
// wrong types or invalid values.
SpotTrackerConfig load_spot_tracker_config(const std::string& path);

// The factor frames are resized by before scoring for a target `box` in frames of this size: the
// config's input_scale, or with input_scale = 0 the one chosen from max_input_side, min_target_px and
// max_target_px (never above 1).
double input_scale_for(const SpotTrackerConfig& config, int frame_width, int frame_height, const geometry::Box& box);

class SpotTrackerImpl;  // keeps LibTorch out of this header

class SpotTracker final : public Tracker {
 public:
  // Loads the weights (throws spot::Error naming the file when missing, corrupt or not a SPOT model).
  explicit SpotTracker(const SpotTrackerConfig& config = {});
  ~SpotTracker() override;
  void init(const cv::Mat& frame, const geometry::Box& box) override;
  TrackResult update(const cv::Mat& frame) override;
  std::string name() const override { return "spot"; }
  // The score of every location of the last update()'s frame (the fused map, 0..1, that the top
  // point was taken from), bilinearly resized to the frame: CV_32F, frame size. Empty before the
  // first update(). For display (`spot track --heatmap`), not for decisions.
  cv::Mat score_map() const;

 private:
  std::unique_ptr<SpotTrackerImpl> impl_;
};

// The default weights shipped in the repo (weights/spot_default.pt), found like the backbone's:
// explicit path, $SPOT_WEIGHTS_DIR, next to the executable, the source tree. Throws spot::Error
// listing the places tried.
std::string find_spot_weights(const std::string& explicit_path = "");

// The presence threshold stored in a weights file's metadata ("tracker": {"presence_threshold"}),
// or 0.5 when it has none. Throws spot::Error when the file cannot be read or the value is invalid.
double stored_presence_threshold(const std::string& weights);

}  // namespace spot::track
