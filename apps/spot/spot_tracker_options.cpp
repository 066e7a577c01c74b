// The SPOT tracker's command-line options.
#include "spot_tracker_options.hpp"

namespace spot::cli {

void add_spot_tracker_options(CLI::App& cmd, track::SpotTrackerConfig& c) {
  // Defined first: CLI11 applies options in definition order, so the flags below override the file.
  cmd.add_option_function<std::string>(
      "--tracker-config", [&c](const std::string& file) { c = track::load_spot_tracker_config(file); },
      "SPOT: tracker settings file (TOML; see configs/tracker-default.toml)");
  cmd.add_option("--weights", c.weights, "SPOT model file from `spot train` (default: weights/spot_default.pt)");
  cmd.add_option("--presence-threshold", c.presence_threshold, "SPOT: report absent below this score")
      ->capture_default_str();
  cmd.add_option("--input-scale", c.input_scale, "SPOT: resize frames by this factor before scoring")
      ->capture_default_str();
}

}  // namespace spot::cli
