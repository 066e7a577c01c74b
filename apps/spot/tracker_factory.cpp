// Tracker construction by name.
#include "tracker_factory.hpp"

#include <fmt/format.h>

#include "spot/baselines/opencv_trackers.hpp"
#include "spot/error.hpp"

namespace spot::cli {

std::vector<std::string> tracker_names() {
  std::vector<std::string> names{"spot"};
  for (const auto& n : baselines::baseline_names()) names.push_back(n);
  return names;
}

std::unique_ptr<track::Tracker> make_tracker(const std::string& name, const track::SpotTrackerConfig& spot) {
  if (name == "spot") return std::make_unique<track::SpotTracker>(spot);
  for (const auto& n : baselines::baseline_names())
    if (n == name) return baselines::make_baseline(name);
  throw Error(fmt::format("unknown tracker '{}'; valid names: {}", name, fmt::join(tracker_names(), ", ")));
}

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
