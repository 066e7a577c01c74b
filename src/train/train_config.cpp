// TrainConfig: TOML loading, validation and JSON round trip.
#include "spot/train/train_config.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include "spot/error.hpp"

namespace spot::train {

util::Fields LossConfig::fields() {
  return {{"score", &score},           {"k", &k},
          {"positive_gate", &positive_gate}, {"negative_gate", &negative_gate},
          {"level_weight", &level_weight},   {"fused_weight", &fused_weight},
          {"box_weight", &box_weight}};
}

util::Fields SyntheticConfig::fields() {
  return {{"sequences", &sequences}, {"frames", &frames},
          {"width", &width},         {"height", &height},
          {"val_sequences", &val_sequences}, {"val_frames", &val_frames}};
}

util::Fields SamplerOptions::fields() {
  return {{"search_width", &search_width},
          {"search_height", &search_height},
          {"template_size", &template_size},
          {"size_distribution", &size_distribution},
          {"size_min", &size_min},
          {"size_max", &size_max},
          {"absent_share", &absent_share},
          {"max_frame_gap", &max_frame_gap},
          {"photometric", &photometric}};
}

data::SamplerConfig SamplerOptions::sampler(std::uint64_t seed) const {
  data::SamplerConfig c;
  c.size = {size_distribution, size_min, size_max, {}};
  c.search_width = search_width;
  c.search_height = search_height;
  c.template_size = template_size;
  c.absent_share = absent_share;
  c.max_frame_gap = max_frame_gap;
  c.photometric = photometric;
  c.seed = seed;
  return c;
}

util::Fields TrainConfig::fields() {
  return {{"out", &out},
          {"steps", &steps},
          {"batch_size", &batch_size},
          {"epoch_steps", &epoch_steps},
          {"lr", &lr},
          {"weight_decay", &weight_decay},
          {"warmup_steps", &warmup_steps},
          {"seed", &seed},
          {"threads", &threads},
          {"checkpoint_every", &checkpoint_every},
          {"log_every", &log_every},
          {"val_pairs", &val_pairs},
          {"datasets", &datasets},
          {"val_datasets", &val_datasets},
          {"use_synthetic", &use_synthetic}};
}

void TrainConfig::validate(const std::string& source) const {
  auto fail = [&](const std::string& what) { throw Error("invalid train config: " + what, source); };
  auto positive = [&](long v, const char* key) {
    if (v < 1) fail(fmt::format("{} = {} (expected >= 1)", key, v));
  };
  positive(steps, "steps");
  positive(batch_size, "batch_size");
  positive(epoch_steps, "epoch_steps");
  positive(threads, "threads");
  positive(checkpoint_every, "checkpoint_every");
  positive(log_every, "log_every");
  positive(val_pairs, "val_pairs");
  if (!(lr > 0 && lr < 10)) fail(fmt::format("lr = {} (expected 0 < lr < 10)", lr));
  if (!(weight_decay >= 0)) fail(fmt::format("weight_decay = {} (expected >= 0)", weight_decay));
  if (warmup_steps < 0) fail(fmt::format("warmup_steps = {} (expected >= 0)", warmup_steps));
  if (out.empty()) fail("out is empty (expected a run folder)");
  if (!use_synthetic && datasets.empty()) fail("no training data: use_synthetic = false and no datasets given");
  model.validate(source);
  if (loss.score != "max-point" && loss.score != "focal" && loss.score != "bce") {
    fail(fmt::format("loss.score = '{}' (expected max-point, focal or bce)", loss.score));
  }
  if (loss.k < 0) fail(fmt::format("loss.k = {} (expected >= 1, or 0 for every point)", loss.k));
  for (double g : {loss.positive_gate, loss.negative_gate})
    if (!(g >= 0 && g <= 1)) fail(fmt::format("loss gates must be in [0, 1], got {}", g));
  for (double w : {loss.level_weight, loss.fused_weight, loss.box_weight})
    if (!(w >= 0)) fail(fmt::format("loss weights must be >= 0, got {}", w));
  sampler.sampler(seed).validate(source);
  if (use_synthetic) {
    if (synth.sequences < 1 || synth.frames < 2) fail("synthetic.sequences must be >= 1 and synthetic.frames >= 2");
    if (synth.val_sequences < 1 || synth.val_frames < 2) fail("synthetic.val_sequences must be >= 1 and val_frames >= 2");
  }
}

nlohmann::json TrainConfig::to_json() const {
  TrainConfig c = *this;
  nlohmann::json j = util::fields_to_json(c.fields());
  j["model"] = util::fields_to_json(c.model.fields());
  j["loss"] = util::fields_to_json(c.loss.fields());
  j["sampler"] = util::fields_to_json(c.sampler.fields());
  j["synthetic"] = util::fields_to_json(c.synth.fields());
  return j;
}

TrainConfig TrainConfig::from_json(const nlohmann::json& j, const std::string& what) {
  TrainConfig c;
  util::fields_from_json(j, c.fields(), what);
  if (j.contains("model")) util::fields_from_json(j["model"], c.model.fields(), what);
  if (j.contains("loss")) util::fields_from_json(j["loss"], c.loss.fields(), what);
  if (j.contains("sampler")) util::fields_from_json(j["sampler"], c.sampler.fields(), what);
  if (j.contains("synthetic")) util::fields_from_json(j["synthetic"], c.synth.fields(), what);
  return c;
}

void apply_train_config_table(TrainConfig& c, const toml::table& root, const std::string& file) {
  util::read_fields(root, c.fields(), file, "", /*skip_tables=*/true);
  for (const auto& [key, node] : root) {
    if (!node.is_table()) continue;
    const std::string k(key.str());
    const toml::table& t = *node.as_table();
    if (k == "train") util::read_fields(t, c.fields(), file, "train");
    else if (k == "model") util::read_fields(t, c.model.fields(), file, "model");
    else if (k == "loss") util::read_fields(t, c.loss.fields(), file, "loss");
    else if (k == "sampler") util::read_fields(t, c.sampler.fields(), file, "sampler");
    else if (k == "synthetic") util::read_fields(t, c.synth.fields(), file, "synthetic");
    else throw Error(fmt::format("unknown section [{}] (valid: train, model, loss, sampler, synthetic)", k),
                     file, static_cast<long>(key.source().begin.line));
  }
}

TrainConfig load_train_config(const std::filesystem::path& path) {
  const std::string file = path.string();
  TrainConfig c;
  apply_train_config_table(c, util::parse_toml_file(path), file);
  c.validate(file);
  return c;
}

}  // namespace spot::train
