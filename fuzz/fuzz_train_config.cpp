// Fuzz target: the training config loader (train::load_train_config, TOML with [train], [model],
// [loss], [sampler], [synthetic]; includes model::ModelConfig), fed the input as a config file.
// Contracts checked on success: finite numbers only, and the JSON round trip a checkpoint makes
// (to_json, then from_json on resume) gives back a config that validates and says the same.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "config_checks.hpp"
#include "spot/error.hpp"
#include "spot/train/train_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::filesystem::path file = spot::fuzz::scratch_dir() / "train.toml";
  spot::fuzz::write_file(file, std::string(reinterpret_cast<const char*>(data), size));
  spot::train::TrainConfig c;
  try {
    c = spot::train::load_train_config(file);
  } catch (const spot::Error& e) {
    spot::fuzz::rejected(e);
    return 0;
  }
  for (const auto& fields :
       {c.fields(), c.model.fields(), c.loss.fields(), c.sampler.fields(), c.synth.fields()}) {
    spot::fuzz::check_finite_fields(fields);
  }
  // Outside any try: a loaded config that cannot make the round trip is a finding.
  const nlohmann::json j = c.to_json();
  const spot::train::TrainConfig back = spot::train::TrainConfig::from_json(j, "round trip");
  back.validate("round trip");
  SPOT_FUZZ_CHECK(back.to_json() == j);
  spot::fuzz::accepted("train config");
  return 0;
}
