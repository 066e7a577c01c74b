// `spot run`: one tracker over every sequence of a dataset, results in the toolkits' layout.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <numeric>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "config_file.hpp"
#include "spot_tracker_options.hpp"
#include "spot/api/tracker_factory.hpp"
#include "spot/data/dataset.hpp"
#include "spot/error.hpp"
#include "spot/eval/results_io.hpp"
#include "spot/track/sequence_runner.hpp"
#include "spot/util/progress.hpp"

namespace spot::cli {
namespace {

namespace fs = std::filesystem;

struct RunOptions {
  std::string config;
  std::string tracker;
  std::string dataset;
  std::string format = "auto";
  std::string out;
  std::vector<std::string> sequences;  // empty: all
  bool overwrite = false;
  int max_frames = 0;
  track::SpotTrackerConfig spot;
};

void run(CLI::App& cmd, const RunOptions& o) {
  if (!o.config.empty()) apply_config_file(cmd, o.config);
  require_option(o.tracker, "tracker");
  require_option(o.dataset, "dataset");
  require_option(o.out, "out");
  auto sequences = data::load_dataset(o.dataset, o.format);
  if (!o.sequences.empty()) {
    std::vector<data::Sequence> kept;
    for (const auto& name : o.sequences) {
      auto it = std::find_if(sequences.begin(), sequences.end(),
                             [&](const data::Sequence& s) { return s.name == name; });
      if (it == sequences.end()) {
        throw Error(fmt::format("no sequence '{}' in dataset {}", name, o.dataset));
      }
      kept.push_back(*it);
    }
    sequences = std::move(kept);
  }
  api::make_tracker(o.tracker, o.spot);  // fail on an unknown name / missing weights before any work
  const fs::path out_dir(o.out);
  fs::create_directories(out_dir);

  auto frames_of = [&](const data::Sequence& s) {
    return o.max_frames > 0 ? std::min(s.size(), o.max_frames) : s.size();
  };
  long total = 0;
  for (const auto& s : sequences) total += frames_of(s);
  util::ProgressBar bar("run " + o.tracker, total, "frames");

  // run.json keeps per-sequence timing across resumed runs so the overall fps covers every sequence.
  const fs::path summary_path = out_dir / "run.json";
  nlohmann::json summary = {{"tracker", o.tracker}, {"dataset", o.dataset}, {"sequences", nlohmann::json::object()}};
  if (fs::exists(summary_path)) {
    try {
      nlohmann::json old = nlohmann::json::parse(std::ifstream(summary_path));
      if (old.value("tracker", "") == o.tracker) summary["sequences"] = old.at("sequences");
    } catch (const std::exception&) {
      // a damaged summary from a killed run is rebuilt from the sequences run now
    }
  }
  double all_seconds = 0;
  long all_updates = 0;
  // Written after every sequence (temp file + rename) so a killed run keeps its timings.
  auto save_summary = [&] {
    all_seconds = 0;
    all_updates = 0;
    for (const auto& [name, s] : summary["sequences"].items()) {
      all_seconds += s.value("seconds", 0.0);
      all_updates += s.value("updates", 0L);
    }
    if (all_seconds > 0) summary["fps"] = all_updates / all_seconds;
    const fs::path tmp = summary_path.string() + ".tmp";
    std::ofstream(tmp) << summary.dump(2) << "\n";
    fs::rename(tmp, summary_path);
  };
  int kept = 0;
  for (const auto& seq : sequences) {
    const int n = frames_of(seq);
    if (!o.overwrite && eval::has_complete_results(out_dir, seq.name, n)) {
      bar.advance(n, seq.name + " (done before)");
      ++kept;
      continue;
    }
    auto tracker = api::make_tracker(o.tracker, o.spot);
    track::RunOptions ro;
    ro.max_frames = o.max_frames;
    const int init = seq.first_annotated_frame();
    const auto result = track::run_sequence(
        *tracker, seq, ro, [&](int, const cv::Mat&, const track::TrackResult&) { bar.advance(1, seq.name); });
    if (init > 0) bar.advance(init, seq.name);  // frames before the init frame are not processed
    eval::write_results(out_dir, seq.name, result);
    // Speed counts update() calls only (the init frame is excluded), as the toolkits report fps.
    double seconds = 0;
    long updates = 0;
    for (int i = std::max(init, 0) + 1; i < n; ++i, ++updates) seconds += result.seconds[i];
    summary["sequences"][seq.name] = {{"frames", n}, {"updates", updates}, {"seconds", seconds},
                                      {"fps", seconds > 0 ? updates / seconds : 0.0}};
    save_summary();
  }
  bar.finish();
  save_summary();
  if (kept > 0) {
    std::cout << fmt::format("{} sequences already had results (kept; --overwrite redoes them)\n", kept);
  }
  std::cout << fmt::format("{}: {} sequences, results in {}{}\n", o.tracker, sequences.size(),
                           out_dir.string(),
                           all_seconds > 0 ? fmt::format(" ({:.1f} fps in update())",
                                                         all_updates / all_seconds)
                                           : std::string());
}

}  // namespace

void register_run(CLI::App& app) {
  auto opts = std::make_shared<RunOptions>();
  auto* cmd = app.add_subcommand("run", "Run a tracker over every sequence of a dataset");
  add_config_option(*cmd, opts->config);
  cmd->add_option("--tracker", opts->tracker, "Tracker name (spot, csrt, kcf, mil, mosse, medianflow, tld, tld-stock, boosting) [required]");
  add_spot_tracker_options(*cmd, opts->spot);
  cmd->add_option("--dataset", opts->dataset, "Dataset folder, sequence folder, image folder or video [required]");
  cmd->add_option("--format", opts->format, "Dataset layout (default: auto-detect)")
      ->capture_default_str();
  cmd->add_option("--out", opts->out, "Folder for <seq>.txt, <seq>_confidence.value, <seq>_time.txt [required]");
  cmd->add_option("--sequence", opts->sequences, "Only these sequences (repeatable)");
  cmd->add_flag("--overwrite", opts->overwrite, "Redo sequences that already have results");
  cmd->add_option("--max-frames", opts->max_frames, "Stop each sequence after N frames (0 = all)")
      ->check(CLI::Range(0, 1000000000));
  cmd->callback([opts, cmd] { run(*cmd, *opts); });
}

}  // namespace spot::cli
