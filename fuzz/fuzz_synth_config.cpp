// Fuzz target: the synthetic-data config loader (data::load_synth_config, TOML via toml++), fed the
// input as a config file. Contract checked on success: finite numbers only, finite size bins.
#include <cmath>
#include <cstdint>
#include <string>

#include "config_checks.hpp"
#include "spot/data/synth_config.hpp"
#include "spot/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::filesystem::path file = spot::fuzz::scratch_dir() / "synth.toml";
  spot::fuzz::write_file(file, std::string(reinterpret_cast<const char*>(data), size));
  try {
    spot::data::SynthConfig c = spot::data::load_synth_config(file);
    spot::fuzz::check_finite_fields(c.fields());
    for (const auto& [lo, hi] : c.size_bins)
      SPOT_FUZZ_CHECK(std::isfinite(lo) && std::isfinite(hi));
    spot::fuzz::accepted("synth config");
  } catch (const spot::Error& e) {
    spot::fuzz::rejected(e);
  }
  return 0;
}
