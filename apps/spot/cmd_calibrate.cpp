// `spot calibrate`: the presence threshold from a validation run, optionally stored in the weights.
//   spot run --tracker spot --presence-threshold 0 --dataset VAL --out runs/val
//   spot calibrate --dataset VAL --results runs/val [--weights W --write]
#include <cmath>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "config_file.hpp"
#include "spot/api/dataset_evaluation.hpp"
#include "spot/eval/presence_calibration.hpp"
#include "spot/model/checkpoint.hpp"
#include "spot/model/model_file.hpp"
#include "spot/track/spot_tracker.hpp"

namespace spot::cli {
namespace {

struct CalibrateOptions {
  std::string config;
  std::string dataset;
  std::string format = "auto";
  std::string results;
  std::string weights;  // empty: the shipped default weights
  bool write = false;
};

void run(CLI::App& cmd, const CalibrateOptions& o) {
  if (!o.config.empty()) apply_config_file(cmd, o.config);
  require_option(o.dataset, "dataset");
  require_option(o.results, "results");
  const auto inputs = api::load_evaluation_inputs(o.dataset, o.format, false);
  const auto c = eval::calibrate_presence(inputs, eval::load_results(o.results, inputs));
  std::cout << fmt::format("{} sequences: {} GT-present and {} GT-absent frames after the init frames\n",
                           inputs.size(), c.present_frames, c.absent_frames);
  std::cout << fmt::format("{:>9}  {:>14}  {:>15}  {:>9}\n", "threshold", "point-hit rate", "absent accuracy", "balanced");
  for (const auto& row : c.table) {
    const double t = row["threshold"].get<double>();
    if (std::abs(t * 20 - std::round(t * 20)) > 1e-9 && std::abs(t - c.threshold) > 1e-9) continue;
    std::cout << fmt::format("{:>9.2f}  {:>14.3f}  {:>15.3f}  {:>9.3f}{}\n", t, row["point_hit_rate"].get<double>(),
                             row["absent_accuracy"].get<double>(), row["balanced_accuracy"].get<double>(),
                             std::abs(t - c.threshold) < 1e-9 ? "  <- best" : "");
  }
  std::cout << fmt::format("presence threshold: {:.2f} (balanced accuracy {:.3f})\n", c.threshold, c.balanced_accuracy);
  if (!o.write) return;
  const std::string weights = track::find_spot_weights(o.weights);
  auto model = model::load_model_file(weights);
  nlohmann::json meta = model::read_checkpoint_meta(weights);
  meta["tracker"]["presence_threshold"] = c.threshold;
  meta["tracker"]["presence_calibration"] = {{"dataset", std::filesystem::path(o.dataset).filename().string()},
                                             {"balanced_accuracy", c.balanced_accuracy},
                                             {"present_frames", c.present_frames},
                                             {"absent_frames", c.absent_frames}};
  model::save_checkpoint(weights, *model, nullptr, meta);
  std::cout << fmt::format("stored in {} (used when --presence-threshold is not given)\n", weights);
}

}  // namespace

void register_calibrate(CLI::App& app) {
  auto o = std::make_shared<CalibrateOptions>();
  auto* cmd = app.add_subcommand(
      "calibrate", "Presence threshold from a `spot run --presence-threshold 0` on validation data");
  add_config_option(*cmd, o->config);
  cmd->add_option("--dataset", o->dataset, "Validation dataset with absent frames, never the evaluation set [required]");
  cmd->add_option("--format", o->format, "Dataset layout (default: auto-detect)")->capture_default_str();
  cmd->add_option("--results", o->results, "Results folder of `spot run --presence-threshold 0` on it [required]");
  cmd->add_option("--weights", o->weights, "Weights to store the threshold in (default: weights/spot_default.pt)");
  cmd->add_flag("--write", o->write, "Store the threshold in the weights file");
  cmd->callback([o, cmd] { run(*cmd, *o); });
}

}  // namespace spot::cli
