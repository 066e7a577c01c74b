// Trackers by name for the CLI: "spot" (SPOT's model) or any OpenCV baseline.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "spot/track/spot_tracker.hpp"

namespace spot::cli {

// "spot" followed by the baseline names.
std::vector<std::string> tracker_names();

// Throws spot::Error listing the valid names for an unknown one (and whatever SpotTracker throws).
std::unique_ptr<track::Tracker> make_tracker(const std::string& name, const track::SpotTrackerConfig& spot);

// --weights, --presence-threshold, --input-scale for subcommands that run SPOT.
void add_spot_tracker_options(CLI::App& cmd, track::SpotTrackerConfig& config);

}  // namespace spot::cli
