// Fuzz target: the tracker config loader (track::load_spot_tracker_config, TOML with [online] and
// [association]), fed the input as a config file. Contract checked on success: finite numbers
// only.
#include <cstdint>
#include <string>

#include "config_checks.hpp"
#include "spot/error.hpp"
#include "spot/track/spot_tracker.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::filesystem::path file = spot::fuzz::scratch_dir() / "tracker.toml";
  spot::fuzz::write_file(file, std::string(reinterpret_cast<const char*>(data), size));
  try {
    spot::track::SpotTrackerConfig c = spot::track::load_spot_tracker_config(file.string());
    spot::fuzz::check_finite_fields(c.fields());
    spot::fuzz::check_finite_fields(c.online.fields());
    spot::fuzz::check_finite_fields(c.association.fields());
    spot::fuzz::accepted("tracker config");
  } catch (const spot::Error& e) {
    spot::fuzz::rejected(e);
  }
  return 0;
}
