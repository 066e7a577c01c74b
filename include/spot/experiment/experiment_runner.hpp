// run_experiment: trains every variant of an experiment for every seed (or reuses an earlier
// training of the very same config), runs each trained model and each listed tracker over the
// evaluation sets, scores them, and writes results.json plus the Markdown report with plots.
// Everything is resumable: a killed run continues training from its last checkpoint and tracking
// from the first sequence without results.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "spot/experiment/experiment_config.hpp"

namespace spot::experiment {

struct ExperimentOptions {
  std::filesystem::path out;  // report folder; default results/experiments/<name>
  // Trained variants, shared by all experiments: a variant whose resolved training config (seed
  // included) matches a folder here is reused, not trained again. Default
  // results/experiments/trained.
  std::filesystem::path cache;
  bool progress = true;  // progress bars and step lines on stderr
  std::string command;   // the command line, quoted in the report
};

// Where the report goes: options.out, or results/experiments/<name>.
std::filesystem::path output_dir(const ExperimentConfig& config, const ExperimentOptions& options);

// The results (also written to <out>/results.json):
//   {"experiment", "title", "claim", "seeds", "bins": [...],
//    "datasets": [{"tag", "label", "sequences", "frames_by_size": {bin: n}}],
//    "rows": [{"name", "kind": "variant" | "tracker", "runs": [{"seed" (variants), "train_seconds",
//              "dir", "eval": {"<tag>": {"point_hit", "point_hit_by_size": {bin: rate|null},
//              "lasot_auc", "lasot_auc_by_sequence_size": {bin: auc|null}, "fps",
//              "eval_seconds"}}}]}],
//    "histograms": {"<variant>": {bin: share}} (when size_histogram),
//    "wall_seconds": this invocation, "machine": "..."}
// Throws spot::Error on invalid configs or data and whatever training / tracking throws.
nlohmann::json run_experiment(const ExperimentConfig& config, const ExperimentOptions& options);

}  // namespace spot::experiment
