// Printing a dataset's statistics (`spot data stats`, `spot synth --stats`): table, JSON, PNG.
#pragma once

#include <string>

namespace spot::cli {

// Reads the dataset at `root`, prints the size histogram, absent share and events per sequence,
// and writes <plots_dir>/size_histogram.{dat,gp,png} and stats.json.
void print_dataset_stats(const std::string& root, const std::string& format,
                         const std::string& plots_dir);

// spot-output/stats-<dataset folder name>: never inside the dataset (it may be read-only or shared).
std::string default_stats_dir(const std::string& root);

}  // namespace spot::cli
