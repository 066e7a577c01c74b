// run_experiment: training cache, evaluation sets, tracking with resumable result folders, scoring.
#include "spot/experiment/experiment_runner.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <thread>

#include "spot/api/tracker_factory.hpp"
#include "spot/data/dataset.hpp"
#include "spot/data/dataset_stats.hpp"
#include "spot/data/synth_config.hpp"
#include "spot/data/synth_dataset.hpp"
#include "spot/error.hpp"
#include "spot/eval/evaluate.hpp"
#include "spot/eval/protocols.hpp"
#include "spot/eval/results_io.hpp"
#include "spot/experiment/experiment_report.hpp"
#include "spot/geometry/box.hpp"
#include "spot/track/sequence_runner.hpp"
#include "spot/train/trainer.hpp"
#include "spot/util/config_fields.hpp"
#include "spot/util/progress.hpp"

namespace spot::experiment {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// FNV-1a: a short, stable name for a config (std::hash differs between standard libraries).
std::string short_hash(const std::string& text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char ch : text) {
    h ^= ch;
    h *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", h).substr(0, 10);
}

// File-name-safe form of a label: "K=4, gate 0.5" -> "K-4-gate-0.5".
std::string slug(const std::string& label) {
  std::string s;
  for (char ch : label) {
    const bool keep = std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '_';
    if (keep)
      s += ch;
    else if (!s.empty() && s.back() != '-')
      s += '-';
  }
  while (!s.empty() && s.back() == '-') s.pop_back();
  return s.empty() ? "variant" : s;
}

json read_json(const fs::path& file) {
  try {
    std::ifstream in(file);
    return json::parse(in);
  } catch (const std::exception&) {
    return json();  // missing or damaged (killed while writing): treated as absent
  }
}

void write_json(const fs::path& file, const json& j) {
  const fs::path tmp = file.string() + ".tmp";
  {
    std::ofstream out(tmp);
    out << j.dump(2) << "\n";
    if (!out) throw Error("cannot write file", tmp.string());
  }
  fs::rename(tmp, file);
}

// --- Training (cached by config) ---------------------------------------------------------------

// What decides the trained weights: everything but where the run lives and how it logs.
json training_identity(const train::TrainConfig& c) {
  json j = c.to_json();
  for (const char* k : {"out", "threads", "checkpoint_every", "log_every"}) j.erase(k);
  return j;
}

// The cache folder holding a run of exactly this config, or a new folder for it.
fs::path training_dir(const train::TrainConfig& c, const std::string& label,
                      const fs::path& cache) {
  const json id = training_identity(c);
  std::error_code ec;
  if (fs::is_directory(cache, ec)) {
    std::vector<fs::path> dirs;
    for (const auto& e : fs::directory_iterator(cache, ec)) {
      if (e.is_directory()) dirs.push_back(e.path());
    }
    std::sort(dirs.begin(), dirs.end());
    for (const auto& d : dirs) {
      const json stored = read_json(d / "config.json");
      if (!stored.is_object()) continue;
      try {
        if (training_identity(
                train::TrainConfig::from_json(stored, (d / "config.json").string())) == id)
          return d;
      } catch (const Error&) {
        // a config.json from another SPOT version: not a match
      }
    }
  }
  return cache / fmt::format("{}-s{}-{}", slug(label), c.seed, short_hash(id.dump()));
}

// An exclusive flock() on <unit>.lock while a unit is trained and tracked; the kernel releases it
// when the process dies, so a killed run never leaves a stale lock behind.
class UnitLock {
 public:
  UnitLock(const std::string& file, const std::string& label) {
    fd_ = ::open(file.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    if (fd_ < 0)
      throw Error(fmt::format("cannot create lock file: {}", std::strerror(errno)), file);
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      std::cerr << fmt::format("waiting for another spot experiment that is running {} ({})\n",
                               label, file);
      if (::flock(fd_, LOCK_EX) != 0) {
        ::close(fd_);
        throw Error(fmt::format("cannot lock: {}", std::strerror(errno)), file);
      }
    }
  }
  ~UnitLock() { ::close(fd_); }
  UnitLock(const UnitLock&) = delete;
  UnitLock& operator=(const UnitLock&) = delete;

