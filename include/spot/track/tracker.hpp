// Tracker: the interface every tracker in SPOT implements (SPOT itself and the OpenCV baselines),
// shaped like cv::Tracker so the same harness runs them all.
#pragma once

#include <memory>
#include <string>

#include <opencv2/core/mat.hpp>

#include "spot/geometry/box.hpp"

namespace spot::track {

struct TrackResult {
  geometry::Box box;     // meaningful only when present
  double score = 0.0;    // the tracker's own confidence; higher = more certain the box is right
  bool present = false;  // false = the tracker says the target is not visible in this frame
};

class Tracker {
 public:
  virtual ~Tracker() = default;
  // Starts tracking the target in `box` of `frame` (BGR, 8-bit). Requires a non-empty box that
  // overlaps the frame; throws spot::Error otherwise. May be called again to restart.
  virtual void init(const cv::Mat& frame, const geometry::Box& box) = 0;
  // Finds the target in the next frame. "Target absent" is a normal result (present = false).
  // Requires init() to have been called (throws spot::Error otherwise).
  virtual TrackResult update(const cv::Mat& frame) = 0;
  // Short identifier used in result folders and tables, e.g. "csrt".
  virtual std::string name() const = 0;
};

}  // namespace spot::track
