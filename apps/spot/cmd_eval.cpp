// `spot eval`: score one or more result folders on a dataset with the toolkits' protocols; prints a
// side-by-side table and optionally writes the full JSON report and gnuplot plots.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "config_file.hpp"
#include "spot/api/dataset_evaluation.hpp"
#include "spot/error.hpp"
#include "spot/eval/report.hpp"

namespace spot::cli {
namespace {

namespace fs = std::filesystem;

struct EvalOptions {
  std::string config;                // TOML/INI file with any of the options below
  std::string dataset;               // dataset folder, any layout load_dataset reads
  std::string format = "auto";       // dataset layout, or auto-detect
  std::vector<std::string> results;  // [NAME=]DIR per results set; NAME = DIR's basename
  std::vector<std::string> protocols = {"all"};  // protocol names (comma lists allowed) or "all"
  std::string json;                              // full report written here when set
  std::string plots;       // gnuplot data, scripts and PNGs written here when set
  std::string image_size;  // "WxH" for every sequence instead of its first frame
};

geometry::ImageSize parse_image_size(const std::string& text) {
  const std::size_t x = text.find_first_of("xX");
  int w = 0, h = 0;
  try {
    std::size_t used_w = 0, used_h = 0;
    if (x != std::string::npos) {
      w = std::stoi(text.substr(0, x), &used_w);
      h = std::stoi(text.substr(x + 1), &used_h);
    }
    if (x == std::string::npos || used_w != x || used_h != text.size() - x - 1) w = h = 0;
  } catch (const std::exception&) {
    w = h = 0;
  }
  if (w <= 0 || h <= 0)
    throw Error(fmt::format(
        "--image-size: expected WxH with positive integers (e.g. 640x360), got '{}'", text));
  return {w, h};
}

void run_eval(CLI::App& cmd, const EvalOptions& o) {
  if (!o.config.empty()) apply_config_file(cmd, o.config);
  // Checked here rather than with ->required(), which CLI11 enforces before a config could fill
  // them.
  require_option(o.dataset, "dataset");
  if (o.results.empty()) throw Error("--results is required (or 'results' in --config)");
  api::DatasetEvaluation request;
  request.dataset = o.dataset;
  request.format = o.format;
  request.protocols = o.protocols;
  for (const auto& arg : o.results) request.results.push_back(api::parse_results_set(arg));
  if (!o.image_size.empty()) request.image_size = parse_image_size(o.image_size);
  const api::DatasetReport r = api::evaluate_dataset(request);

  std::cout << fmt::format("{} sequences, {} results set(s), protocols: ", r.sequences,
                           request.results.size());
  for (std::size_t i = 0; i < r.protocols.size(); ++i)
    std::cout << (i ? "," : "") << r.protocols[i];
  std::cout << "\n\n" << eval::format_table(r.report);

  if (!o.json.empty()) {
    const fs::path file(o.json);
    if (file.has_parent_path()) fs::create_directories(file.parent_path());
    std::ofstream out(file);
    if (!out) throw Error("cannot write JSON report", file.string());
    out << r.report.dump(2) << "\n";
    out.close();
    if (!out) throw Error("write error", file.string());
    std::cout << "\nreport: " << file.string() << "\n";
  }
  if (!o.plots.empty()) {
    const eval::PlotFiles files = eval::write_plots(r.report, o.plots, std::cerr);
    for (const auto& png : files.images) std::cout << "plot: " << png.string() << "\n";
    if (!files.gnuplot_ran && !files.scripts.empty())
      std::cout << "plot scripts kept in " << o.plots << " (run gnuplot on the .gp files)\n";
  }
}

}  // namespace

void register_eval(CLI::App& app) {
  auto opts = std::make_shared<EvalOptions>();
  auto* cmd = app.add_subcommand(
      "eval",
      "Score result folders with the toolkits' metrics (otb, lasot, got10k, vot-lt, oxuva, point)");
  cmd->add_option("--config", opts->config,
                  "TOML/INI file with any option below (keys like 'dataset', 'results'); flags win")
      ->check(CLI::ExistingFile);
  cmd->add_option("--dataset", opts->dataset, "Dataset folder (ground truth) [required]");
  cmd->add_option("--format", opts->format, "Dataset layout (default: auto-detect)")
      ->capture_default_str();
  cmd->add_option("--results", opts->results,
                  "[NAME=]DIR with <seq>.txt per sequence (repeatable; NAME defaults to DIR's "
                  "name) [required]");
  cmd->add_option("--protocol", opts->protocols,
                  "Protocols: otb, lasot, got10k, vot-lt, oxuva, point, or all (comma-separated)")
      ->delimiter(',')
      ->capture_default_str();
  cmd->add_option("--json", opts->json, "Write the full report (per sequence and overall) here");
  cmd->add_option("--plots", opts->plots, "Write success / precision / point-by-size plots here");
  cmd->add_option("--image-size", opts->image_size,
                  "WxH for every sequence (default: read from each sequence's first frame)");
  cmd->callback([cmd, opts] { run_eval(*cmd, *opts); });
}

}  // namespace spot::cli
