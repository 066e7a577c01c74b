// `spot eval`: score one or more result folders on a dataset with the toolkits' protocols; prints a
// side-by-side table and optionally writes the full JSON report and gnuplot plots.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "commands.hpp"
#include "config_file.hpp"
#include "spot/data/dataset.hpp"
#include "spot/data/frame_reader.hpp"
#include "spot/error.hpp"
#include "spot/eval/evaluate.hpp"
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

// "NAME=DIR" or "DIR". An '=' only names the set when what precedes it has no path separator, so a
// directory whose name contains '=' still works with an explicit name.
std::pair<std::string, fs::path> parse_results_arg(const std::string& arg) {
  const std::size_t eq = arg.find('=');
  if (eq != std::string::npos && eq > 0 && arg.find('/') > eq) {
    if (eq + 1 == arg.size())
      throw Error(fmt::format("--results '{}': no directory after '='", arg));
    return {arg.substr(0, eq), fs::path(arg.substr(eq + 1))};
  }
  fs::path dir(arg);
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(fs::absolute(dir), ec);
  std::string name = ec ? std::string() : canonical.filename().string();
  if (name.empty()) name = dir.lexically_normal().parent_path().filename().string();
  if (name.empty()) name = arg;
  return {name, dir};
}

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
  const std::vector<std::string> protocols = eval::parse_protocols(o.protocols);
  bool needs_size = false;
  for (const auto& p : protocols)
    needs_size = needs_size || p == "got10k" || p == "vot-lt" || p == "oxuva";

  std::optional<geometry::ImageSize> fixed_size;
  if (!o.image_size.empty()) fixed_size = parse_image_size(o.image_size);

  // Results folders are parsed before the (slower) dataset load so typos fail fast.
  std::vector<std::pair<std::string, fs::path>> sets;
  for (const auto& arg : o.results) {
    auto set = parse_results_arg(arg);
    for (const auto& other : sets) {
      if (other.first == set.first)
        throw Error(
            fmt::format("two results sets are named '{}'; name them with NAME=DIR", set.first));
    }
    if (!fs::is_directory(set.second))
      throw Error("results directory not found", set.second.string());
    sets.push_back(std::move(set));
  }

  const std::vector<data::Sequence> dataset = data::load_dataset(o.dataset, o.format);
  std::vector<eval::SequenceEvalInput> inputs;
  inputs.reserve(dataset.size());
  for (const auto& seq : dataset) {
    if (!seq.has_groundtruth())
      throw Error(
          fmt::format("sequence '{}' has no ground truth; spot eval needs annotated sequences",
                      seq.name),
          o.dataset);
    eval::SequenceEvalInput in;
    in.name = seq.name;
    in.groundtruth = seq.groundtruth;
    in.attributes = seq.attributes;
    // Reading a frame costs I/O, so only when a protocol crops to the image.
    if (fixed_size) {
      in.image_size = *fixed_size;
    } else if (needs_size) {
      in.image_size = data::first_frame_size(seq);
    }
    inputs.push_back(std::move(in));
  }

  std::map<std::string, eval::ResultsBySequence> results;
  for (const auto& [name, dir] : sets) results[name] = eval::load_results(dir, inputs);

  const nlohmann::json report = eval::evaluate(inputs, results, protocols);

  std::cout << fmt::format("{} sequences, {} results set(s), protocols: ", inputs.size(),
                           sets.size());
  for (std::size_t i = 0; i < protocols.size(); ++i) std::cout << (i ? "," : "") << protocols[i];
  std::cout << "\n\n" << eval::format_table(report);

  if (!o.json.empty()) {
    const fs::path file(o.json);
    if (file.has_parent_path()) fs::create_directories(file.parent_path());
    std::ofstream out(file);
    if (!out) throw Error("cannot write JSON report", file.string());
    out << report.dump(2) << "\n";
    out.close();
    if (!out) throw Error("write error", file.string());
    std::cout << "\nreport: " << file.string() << "\n";
  }
  if (!o.plots.empty()) {
    const eval::PlotFiles files = eval::write_plots(report, o.plots, std::cerr);
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
