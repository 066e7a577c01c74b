// Checks shared by every Tracker::init(): the frame and the init box must make sense.
#pragma once

#include <opencv2/core/mat.hpp>

#include "spot/geometry/box.hpp"

namespace spot::track {

// Throws spot::Error when `frame` is empty or not 8-bit 1/3-channel, or when `box` is not finite,
// has w <= 0 or h <= 0, or does not overlap the frame.
void validate_init(const cv::Mat& frame, const geometry::Box& box);

}  // namespace spot::track
