// The OpenCV 4.6 trackers as SPOT baselines, behind spot::track::Tracker.
// Names: kcf, csrt, mil, mosse, medianflow, tld (frame upsampled so TLD's detector works at scale 1
// on small targets, see docs/BASELINES.md), tld-stock (OpenCV's TLD as shipped), boosting.
// None of these OpenCV trackers exposes a confidence value, so score = 1 when update() succeeded and
// 0 when it failed, and present = success. An OpenCV exception inside a tracker (e.g. CSRT on a
// 1-2 px box) counts as a failed frame; a tracker whose init failed reports every frame absent.
// MIL, Boosting and both TLDs never return on boxes under ~5 px, so their init box is grown to at
// least 5x5 px around its centre; the fair TLD's upsampling is capped at 4x.
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
