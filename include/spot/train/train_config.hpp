// TrainConfig: every option of `spot train`, with defaults, loaded from a TOML file with sections
// [train], [model], [loss], [sampler], [synthetic]; validated in one place; saved in checkpoints.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>
#include <toml++/toml.h>

#include "spot/data/size_balanced_sampler.hpp"
#include "spot/model/model_config.hpp"

namespace spot::train {

struct LossConfig {
  std::string score = "max-point";  // max-point | focal | bce
  int k = 1;                        // points per object for max-point (K=1: the plain max-point loss;
                                    // 0: every point inside the box and every point outside)
  // No loss once a positive's score is above positive_gate / a negative's below negative_gate. The
  // seed's margin is 0.5 / 0.5; 1 / 0 (no margin: the top points always get their loss) tracked
  // better and separates present from absent scores (`spot experiment loss`, docs/EXPERIMENTS.md).
  double positive_gate = 1.0;
  double negative_gate = 0.0;
  double level_weight = 1.0;        // weight of each level's score loss (deep supervision; 0 = off)
  double fused_weight = 1.0;        // weight of the fused map's score loss
  double box_weight = 1.0;          // weight of the GIoU box loss
  util::Fields fields();
};

struct SyntheticConfig {
  int sequences = 40;        // synthetic training sequences generated into <out>/synth-train
  int frames = 100;          // frames per synthetic sequence
  int width = 640;
  int height = 360;
  int val_sequences = 12;    // held-apart synthetic validation set (<out>/synth-val, other seed)
  int val_frames = 60;
  util::Fields fields();
};

struct SamplerOptions {
  int search_width = 320;    // training search images (the model is fully convolutional)
  int search_height = 192;
  int template_size = 128;
  std::string size_distribution = "uniform-log";
  double size_min = 4.0;
  double size_max = 128.0;
  double absent_share = 0.1;
  int max_frame_gap = 100;
  bool photometric = true;
  util::Fields fields();
  data::SamplerConfig sampler(std::uint64_t seed) const;
};

struct TrainConfig {
  std::string out = "runs/spot";       // run folder: checkpoints, metrics.jsonl, curves.png
  int steps = 2500;                    // optimizer steps
  int batch_size = 16;                 // global batch (split over processes)
  int epoch_steps = 250;               // validation after every epoch of this many steps
  double lr = 1e-3;                    // AdamW peak learning rate
  double weight_decay = 1e-4;
  int warmup_steps = 100;              // linear warm-up, then cosine decay to 5 % of lr
  std::uint64_t seed = 1;              // initial weights, data order, augmentation
  int threads = 2;                     // intra-op threads per process
  int checkpoint_every = 100;          // steps between checkpoints (and at the end)
  int log_every = 10;                  // steps between metrics.jsonl rows
  int val_pairs = 400;                 // validation pairs per evaluation
  std::vector<std::string> datasets;   // real training datasets (any layout SPOT reads), optional
  std::vector<std::string> val_datasets;  // real held-apart validation datasets, optional
  bool use_synthetic = true;           // generate and use the synthetic training / validation sets

  model::ModelConfig model;
  LossConfig loss;
  SamplerOptions sampler;
  SyntheticConfig synth;

  util::Fields fields();
  // Throws spot::Error naming `source` on the first invalid value.
  void validate(const std::string& source = "train config") const;
  nlohmann::json to_json() const;
  // Inverse of to_json (unknown keys are ignored; missing keys keep defaults).
  static TrainConfig from_json(const nlohmann::json& j, const std::string& what);
};

// Applies a parsed TOML table (the file layout below) over `config`, without validating: what
// load_train_config does, and what `spot experiment` uses to change one base config per variant.
// Throws spot::Error "<file>:<line>: ..." on unknown sections / keys or wrong types.
void apply_train_config_table(TrainConfig& config, const toml::table& table, const std::string& file);

// Reads the TOML file (sections as above; top-level keys belong to [train]). Unknown keys or wrong
// types are errors naming the file and line; the result is validated.
TrainConfig load_train_config(const std::filesystem::path& path);

}  // namespace spot::train
