// The OpenCV 4.6 trackers as SPOT baselines, behind spot::track::Tracker.
// Names: kcf, csrt, mil, mosse, medianflow, tld (frame upsampled so TLD's detector works at scale 1
// on small targets, see docs/BASELINES.md), tld-stock (OpenCV's TLD as shipped), boosting.
// None of these OpenCV trackers exposes a confidence value, so score = 1 when update() succeeded and
// 0 when it failed, and present = success.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "spot/track/tracker.hpp"

namespace spot::baselines {

// Names make_baseline() accepts, in the order tables list them.
const std::vector<std::string>& baseline_names();

// A fresh tracker; throws spot::Error listing the valid names when `name` is unknown.
std::unique_ptr<track::Tracker> make_baseline(const std::string& name);

}  // namespace spot::baselines
