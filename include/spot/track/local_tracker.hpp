// LocalTracker: a learned local tracker beside SPOT's global search (LTMU's arrangement, kept lazy).
// The whole-frame map finds the target anywhere, but on real sequences it loses deforming or
// look-alike targets that a local tracker learning the target's current appearance keeps (OpenCV
// CSRT found 0.953 of ../shared/train's frames against the map's 0.828: docs/TRACKER.md). So while
// SPOT is sure of the target, the local tracker only remembers the frame (the part of it around the
// target); when SPOT is not sure, it starts from the last sure frame and follows the target until
// SPOT is sure again. It never replaces the global search: SpotTracker asks it only where the map's
// answer is absent or away from where the target was, and only takes its answer where the map also
// scores.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <opencv2/core.hpp>

#include "spot/geometry/box.hpp"
#include "spot/util/config_fields.hpp"

namespace cv {
class Tracker;
}

namespace spot::track {

struct LocalTrackerConfig {
  bool enabled = false;
  // OpenCV CSRT's settings that set its cost: the side (px) its search window is resized to at most,
  // its ADMM iterations and scales searched (OpenCV's defaults: 200, 4, 33; 100 px found as many
  // frames on ../shared/train at less cost, docs/TRACKER.md).
  int template_size = 100;
  int admm_iterations = 4;
  int number_of_scales = 33;
  // CSRT's spatial reliability map (a colour segmentation of the target in each frame) and its
  // colour-names features: OpenCV's defaults (on); together about 40 % of its time per frame.
  bool segmentation = true;
  bool colour_names = true;
  // CSRT reports the target lost (no answer this frame) when its response's peak is under this
  // (OpenCV's default 0.035 rarely says lost; higher lets go of a target that left sooner).
  double psr_threshold = 0.035;
  // Its answer counts only where the fused map scores at least this (relative when presence is): a
  // local tracker keeps following *something* after the target left; the network tells it is not the target.
  double min_score = 0.1;
  // false: its answer is taken only where the map's answer is present but away, never where the map
  // says absent (it still follows the target through such frames).
  bool absent_frames = true;
  // Where the map's answer is present (but away), the local tracker's place must also score at least
  // this share of it: a clear peak elsewhere (the target back) beats a place the map hardly likes. 0 = off;
  // 0.3 was chosen on held-out data (docs/TRACKER.md).
  double min_share = 0.3;
  // Its box must also look like the target: the init template's best match within a quarter of a
  // target size of it scores at least this (normalised correlation, needs [refine]; a box too small
  // or flat to match passes). A local tracker that goes on following the place the target left ends
  // on background the template does not match. 0 = off.
  double min_ncc = 0.0;
  // true: it follows the target in every frame (started again only where SPOT is sure and its box
  // misses the map's answer), and its place is weighed against the map's answer wherever the two
  // disagree, also in frames the map is sure of (a look-alike the map prefers does not take the
  // track). false: it runs only where SPOT is not sure (cheaper).
  bool every_frame = false;
  // With every_frame: it tracks each frame on a thread of its own while the network scores the frame
  // (it does not need the map to follow the target; the same boxes as one after the other).
  bool concurrent = true;
  // true: where its box is on the map's answer, its box is the one reported (it follows the target's
  // size and current appearance; the map's box head is noisy). Only in frames where it runs.
  bool report_box = false;
  // Where its box is on the map's answer (and report_box is off), the reported box goes this share
  // of the way from SPOT's box to it, centre and size (0 = SPOT's box; 1 = as report_box).
  double box_weight = 0.0;
  // Where the map's answer is present off its box in this many frames in a row, each near the one
  // before (a track of its own: the target back elsewhere, say), the map's answer is taken instead
  // (0 = never).
  int yield_after = 0;
  // true: a frame taken from it moves the association's motion prior like a confident one (as a held
  // frame does); false: with the map's score there (under `confident_score` it counts as a frame
  // without the target, and the prior does not follow the local tracker onto a look-alike).
  bool vouches = true;
  // At most this many frames in a row from the local tracker; then the global search alone until SPOT
  // is sure again (0 = no limit).
  int max_frames = 0;
  util::Fields fields();
  void validate(const std::string& source = "local tracker config") const;
};

class LocalTracker {
 public:
  explicit LocalTracker(const LocalTrackerConfig& config = {});
  ~LocalTracker();
  LocalTracker(const LocalTracker&) = delete;
  LocalTracker& operator=(const LocalTracker&) = delete;
  // A new video: nothing remembered.
  void reset();
  // SPOT is sure the target is `box` in `frame` (8-bit BGR or grey): the local tracker stops, and
  // keeps the part of this frame it would start from (a copy: the caller may reuse the frame; no
  // copy when the local tracker is off).
  void remember(const cv::Mat& frame, const geometry::Box& box);
  // Where the local tracker finds the target in `frame` (same size as the remembered frame), started
  // from the last remembered frame when it is not running; nothing when nothing was remembered, it
  // its response is weak in this frame, or it has run max_frames frames since the last remember().
  std::optional<geometry::Box> track(const cv::Mat& frame);
  // Frames the local tracker has followed since the last remember().
  int frames_tracked() const { return tracked_; }

 private:
  LocalTrackerConfig config_;
  cv::Mat remembered_;         // frame-sized; valid inside remembered_roi_ only
  cv::Rect remembered_roi_;
  geometry::Box remembered_box_;
  cv::Ptr<cv::Tracker> tracker_;  // running since the last remember(), or empty
  int tracked_ = 0;
  bool failed_ = false;        // could not start (or CSRT threw) since the last remember()
};

}  // namespace spot::track
