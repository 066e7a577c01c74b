// `spot data stats DIR`: size histogram, absent share and events of any dataset SPOT reads.
#include <memory>

#include "commands.hpp"
#include "dataset_stats_report.hpp"

namespace spot::cli {

void register_data(CLI::App& app) {
  auto* data = app.add_subcommand("data", "Dataset tools");
  data->require_subcommand(1);
  struct Options {
    std::string root, format = "auto", plots;
  };
  auto o = std::make_shared<Options>();
  auto* stats = data->add_subcommand("stats", "Size histogram (table + PNG), absent frames, events per sequence");
  stats->add_option("dataset", o->root, "Dataset folder")->required();
  stats->add_option("--format", o->format, "Dataset layout (default: auto-detect)")->capture_default_str();
  stats->add_option("--plots", o->plots, "Folder for size_histogram.png and stats.json (default spot-output/stats-<name>)");
  stats->callback([o] { print_dataset_stats(o->root, o->format, o->plots.empty() ? default_stats_dir(o->root) : o->plots); });
}

}  // namespace spot::cli