 private:
  int fd_ = -1;
};

struct Trained {
  fs::path dir;
  double seconds = -1;  // training time as measured when it ran (-1: not recorded)
};

Trained ensure_trained(train::TrainConfig c, const std::string& label, const fs::path& dir,
                       bool progress) {
  c.out = dir.string();
  const fs::path time_file = dir / "experiment-train-time.json";
  const json recorded = read_json(time_file);
  if (fs::exists(dir / "model.pt")) {
    return {dir, recorded.is_object() ? recorded.value("seconds", -1.0) : -1.0};
  }
  double spent = recorded.is_object() ? recorded.value("seconds", 0.0) : 0.0;
  const bool resume = fs::exists(dir / "last.pt");
  std::cerr << fmt::format("{} {} (seed {}) in {}\n", resume ? "resuming training of" : "training",
                           label, c.seed, dir.string());
  const auto t0 = Clock::now();
  train::DistributedContext single(train::DistributedEnv{});
  train::TrainOptions options;
  options.resume = resume;
  options.progress = progress;
  try {
    train::run_training(c, options, single);
  } catch (...) {
    fs::create_directories(dir);
    write_json(time_file, {{"seconds", spent + seconds_since(t0)}, {"complete", false}});
    throw;
  }
  spent += seconds_since(t0);
  write_json(time_file, {{"seconds", spent}, {"complete", true}});
  return {dir, spent};
}

// --- Evaluation sets ----------------------------------------------------------------------------

struct EvalSet {
  std::string tag;                        // folder name of its results
  std::string label;                      // for the report
  std::vector<data::Sequence> sequences;  // already cut to the frames evaluated
  std::vector<double> median_sizes;       // per sequence: median GT sqrt(w*h) (LaSOT AUC by size)
  int max_frames = 0;
};

// Keeps the first `frames` frames of a sequence (GT and attributes too): evaluation sees exactly
// what was tracked.
void cut(data::Sequence& s, int frames) {
  if (frames <= 0 || s.size() <= frames) return;
  if (s.video.empty())
    s.frames.resize(static_cast<std::size_t>(frames));
  else
    s.video_frame_count = frames;
  if (s.groundtruth.size() > static_cast<std::size_t>(frames))
    s.groundtruth.resize(static_cast<std::size_t>(frames));
  for (auto& [name, flags] : s.attributes) {
    if (flags.size() > static_cast<std::size_t>(frames))
      flags.resize(static_cast<std::size_t>(frames));
  }
}

EvalSet make_eval_set(const fs::path& dir, const std::string& name, int max_sequences,
                      int max_frames) {
  EvalSet set;
  auto all = data::load_dataset(dir, "auto");
  std::vector<data::Sequence> kept;
  for (auto& s : all) {
    if (max_sequences > 0 && static_cast<int>(kept.size()) >= max_sequences) break;
    cut(s, max_frames);
    if (s.first_annotated_frame() < 0)
      continue;  // nothing to initialise on (within the frames kept)
    kept.push_back(std::move(s));
  }
  if (kept.empty()) throw Error("no sequence with a ground-truth box to evaluate on", dir.string());
  set.sequences = std::move(kept);
  for (const auto& st : data::compute_dataset_stats(set.sequences).sequences) {
    set.median_sizes.push_back(st.median_size);
  }
  set.max_frames = max_frames;
  set.tag =
      fmt::format("{}-{}x{}", slug(name), max_sequences > 0 ? std::to_string(max_sequences) : "all",
                  max_frames > 0 ? std::to_string(max_frames) : "all");
  set.label =
      fmt::format("{} ({} sequences{})", name, set.sequences.size(),
                  max_frames > 0 ? fmt::format(", at most {} frames each", max_frames) : "");
  return set;
}

// The synthetic benchmark, generated from its config when the folder does not exist yet.
void ensure_benchmark(const ExperimentConfig& c) {
  const data::SynthConfig synth = data::load_synth_config(c.benchmark_config);
  const json want = data::to_json(synth);
  if (fs::exists(c.benchmark_dir)) {
    const json have = read_json(c.benchmark_dir / "config.json");
    if (have != want) {
      throw Error(
          fmt::format("this folder holds another dataset than {} describes; remove it or set "
                      "experiment.benchmark_dir",
                      c.benchmark_config.string()),
          c.benchmark_dir.string());
    }
    return;
  }
  const fs::path tmp = c.benchmark_dir.string() + ".tmp";
  fs::remove_all(tmp);
  util::ProgressBar bar("benchmark " + c.benchmark_dir.filename().string(),
                        static_cast<long>(synth.sequences) * synth.frames, "frames");
  data::write_synth_dataset(synth, tmp, "spot experiment (benchmark)",
                            [&](long, long, const std::string&) { bar.advance(1); });
  bar.finish();
  fs::rename(tmp, c.benchmark_dir);
}

std::vector<EvalSet> eval_sets(const ExperimentConfig& c) {
  ensure_benchmark(c);
  std::vector<EvalSet> sets;
  sets.push_back(make_eval_set(c.benchmark_dir, c.benchmark_dir.filename().string(),
                               c.benchmark_sequences, c.benchmark_frames));
  for (const auto& d : c.datasets) {
    if (!fs::exists(d)) {
      std::cerr << fmt::format("note: evaluation dataset {} is not here; skipped\n", d.string());
      continue;
    }
    const fs::path norm = fs::weakly_canonical(d);
    const std::string name = norm.has_filename() ? norm.parent_path().filename().string() + "-" +
                                                       norm.filename().string()
                                                 : norm.string();
    sets.push_back(make_eval_set(d, name, 0, c.dataset_frames));
  }
  return sets;
}

// --- Tracking and scoring -----------------------------------------------------------------------

json metrics_of(const json& report, const std::string& name, const EvalSet& set) {
  const auto bins = eval::point_size_bins();
  const json& point = report.at("point").at(name);
  const json& lasot = report.at("lasot").at(name);
  json m;
  m["point_hit"] = point.at("overall").at("point_hit_rate");
  m["point_hit_by_size"] = json::object();
  for (const auto& b : bins)
    m["point_hit_by_size"][b] = point.at("overall").at("by_size").at(b).at("point_hit_rate");
  m["lasot_auc"] = lasot.at("overall").at("success_auc");
  // LaSOT AUC is a per-sequence curve, so its size view groups whole sequences by their median
  // GT size (frames of one sequence are not scored independently by that protocol).
  std::vector<double> sum(bins.size(), 0.0);
  std::vector<int> count(bins.size(), 0);
  for (std::size_t i = 0; i < set.sequences.size(); ++i) {
    const json& auc = lasot.at("sequences").at(set.sequences[i].name).at("success_auc");
    if (!auc.is_number()) continue;
    const std::size_t b = eval::point_size_bin(set.median_sizes[i]);
    sum[b] += auc.get<double>();
    ++count[b];
  }
  m["lasot_auc_by_sequence_size"] = json::object();
  for (std::size_t i = 0; i < bins.size(); ++i) {
    m["lasot_auc_by_sequence_size"][bins[i]] =
        count[i] > 0 ? json(sum[i] / count[i]) : json(nullptr);
  }
  return m;
}

// Runs `tracker` over the set into `dir` (sequences with complete results are kept), then scores
// it.
json evaluate_tracker(const std::string& tracker, const track::SpotTrackerConfig& spot,
                      const fs::path& dir, const EvalSet& set, const std::string& what,
                      bool progress) {
  fs::create_directories(dir);
  long total = 0;
  for (const auto& s : set.sequences) total += s.size();
  const json timing_before = read_json(dir / "eval-time.json");
  double eval_seconds = timing_before.is_object() ? timing_before.value("seconds", 0.0) : 0.0;
  const auto t0 = Clock::now();
  {
    std::unique_ptr<util::ProgressBar> bar;
    if (progress) bar = std::make_unique<util::ProgressBar>(what, total, "frames");
    for (const auto& s : set.sequences) {
      if (eval::has_complete_results(dir, s.name, s.size())) {
        if (bar) bar->advance(s.size(), s.name + " (done before)");
        continue;
      }
      auto t = api::make_tracker(tracker, spot);
      track::RunOptions ro;
      ro.max_frames = set.max_frames;
      const int init = s.first_annotated_frame();
      const auto out =
          track::run_sequence(*t, s, ro, [&](int, const cv::Mat&, const track::TrackResult&) {
            if (bar) bar->advance(1, s.name);
          });
      if (bar && init > 0) bar->advance(init, s.name);
      eval::write_results(dir, s.name, out);
      write_json(dir / "eval-time.json", {{"seconds", eval_seconds + seconds_since(t0)}});
    }
  }
  eval_seconds += seconds_since(t0);
  write_json(dir / "eval-time.json", {{"seconds", eval_seconds}});

  std::vector<eval::SequenceEvalInput> inputs;
  eval::ResultsBySequence results;
  double update_seconds = 0;
  long updates = 0;
  for (const auto& s : set.sequences) {
    eval::SequenceEvalInput in;
    in.name = s.name;
    in.groundtruth = s.groundtruth;
    in.attributes = s.attributes;
    inputs.push_back(std::move(in));
    auto r = eval::read_results(dir, s.name);
    for (std::size_t i = static_cast<std::size_t>(std::max(s.first_annotated_frame(), 0)) + 1;
         i < r.seconds.size(); ++i) {
      update_seconds += r.seconds[i];
      ++updates;
    }
    results.emplace(s.name, std::move(r));
  }
  const json report = eval::evaluate(inputs, {{"x", results}}, {"point", "lasot"});
  json m = metrics_of(report, "x", set);
  m["fps"] = update_seconds > 0 ? json(updates / update_seconds) : json(nullptr);
  m["eval_seconds"] = eval_seconds;
  return m;
}

json frames_by_size(const EvalSet& set) {
  const auto bins = eval::point_size_bins();
  std::vector<long> n(bins.size(), 0);
  for (const auto& s : set.sequences) {
    const int init = s.first_annotated_frame();
    for (std::size_t k = static_cast<std::size_t>(init) + 1; k < s.groundtruth.size(); ++k) {
      if (s.groundtruth[k]) ++n[eval::point_size_bin(geometry::box_size(*s.groundtruth[k]))];
    }
  }
  json j = json::object();
  for (std::size_t i = 0; i < bins.size(); ++i) j[bins[i]] = n[i];
  return j;
}

// Share of training targets per size bin: the sampler's size distribution, read off its quantiles
// (the sampler rescales every pair to a size drawn from it).
json size_histogram(const train::TrainConfig& c) {
  const auto bins = eval::point_size_bins();
  const data::SizeDistribution dist = c.sampler.sampler(c.seed).size;
  constexpr int kDraws = 20000;
  std::vector<double> share(bins.size(), 0.0);
  for (int k = 0; k < kDraws; ++k)
    share[eval::point_size_bin(dist.quantile((k + 0.5) / kDraws))] += 1.0 / kDraws;
  json j = json::object();
  for (std::size_t i = 0; i < bins.size(); ++i) j[bins[i]] = share[i];
  return j;
}

std::string machine_description() {
  std::string cpu = "unknown CPU";
  std::ifstream info("/proc/cpuinfo");
  for (std::string line; std::getline(info, line);) {
    if (line.rfind("model name", 0) == 0) {
      cpu = line.substr(line.find(':') + 2);
      break;
    }
  }
  return fmt::format("{}, {} hardware threads, CPU only", cpu, std::thread::hardware_concurrency());
}

}  // namespace

