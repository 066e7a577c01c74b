// `spot train`: train SPOT's model (configs/train-*.toml), resumable, optionally on several processes.
#include <cstdlib>
#include <iostream>

#include <fmt/format.h>

#include "commands.hpp"
#include "spot/error.hpp"
#include "spot/train/distributed.hpp"
#include "spot/train/trainer.hpp"

namespace spot::cli {
namespace {

struct TrainCliOptions {
  std::string config;
  std::string out;
  std::vector<std::string> datasets;
  int steps = 0;
  int nproc = 1;
  bool resume = false;
  bool no_progress = false;
};

// argv (program name included) without "--nproc N" / "--nproc=N", for the worker processes.
std::vector<std::string> worker_argv(int argc, char** argv) {
  std::vector<std::string> out;
  for (int i = 0; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--nproc") {
      ++i;
      continue;
    }
    if (a.rfind("--nproc=", 0) == 0) continue;
    out.push_back(a);
  }
  return out;
}

void run(const TrainCliOptions& o, int argc, char** argv) {
  const bool launched_worker = std::getenv("WORLD_SIZE") != nullptr;
  if (o.nproc > 1 && !launched_worker) {
    const int rc = train::launch_local_workers(o.nproc, worker_argv(argc, argv), 0);
    if (rc != 0) throw Error(fmt::format("a training process failed (exit code {})", rc));
    return;
  }
  train::TrainConfig cfg = o.config.empty() ? train::TrainConfig{} : train::load_train_config(o.config);
  if (!o.out.empty()) cfg.out = o.out;
  if (o.steps > 0) cfg.steps = o.steps;
  for (const auto& d : o.datasets) cfg.datasets.push_back(d);
  cfg.validate(o.config.empty() ? "command line" : o.config);
  train::DistributedContext ctx(train::distributed_env_from_environment());
  if (ctx.world_size() > 1) cfg.threads = std::max(1, cfg.threads / ctx.world_size());
  train::TrainOptions options;
  options.resume = o.resume;
  options.progress = !o.no_progress;
  train::run_training(cfg, options, ctx);
}

}  // namespace

void register_train(CLI::App& app, int argc, char** argv) {
  auto o = std::make_shared<TrainCliOptions>();
  auto* cmd = app.add_subcommand("train", "Train SPOT's model (resumable; --nproc N for data-parallel processes)");
  cmd->add_option("--config", o->config, "Training config (TOML: [train] [model] [loss] [sampler] [synthetic])")
      ->check(CLI::ExistingFile);
  cmd->add_option("--out", o->out, "Run folder (overrides train.out)");
  cmd->add_option("--dataset", o->datasets, "Extra real training dataset (repeatable)");
  cmd->add_option("--steps", o->steps, "Optimizer steps (overrides train.steps)")->check(CLI::Range(1, 1000000000));
  cmd->add_option("--nproc", o->nproc, "Processes on this machine (data parallel, Gloo)")->check(CLI::Range(1, 64));
  cmd->add_flag("--resume", o->resume, "Continue the run in --out from its last checkpoint");
  cmd->add_flag("--no-progress", o->no_progress, "No progress bar (logs still go to metrics.jsonl)");
  cmd->callback([o, argc, argv] { run(*o, argc, argv); });
}

}  // namespace spot::cli
