// `spot synth`: generate the synthetic long-term small-object dataset (or, with --stats, describe one).
#include <filesystem>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "commands.hpp"
#include "dataset_stats_report.hpp"
#include "spot/data/synth_dataset.hpp"
#include "spot/error.hpp"
#include "spot/util/progress.hpp"

namespace spot::cli {
namespace {

struct SynthOptions {
  std::string out;
  std::string config;
  std::string stats;
  std::string plots;
  data::SynthConfig values;  // flag values; only the flags given override the config file
};

void run(const SynthOptions& o, const CLI::App& cmd, const std::string& command_line) {
  if (!o.stats.empty()) {
    print_dataset_stats(o.stats, "auto", o.plots.empty() ? default_stats_dir(o.stats) : o.plots);
    return;
  }
  if (o.out.empty()) throw Error("spot synth needs --out DIR (or --stats DIR to describe a dataset)");
  data::SynthConfig c = o.config.empty() ? data::SynthConfig{} : data::load_synth_config(o.config);
  auto given = [&](const char* flag) { return cmd.get_option(flag)->count() > 0; };
  if (given("--sequences")) c.sequences = o.values.sequences;
  if (given("--frames")) c.frames = o.values.frames;
  if (given("--seed")) c.seed = o.values.seed;
  if (given("--width")) c.width = o.values.width;
  if (given("--height")) c.height = o.values.height;
  if (given("--size-distribution")) c.size_distribution = o.values.size_distribution;
  if (given("--size-min")) c.size_min = o.values.size_min;
  if (given("--size-max")) c.size_max = o.values.size_max;
  if (given("--backgrounds")) c.backgrounds = o.values.backgrounds;
  if (given("--target-source")) c.target_source = o.values.target_source;
  c.validate(o.config.empty() ? "command line" : o.config + " + command line");

  util::ProgressBar bar("synth", static_cast<long>(c.sequences) * c.frames, "frames");
  data::write_synth_dataset(c, o.out, command_line,
                            [&](long, long, const std::string& seq) { bar.advance(1, seq); });
  bar.finish();
  std::cout << fmt::format("wrote {} sequences x {} frames to {}\n", c.sequences, c.frames,
                           std::filesystem::absolute(o.out).string());
}

}  // namespace

void register_synth(CLI::App& app) {
  auto o = std::make_shared<SynthOptions>();
  auto* cmd = app.add_subcommand("synth", "Generate the synthetic long-term small-object dataset");
  cmd->add_option("--out", o->out, "Output folder (generic layout)");
  cmd->add_option("--config", o->config, "Generator config (TOML, e.g. configs/bench-small-lt.toml)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--sequences", o->values.sequences, "Number of sequences");
  cmd->add_option("--frames", o->values.frames, "Frames per sequence");
  cmd->add_option("--seed", o->values.seed, "Random seed (same seed, same bytes)");
  cmd->add_option("--width", o->values.width, "Frame width");
  cmd->add_option("--height", o->values.height, "Frame height");
  cmd->add_option("--size-distribution", o->values.size_distribution, "uniform-log | imbalanced | bins");
  cmd->add_option("--size-min", o->values.size_min, "Smallest target size sqrt(w*h), px");
  cmd->add_option("--size-max", o->values.size_max, "Largest target size sqrt(w*h), px");
  cmd->add_option("--backgrounds", o->values.backgrounds, "Dataset whose frames become backgrounds");
  cmd->add_option("--target-source", o->values.target_source, "procedural | real (patches from --backgrounds)");
  cmd->add_option("--stats", o->stats, "Describe an existing dataset instead (size histogram, absence, events)");
  cmd->add_option("--plots", o->plots, "With --stats: folder for the histogram PNG (default spot-output/stats-<name>)");
  cmd->callback([o, cmd] {
    std::ostringstream line;
    line << "spot synth";
    for (const auto& arg : cmd->get_options()) {
      if (arg->count() == 0 || arg->get_name() == "--help") continue;
      for (const auto& v : arg->results()) line << " " << arg->get_name() << " " << v;
    }
    run(*o, *cmd, line.str());
  });
}

}  // namespace spot::cli
