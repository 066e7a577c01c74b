// `spot experiment NAME`: one of the method's claims, trained, tracked, scored and reported
// (experiments/NAME.toml; see docs/EXPERIMENTS.md).
#include <fmt/format.h>

#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "spot/error.hpp"
#include "spot/experiment/experiment_config.hpp"
#include "spot/experiment/experiment_report.hpp"
#include "spot/experiment/experiment_runner.hpp"

namespace spot::cli {
namespace {

struct ExperimentCliOptions {
  std::string name;
  std::string config;
  std::string out;
  std::string cache;
  std::vector<int> seeds;
  std::string train;
  std::string benchmark;
  std::string benchmark_dir;
  int sequences = -1;
  int frames = -1;
  bool no_datasets = false;
  bool list = false;
  bool report_only = false;
  bool no_progress = false;
};

void run(const ExperimentCliOptions& o, int argc, char** argv) {
  if (o.list) {
    for (const auto& n : experiment::shipped_experiments()) std::cout << n << "\n";
    return;
  }
  if (o.name.empty() && o.config.empty()) {
    throw Error(
        "name an experiment (spot experiment NAME; --list shows them) or give --config FILE");
  }
  const auto file =
      o.config.empty() ? experiment::find_experiment_file(o.name) : std::filesystem::path(o.config);
  experiment::ExperimentConfig c = experiment::load_experiment_config(file, o.train);
  if (!o.benchmark.empty()) {
    c.benchmark_config = o.benchmark;
    c.benchmark_dir = std::filesystem::path("data") / c.benchmark_config.stem();
  }
  if (!o.benchmark_dir.empty()) c.benchmark_dir = o.benchmark_dir;
  if (o.sequences >= 0) c.benchmark_sequences = o.sequences;
  if (o.frames == 1) throw Error("--frames 1 leaves no frame to track (expected 0 or >= 2)");
  if (o.frames >= 0) {
    c.benchmark_frames = o.frames;
    c.dataset_frames = o.frames;
  }
  if (o.no_datasets) c.datasets.clear();
  if (!o.seeds.empty()) {
    c.seeds.clear();
    for (int s : o.seeds) c.seeds.push_back(static_cast<std::uint64_t>(s));
  }
  experiment::ExperimentOptions options;
  options.out = o.out;
  options.cache = o.cache;
  options.progress = !o.no_progress;
  const std::filesystem::path out = experiment::output_dir(c, options);
  if (o.report_only) {
    std::ifstream in(out / "results.json");
    if (!in) throw Error("no results.json here yet; run the experiment first", out.string());
    experiment::write_report(nlohmann::json::parse(in), out);
  } else {
    std::string command = "spot experiment";
    for (int i = 2; i < argc; ++i) command += std::string(" ") + argv[i];
    options.command = command;
    experiment::run_experiment(c, options);
  }
  std::cout << fmt::format("report: {}\n", (out / "report.md").string());
}

}  // namespace

void register_experiment(CLI::App& app, int argc, char** argv) {
  auto o = std::make_shared<ExperimentCliOptions>();
  auto* cmd = app.add_subcommand("experiment",
                                 "Run one of the method's experiments (size, imbalance, layers, "
                                 "points, loss): train, track, report");
  cmd->add_option("name", o->name, "Experiment: experiments/NAME.toml (or a path to such a file)");
  cmd->add_option("--config", o->config, "Experiment file (instead of NAME)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--out", o->out, "Report folder (default results/experiments/NAME)");
  cmd->add_option(
      "--cache", o->cache,
      "Trained variants, shared between experiments (default results/experiments/trained)");
  cmd->add_option("--seeds", o->seeds,
                  "Seeds to run, e.g. --seeds 1 2 (overrides experiment.seeds)")
      ->check(CLI::Range(0, 1000000));
  cmd->add_option("--train", o->train,
                  "Base training config (replaces experiment.train; variants still apply)")
      ->check(CLI::ExistingFile);
  cmd->add_option(
         "--benchmark", o->benchmark,
         "Synthetic benchmark config (replaces experiment.benchmark; generated into data/<stem>)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--benchmark-dir", o->benchmark_dir, "Where the benchmark is (or is generated)");
  cmd->add_option("--sequences", o->sequences, "Benchmark sequences to evaluate (first N, 0 = all)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--frames", o->frames,
                  "Frames per sequence at most, benchmark and datasets (0 = all)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--no-datasets", o->no_datasets,
                "Skip the further evaluation datasets (e.g. ../shared/data)");
  cmd->add_flag("--list", o->list, "List the shipped experiments");
  cmd->add_flag("--report-only", o->report_only, "Rewrite report.md and plots from results.json");
  cmd->add_flag("--no-progress", o->no_progress, "No progress bars");
  cmd->callback([o, argc, argv] { run(*o, argc, argv); });
}

}  // namespace spot::cli
