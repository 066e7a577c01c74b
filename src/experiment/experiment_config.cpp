// Loading experiments/NAME.toml: the [experiment] table, then one training config per [[variant]].
#include "spot/experiment/experiment_config.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <set>

#include "spot/error.hpp"
#include "spot/util/config_fields.hpp"

#ifndef SPOT_EXPERIMENTS_DIR_DEFAULT
#define SPOT_EXPERIMENTS_DIR_DEFAULT ""
#endif

namespace spot::experiment {
namespace fs = std::filesystem;

namespace {

long line_of(const toml::node& node) { return static_cast<long>(node.source().begin.line); }

// The [experiment] keys, read into plain strings / numbers first (paths are resolved afterwards).
struct RawExperiment {
  std::string title, claim, train, tracker_config, benchmark, benchmark_dir;
  std::vector<int> seeds = {1, 2};
  std::vector<std::string> trackers, datasets;
  int benchmark_sequences = 12, benchmark_frames = 300, dataset_frames = 0;
  bool size_histogram = false;
  util::Fields fields() {
    return {{"title", &title},
            {"claim", &claim},
            {"seeds", &seeds},
            {"train", &train},
            {"tracker_config", &tracker_config},
            {"trackers", &trackers},
            {"benchmark", &benchmark},
            {"benchmark_dir", &benchmark_dir},
            {"benchmark_sequences", &benchmark_sequences},
            {"benchmark_frames", &benchmark_frames},
            {"datasets", &datasets},
            {"dataset_frames", &dataset_frames},
            {"size_histogram", &size_histogram}};
  }
};

fs::path relative_to(const fs::path& base_dir, const std::string& p) {
  if (p.empty()) return {};
  const fs::path path(p);
  return (path.is_absolute() ? path : base_dir / path).lexically_normal();
}

fs::path experiments_dir_in_source() { return fs::path(SPOT_EXPERIMENTS_DIR_DEFAULT); }

std::vector<std::string> toml_stems(const fs::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec)) return names;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".toml") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

ExperimentConfig load_experiment_config(const fs::path& path, const fs::path& train_override) {
  const std::string file = path.string();
  const toml::table root = util::parse_toml_file(path);
  const fs::path here = path.parent_path();
  RawExperiment raw;
  ExperimentConfig c;
  c.name = path.stem().string();
  const toml::array* variants = nullptr;
  for (const auto& [key, node] : root) {
    const std::string k(key.str());
    if (k == "experiment" && node.is_table()) {
      util::read_fields(*node.as_table(), raw.fields(), file, "experiment");
    } else if (k == "variant" && node.is_array_of_tables()) {
      variants = node.as_array();
    } else {
      throw Error(
          fmt::format("unknown entry '{}' (expected an [experiment] table and [[variant]] tables)",
                      k),
          file, line_of(node));
    }
  }
  auto fail = [&](const std::string& what, long line = 0) { throw Error(what, file, line); };
  c.title = raw.title.empty() ? c.name : raw.title;
  c.claim = raw.claim;
  if (raw.seeds.empty()) fail("experiment.seeds is empty (expected e.g. [1, 2])");
  c.seeds.clear();
  for (int s : raw.seeds) {
    if (s < 0) fail(fmt::format("experiment.seeds: {} (expected non-negative integers)", s));
    c.seeds.push_back(static_cast<std::uint64_t>(s));
  }
  if (std::set<std::uint64_t>(c.seeds.begin(), c.seeds.end()).size() != c.seeds.size()) {
    fail("experiment.seeds repeats a seed");
  }
  c.trackers = raw.trackers;
  c.tracker_config = relative_to(here, raw.tracker_config);
  if (!raw.benchmark.empty())
    c.benchmark_config = relative_to(here, raw.benchmark);
  else
    c.benchmark_config = relative_to(here, "../configs/bench-small-lt.toml");
  if (!raw.benchmark_dir.empty()) c.benchmark_dir = raw.benchmark_dir;
  if (raw.benchmark_sequences < 0 || raw.benchmark_frames < 0 || raw.dataset_frames < 0) {
    fail(
        "experiment.benchmark_sequences, benchmark_frames and dataset_frames must be >= 0 (0 = "
        "all)");
  }
  if (raw.benchmark_frames == 1)
    fail("experiment.benchmark_frames = 1 leaves no frame to track (expected 0 or >= 2)");
  c.benchmark_sequences = raw.benchmark_sequences;
  c.benchmark_frames = raw.benchmark_frames;
  c.dataset_frames = raw.dataset_frames;
  for (const auto& d : raw.datasets) c.datasets.emplace_back(d);
  c.size_histogram = raw.size_histogram;

  train::TrainConfig base;
  const fs::path base_file =
      !train_override.empty()
          ? train_override
          : relative_to(here, raw.train.empty() ? "../configs/train-experiment.toml" : raw.train);
  if (variants != nullptr) {
    base = train::load_train_config(base_file);
  }
  std::set<std::string> names;
  if (variants != nullptr) {
    for (const auto& node : *variants) {
      const toml::table& t = *node.as_table();
      std::string name;
      toml::table changes;
      for (const auto& [key, value] : t) {
        const std::string k(key.str());
        if (k == "name") {
          if (!value.is_string()) fail("variant name: expected a string", line_of(value));
          name = value.as_string()->get();
        } else if (value.is_table()) {
          changes.insert(key, *value.as_table());
        } else {
          fail(fmt::format("variant key '{}': expected name or a [variant.<section>] table (train, "
                           "model, loss, "
                           "sampler, synthetic)",
                           k),
               line_of(value));
        }
      }
      if (name.empty()) fail("a [[variant]] has no name", line_of(node));
      if (!names.insert(name).second)
        fail(fmt::format("two variants are named '{}'", name), line_of(node));
      Variant v{name, base};
      train::apply_train_config_table(v.train, changes, file);
      v.train.validate(fmt::format("{} (variant '{}')", file, name));
      c.variants.push_back(std::move(v));
    }
  }
  for (const auto& t : c.trackers) {
    if (t.empty()) fail("experiment.trackers holds an empty name");
  }
  if (c.variants.empty() && c.trackers.empty()) {
    fail("nothing to run: no [[variant]] and no experiment.trackers");
  }
  return c;
}

fs::path find_experiment_file(const std::string& name) {
  std::error_code ec;
  if (fs::is_regular_file(name, ec)) return fs::path(name);
  std::vector<fs::path> places = {fs::path("experiments") / (name + ".toml")};
  if (!experiments_dir_in_source().empty())
    places.push_back(experiments_dir_in_source() / (name + ".toml"));
  for (const auto& p : places) {
    if (fs::is_regular_file(p, ec)) return p;
  }
  std::string tried;
  for (const auto& p : places) tried += (tried.empty() ? "" : ", ") + p.string();
  const auto known = shipped_experiments();
  std::string list;
  for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
  throw Error(fmt::format("no experiment '{}' (looked for {}); shipped experiments: {}", name,
                          tried, list.empty() ? "none found" : list));
}

std::vector<std::string> shipped_experiments() {
  auto names = toml_stems(experiments_dir_in_source());
  if (names.empty()) names = toml_stems("experiments");
  return names;
}

}  // namespace spot::experiment