fs::path output_dir(const ExperimentConfig& config, const ExperimentOptions& options) {
  return options.out.empty() ? fs::path("results/experiments") / config.name : options.out;
}

json run_experiment(const ExperimentConfig& config, const ExperimentOptions& options) {
  const auto t0 = Clock::now();
  const fs::path out = output_dir(config, options);
  const fs::path cache =
      options.cache.empty() ? fs::path("results/experiments/trained") : options.cache;
  fs::create_directories(out);
  fs::create_directories(cache);
  track::SpotTrackerConfig variant_tracker;
  if (!config.tracker_config.empty())
    variant_tracker = track::load_spot_tracker_config(config.tracker_config.string());
  for (const auto& t : config.trackers)
    api::make_tracker(t);  // unknown names / missing weights fail before any work

  const std::vector<EvalSet> sets = eval_sets(config);
  const auto bins = eval::point_size_bins();
  json result = {
      {"experiment", config.name},
      {"title", config.title},
      {"claim", config.claim},
      {"seeds", config.seeds},
      {"bins", bins},
      {"machine", machine_description()},
      {"command", options.command.empty() ? "spot experiment " + config.name : options.command}};
  result["datasets"] = json::array();
  for (const auto& s : sets) {
    result["datasets"].push_back({{"tag", s.tag},
                                  {"label", s.label},
                                  {"sequences", s.sequences.size()},
                                  {"frames_by_size", frames_by_size(s)}});
  }
  // Results of other tracker settings go to other folders (threads and weights do not change them).
  track::SpotTrackerConfig id = variant_tracker;
  id.threads = 1;
  id.weights.clear();
  const std::string tracker_hash =
      short_hash(json{{"tracker", util::fields_to_json(id.fields())},
                      {"online", util::fields_to_json(id.online.fields())},
                      {"association", util::fields_to_json(id.association.fields())},
                      {"refine", util::fields_to_json(id.refine.fields())}}
                     .dump());
  const int units =
      static_cast<int>(config.variants.size() * config.seeds.size() + config.trackers.size());
  int unit = 0;
  // Seed-major: the first seed of every variant is done before the second, so a run cut short
  // still compares every variant.
  std::vector<json> rows;
  for (const auto& v : config.variants)
    rows.push_back({{"name", v.name}, {"kind", "variant"}, {"runs", json::array()}});
  if (config.size_histogram) {
    result["histograms"] = json::object();
    for (const auto& v : config.variants) result["histograms"][v.name] = size_histogram(v.train);
  }
  // results.json and the report are rewritten after every unit, so an experiment stopped half-way
  // (or still running) already shows everything finished so far.
  result["units"] = units;
  auto publish = [&] {
    result["rows"] = rows;
    result["wall_seconds"] = seconds_since(t0);
    write_json(out / "results.json", result);
    write_report(result, out);
  };
  for (const auto& seed : config.seeds) {
    for (std::size_t i = 0; i < config.variants.size(); ++i) {
      const Variant& v = config.variants[i];
      ++unit;
      std::cerr << fmt::format("[{} {}/{}] {} seed {}\n", config.name, unit, units, v.name, seed);
      train::TrainConfig c = v.train;
      c.seed = seed;
      const fs::path dir = training_dir(c, v.name, cache);
      // Another `spot experiment` sharing the cache may be training or tracking this very variant.
      const UnitLock lock(dir.string() + ".lock", v.name);
      const Trained trained = ensure_trained(c, v.name, dir, options.progress);
      track::SpotTrackerConfig tc = variant_tracker;
      tc.weights = (trained.dir / "model.pt").string();
      json run = {{"seed", seed},
                  {"dir", trained.dir.string()},
                  {"train_seconds", trained.seconds >= 0 ? json(trained.seconds) : json(nullptr)}};
      run["eval"] = json::object();
      for (const auto& set : sets) {
        run["eval"][set.tag] =
            evaluate_tracker("spot", tc, trained.dir / "eval" / (set.tag + "-" + tracker_hash), set,
                             fmt::format("eval {} s{}", v.name, seed), options.progress);
      }
      rows[i]["runs"].push_back(run);
      publish();
    }
  }
  for (const auto& t : config.trackers) {
    ++unit;
    std::cerr << fmt::format("[{} {}/{}] tracker {}\n", config.name, unit, units, t);
    json run = {{"dir", (out / "trackers" / t).string()},
                {"train_seconds", nullptr},
                {"eval", json::object()}};
    for (const auto& set : sets) {
      run["eval"][set.tag] = evaluate_tracker(t, {}, out / "trackers" / t / set.tag, set,
                                              "eval " + t, options.progress);
    }
    rows.push_back({{"name", t}, {"kind", "tracker"}, {"runs", json::array({run})}});
    publish();
  }
  publish();
  return result;
}

}  // namespace spot::experiment
