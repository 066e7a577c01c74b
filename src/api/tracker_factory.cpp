// Tracker construction by name.
#include "spot/api/tracker_factory.hpp"

#include <fmt/format.h>

#include "spot/baselines/opencv_trackers.hpp"
#include "spot/error.hpp"

namespace spot::api {

std::vector<std::string> tracker_names() {
  std::vector<std::string> names{"spot"};
  for (const auto& n : baselines::baseline_names()) names.push_back(n);
  return names;
}

std::unique_ptr<track::Tracker> make_tracker(const std::string& name,
                                             const track::SpotTrackerConfig& spot) {
  if (name == "spot") return std::make_unique<track::SpotTracker>(spot);
  for (const auto& n : baselines::baseline_names())
    if (n == name) return baselines::make_baseline(name);
  throw Error(
      fmt::format("unknown tracker '{}'; valid names: {}", name, fmt::join(tracker_names(), ", ")));
}

}  // namespace spot::api
