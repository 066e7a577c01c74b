// TemplateRefiner: moves the reported box onto the target's middle by matching an image template of
// the target (normalised cross-correlation) in a small window around the box the score map gave.
// The maps are coarse (one cell = 4 input px, the online model's 8, at an input often half the frame)
// and SPOT's point criterion lets the peak sit anywhere on the target, so the map says *where* the
// target is and the template says exactly *how it lines up*. Only the reported box moves: the window
// is bounded, so a bad match cannot take the box further than `search` target sizes away.
#pragma once

#include <string>

#include <opencv2/core.hpp>

#include "spot/geometry/box.hpp"
#include "spot/util/config_fields.hpp"

namespace spot::track {

struct RefineConfig {
  bool enabled = true;
  double search = 0.5;           // the box may move up to this many target sizes (w, h) each way
  // The box moves only when the best match scores at least accept_ncc (normalised, -1..1); a present
  // frame whose match scores at least update_ncc blends its patch into the template at
  // template_rate (0 = the init frame's template for good: a learning template drifted over long
  // sequences). 0.6 and 0 were chosen on held-out data (docs/TRACKER.md).
  double accept_ncc = 0.6;
  double template_rate = 0.0;
  double update_ncc = 0.5;
  double min_target_px = 8;      // no refinement when the box's shorter side is under this (frame px)
  double max_template_px = 32;   // matching runs at a scale where sqrt(w*h) of the template is at most this
  // > 0: the candidates of a frame are chosen by (1 - verify) x fused score + verify x their template
  // match (match_near, negatives as 0), so a look-alike that the network likes but that does not
  // look like the target loses; presence still reads the fused score. 0 = off.
  double verify = 0.0;
  // Scale: at the matched place the template is also tried at scale_step and 1 / scale_step times
  // the current size (each within a quarter target size); the best, when it matches at least
  // accept_ncc, moves the box's size factor by scale_rate of the way (a factor kept across frames,
  // 1/3..3, on top of the size the tracker gives). 1 = sizes as given. 1.05 and 0.5 were chosen on
  // held-out data (docs/TRACKER.md).
  double scale_step = 1.05;
  double scale_rate = 0.5;
  // In every frame where the template matches, the size factor first goes this share of the way
  // back to 1 (in log), i.e. to the size the tracker gives (the box head's). The template's steps
  // alone have no pull back: where the target has turned and a smaller window matches the init
  // template better, they shrink the box to the factor's floor, a third (docs/TRACKER.md). 0 = no
  // pull (the default: 0.05 cost a little on all three held-out sets).
  double scale_decay = 0.0;
  util::Fields fields();
  void validate(const std::string& source = "refine config") const;
};

class TemplateRefiner {
 public:
  explicit TemplateRefiner(const RefineConfig& config = {});
  // Takes the target's appearance from `frame` (8-bit BGR or grey) inside `box` (frame px).
  void init(const cv::Mat& frame, const geometry::Box& box);
  // `box` moved to where the template matches best within the search window (and, with scale_step,
  // resized by the size factor); `box` itself when refinement is off, the box is too small, or the
  // window leaves too little frame. With `learn`, a match scoring at least update_ncc blends that
  // patch into the template.
  geometry::Box refine(const cv::Mat& frame, const geometry::Box& box, bool learn);
  // The normalised correlation of the last refine()'s best match (0 when it did not match).
  double last_match() const { return last_match_; }
  // The best normalised correlation of the template within the search window around `box` (0 when
  // it cannot be matched there): how much the image there looks like the target. Changes nothing.
  double match_near(const cv::Mat& frame, const geometry::Box& box) const;
  struct Match {
    double ncc = 0;    // 0: not matched
    geometry::Box box; // the box moved onto the best match
  };
  // Where the template matches best within `search` target sizes (w, h) of `box`, at `box`'s size
  // (ncc 0 when it cannot be matched there). Changes nothing.
  Match locate(const cv::Mat& frame, const geometry::Box& box, double search) const;

 private:
  RefineConfig config_;
  cv::Mat template_;  // CV_32F grey, the init box's size in frame px
  double scale_ = 1.0;  // size factor found by the scale search (scale_step)
  double last_match_ = 0;
};

}  // namespace spot::track
