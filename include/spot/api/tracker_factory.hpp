// Trackers by name, for every front end (the `spot` CLI and the Python module): "spot" (SPOT's
// model) or any OpenCV baseline, so both offer exactly the same set.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "spot/track/spot_tracker.hpp"

namespace spot::api {

// "spot" followed by the baseline names (baselines::baseline_names() order).
std::vector<std::string> tracker_names();

// A fresh tracker. `spot` configures SPOT's own tracker and is ignored for the baselines.
// Throws spot::Error listing the valid names for an unknown one (and whatever SpotTracker throws:
// missing or corrupt weights, invalid config).
std::unique_ptr<track::Tracker> make_tracker(const std::string& name,
                                             const track::SpotTrackerConfig& spot = {});

}  // namespace spot::api
