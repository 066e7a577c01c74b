// Entry point of the `spot` tool: builds the subcommands and turns any error into one line + exit 1.
#include <unistd.h>

#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "commands.hpp"

namespace {
// LibTorch's OpenMP threads spin while waiting; on a busy machine (CI, other jobs, several training
// processes) that made a training step ~10x slower here. The wait policy is read when the OpenMP
// runtime loads, before main(), so when the user has not chosen one we set PASSIVE and restart.
// A user's GOMP_SPINCOUNT (libgomp: spin that long, then sleep) counts as a choice: on an idle
// machine a short spin makes tracking much faster (docs/BENCHMARKS.md), on a busy one much slower.
void prefer_passive_openmp(char** argv) {
  if (std::getenv("OMP_WAIT_POLICY") != nullptr || std::getenv("GOMP_SPINCOUNT") != nullptr) return;
  setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
  execv("/proc/self/exe", argv);  // returns only on failure: then carry on as we are
}
}  // namespace

int main(int argc, char** argv) {
  prefer_passive_openmp(argv);
  CLI::App app{"SPOT: long-term tracking of small targets with global search"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "spot 0.1.0");
  // Parse errors as one line too (inherited by the subcommands registered below).
  app.failure_message([](const CLI::App*, const CLI::Error& e) {
    return std::string("spot: error: ") + e.what() + " (see --help)\n";
  });
  spot::cli::register_demo(app);
  spot::cli::register_track(app);
  spot::cli::register_run(app);
  spot::cli::register_eval(app);
  spot::cli::register_synth(app);
  spot::cli::register_data(app);
  spot::cli::register_export(app);
  spot::cli::register_calibrate(app);
  spot::cli::register_train(app, argc, argv);
  spot::cli::register_experiment(app, argc, argv);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::cerr << "spot: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
