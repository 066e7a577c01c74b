// The SPOT tracker's command-line options, shared by the subcommands that run trackers (the
// trackers themselves come from spot/api/tracker_factory.hpp).
#pragma once

#include <CLI/CLI.hpp>

#include "spot/track/spot_tracker.hpp"

namespace spot::cli {

// --weights, --presence-threshold, --input-scale for subcommands that run SPOT.
void add_spot_tracker_options(CLI::App& cmd, track::SpotTrackerConfig& config);

}  // namespace spot::cli
