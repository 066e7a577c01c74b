// write_report: the Markdown report of one experiment (report.md) and its gnuplot figures, from the
// results JSON run_experiment produces. Kept apart from the runner so a report can be rewritten
// from results.json without re-running anything.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace spot::experiment {

// Mean and spread over seeds of one number; `n` = runs where it was defined.
struct SeedSummary {
  double mean = 0, min = 0, max = 0;
  int n = 0;
};

// Summarises the values at `pointer` (a JSON pointer into each run) over a row's runs; n = 0 when
// none is a number.
SeedSummary summarise(const nlohmann::json& runs, const nlohmann::json::json_pointer& pointer);

// True when two summaries differ by no more than the larger of their seed ranges (max - min): the
// difference is within the seed-to-seed noise measured here. Needs >= 2 seeds on both sides.
bool within_noise(const SeedSummary& a, const SeedSummary& b);

// Writes <dir>/report.md and, when gnuplot is installed, <dir>/point_by_size-<tag>.png per dataset
// (and size_histogram.png when the results hold histograms). Throws spot::Error when a file cannot
// be written.
void write_report(const nlohmann::json& results, const std::filesystem::path& dir);

}  // namespace spot::experiment
