// Turning an evaluate() report into something to read: a side-by-side text table and gnuplot plots.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace spot::eval {

// A table with one column per results name and one row per "<protocol>.<metric>" overall scalar
// (point's by_size bins as "point.by_size.<bin>"), in protocol_names() order. Rates print with 4
// decimals, counts as integers, null as "-". Empty string for an empty report.
std::string format_table(const nlohmann::json& report);

struct PlotFiles {
  std::vector<std::filesystem::path> data;     // .dat files written
  std::vector<std::filesystem::path> scripts;  // .gp files written
  std::vector<std::filesystem::path> images;   // .png files gnuplot produced
  bool gnuplot_ran = false;                    // false when gnuplot is missing (files kept)
};

// Writes gnuplot data + scripts into `dir` (created if needed) and runs gnuplot on them:
// success.png and precision.png (otb overall curves; lasot's when otb is not in the report) and
// point_by_size.png (point overall hit rate per size bin), one line / bar group per results name.
// Uses the pngcairo terminal when gnuplot has it, else png. When gnuplot is missing or fails,
// writes a one-line warning to `warnings` and keeps the .dat / .gp files. Throws spot::Error when
// `dir` cannot be created or a file cannot be written.
PlotFiles write_plots(const nlohmann::json& report, const std::filesystem::path& dir,
                      std::ostream& warnings);

}  // namespace spot::eval
