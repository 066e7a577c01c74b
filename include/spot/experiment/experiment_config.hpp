// ExperimentConfig: one of the method's claims as a runnable experiment (`spot experiment NAME`):
// the training variants to compare (each a change to one base training config), the seeds, the
// trackers to run alongside, and where to evaluate. Loaded from experiments/NAME.toml.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "spot/train/train_config.hpp"

namespace spot::experiment {

// One trained model to compare: the base training config with this variant's changes applied.
struct Variant {
  std::string name;          // column / legend label, e.g. "K=4"
  train::TrainConfig train;  // resolved config (out and seed are set per run)
};

struct ExperimentConfig {
  std::string name;   // the experiment's name (file stem), used in paths
  std::string title;  // report heading
  std::string claim;  // the claim under test, quoted in the report
  std::vector<std::uint64_t> seeds = {1, 2};
  std::vector<Variant> variants;  // trained and evaluated per seed (may be empty)
  // Trackers evaluated as they are, no training: "spot" (shipped weights, default tracker settings)
  // or any OpenCV baseline name.
  std::vector<std::string> trackers;
  std::filesystem::path
      tracker_config;  // SPOT tracker settings for the trained variants ("" = defaults)
  std::filesystem::path benchmark_config = "configs/bench-small-lt.toml";
  std::filesystem::path benchmark_dir = "data/bench-small-lt";  // generated there when missing
  int benchmark_sequences = 12;  // the benchmark's first N sequences (0 = all)
  int benchmark_frames = 300;    // frames per sequence at most (0 = all)
  // Further evaluation datasets (any layout SPOT reads), used when present, skipped with a note
  // when not (e.g. ../shared/data).
  std::vector<std::filesystem::path> datasets;
  int dataset_frames = 0;       // frames per sequence at most on those datasets (0 = all)
  bool size_histogram = false;  // report each variant's training size distribution
};

// Reads an experiment file:
//   [experiment]  title, claim, seeds, train (base training config), tracker_config, trackers,
//                 benchmark, benchmark_dir, benchmark_sequences, benchmark_frames, datasets,
//                 dataset_frames, size_histogram
//   [[variant]]   name, then any [variant.<section>] tables of a training config (train, model,
//                 loss, sampler, synthetic) applied over the base config.
// Config files named in it (train, tracker_config, benchmark) are relative to the experiment
// file's folder; data folders (benchmark_dir, datasets) are relative to the working directory.
// Throws spot::Error "<file>:<line>: ..." on unknown keys, wrong types, duplicate or empty variant
// names, an invalid resolved training config (naming the variant), or nothing to run.
// `train_override`, when given, replaces the file's base training config (the variants' changes are
// applied over it): how tests run a real experiment at a tiny budget.
ExperimentConfig load_experiment_config(const std::filesystem::path& path,
                                        const std::filesystem::path& train_override = {});

// The experiment file for `name`: the path itself when it names an existing file, else
// experiments/<name>.toml under the working directory, else under the source tree's experiments/.
// Throws spot::Error listing the places tried and the experiments found there.
std::filesystem::path find_experiment_file(const std::string& name);

// The experiments shipped in the source tree's experiments/ folder (file stems, sorted).
std::vector<std::string> shipped_experiments();

}  // namespace spot::experiment
