// Subcommands of the `spot` tool: each lives in its own cmd_<name>.cpp and registers itself here.
#pragma once

#include <CLI/CLI.hpp>

namespace spot::cli {

void register_run(CLI::App& app);    // spot run: a tracker over every sequence of a dataset
void register_eval(CLI::App& app);   // spot eval: score result folders with the toolkits' metrics
void register_track(CLI::App& app);  // spot track: one video / folder / camera, annotated output video
void register_demo(CLI::App& app);   // spot demo: spot track with SPOT on the built-in clip
void register_synth(CLI::App& app);  // spot synth: the synthetic long-term small-object dataset
void register_data(CLI::App& app);   // spot data stats: what a dataset holds, by target size
void register_export(CLI::App& app); // spot export: the network as a TorchScript module
void register_calibrate(CLI::App& app);  // spot calibrate: presence threshold from a validation run
// spot experiment: the method's claims as experiments (train variants, track, score, report).
void register_experiment(CLI::App& app, int argc, char** argv);
// spot train: the model's training loop; argv is kept to start worker processes for --nproc.
void register_train(CLI::App& app, int argc, char** argv);

}  // namespace spot::cli
