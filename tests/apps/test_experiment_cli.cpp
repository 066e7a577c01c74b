// `spot experiment` end to end: every shipped experiment at a tiny budget (configs/train-tiny.toml,
// configs/bench-tiny.toml) so none can rot; resuming and reusing trained variants; misuse is one
// line.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "support/paths.hpp"
#include "support/run_spot.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using spot::test::run_spot;

std::string source(const std::string& rel) { return (fs::path(SPOT_SOURCE_DIR) / rel).string(); }

// The tiny form of experiment `name`, everything inside `dir`; `extra` adds options.
spot::test::Outcome run_tiny(const std::string& name, const fs::path& dir,
                             const std::string& extra = "") {
  return run_spot("experiment " + name + " --train " + source("configs/train-tiny.toml") +
                  " --benchmark " + source("configs/bench-tiny.toml") + " --benchmark-dir " +
                  (dir / "bench").string() +
                  " --sequences 2 --frames 10 --no-datasets --no-progress --out " +
                  (dir / "out").string() + " --cache " + (dir / "trained").string() + " " + extra);
}

json results_of(const fs::path& dir) {
  std::ifstream in(dir / "out" / "results.json");
  return json::parse(in);
}

std::string report_of(const fs::path& dir) {
  std::ifstream in(dir / "out" / "report.md");
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Runs the tiny experiment and checks what every report must hold: one row per variant / tracker
// with a run per seed, a point-hit number per row for the benchmark, and the rows in report.md.
void expect_tiny_experiment(const std::string& name, const std::vector<std::string>& rows,
                            std::size_t runs_per_row, const std::string& seeds = "--seeds 1") {
  spot::test::TempDir d;
  const auto o = run_tiny(name, d.path(), seeds);
  ASSERT_EQ(o.exit_code, 0) << o.output;
  const json r = results_of(d.path());
  ASSERT_EQ(r.at("rows").size(), rows.size());
  const std::string report = report_of(d.path());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const json& row = r.at("rows")[i];
    EXPECT_EQ(row.at("name"), rows[i]);
    ASSERT_EQ(row.at("runs").size(), runs_per_row) << rows[i];
    for (const auto& run : row.at("runs")) {
      const json& m = run.at("eval").at("bench-2x10");
      EXPECT_TRUE(m.at("point_hit").is_number()) << rows[i];
      EXPECT_GE(m.at("point_hit").get<double>(), 0.0);
      EXPECT_LE(m.at("point_hit").get<double>(), 1.0);
      EXPECT_TRUE(m.at("lasot_auc").is_number()) << rows[i];
    }
    EXPECT_NE(report.find("| " + rows[i] + " |"), std::string::npos) << rows[i] << "\n" << report;
  }
  EXPECT_NE(report.find("### Point-hit rate by GT size"), std::string::npos);
  EXPECT_TRUE(fs::exists(d.path() / "out" / "point_by_size-bench-2x10.dat"));
}

TEST(ExperimentCli, PointsTiny) {
  expect_tiny_experiment("points", {"K=1", "K=4", "K=16", "K=64", "all points"}, 1);
}

TEST(ExperimentCli, LayersTiny) {
  expect_tiny_experiment("layers",
                         {"levels 1,3,9 (all)", "level 9 (deepest)", "levels 3,9",
                          "level 1 (shallow)", "levels 1,3,9, fused loss only"},
                         1);
}

TEST(ExperimentCli, LossTiny) {
  expect_tiny_experiment(
      "loss", {"max-point, margin", "max-point, no margin", "focal-Gaussian", "BCE all points"}, 1);
}

TEST(ExperimentCli, ImbalanceTinyWithTwoSeedsAndHistograms) {
  spot::test::TempDir d;
  const auto o = run_tiny("imbalance", d.path(), "--seeds 1 2");
  ASSERT_EQ(o.exit_code, 0) << o.output;
  const json r = results_of(d.path());
  ASSERT_EQ(r.at("rows").size(), 3u);
  EXPECT_EQ(r.at("rows")[0].at("runs").size(), 2u);
  // The imbalanced sampler gives the smallest bin a smaller share than the balanced one.
  const json& h = r.at("histograms");
  EXPECT_LT(h.at("imbalanced (mostly large)").at("0-8").get<double>(),
            h.at("balanced (uniform-log)").at("0-8").get<double>());
  const std::string report = report_of(d.path());
  EXPECT_NE(report.find("## Training size distribution"), std::string::npos);
  EXPECT_NE(report.find("± "), std::string::npos) << report;  // two seeds: a spread is shown
}

TEST(ExperimentCli, SizeTiny) {
  expect_tiny_experiment(
      "size", {"spot", "csrt", "kcf", "mil", "medianflow", "boosting", "tld", "mosse"}, 1);
}

// A second invocation trains and tracks nothing again; a run killed during training resumes from
// its checkpoint; both give the same numbers.
TEST(ExperimentCli, ResumesAndReusesTrainedVariants) {
  spot::test::TempDir d;
  auto first = run_tiny("imbalance", d.path(), "--seeds 1");
  ASSERT_EQ(first.exit_code, 0) << first.output;
  const json r1 = results_of(d.path());
  auto again = run_tiny("imbalance", d.path(), "--seeds 1");
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(again.output.find("training "), std::string::npos) << again.output;
  const json r2 = results_of(d.path());
  for (std::size_t i = 0; i < 2; ++i) {
    const json& a = r1.at("rows")[i].at("runs")[0];
    const json& b = r2.at("rows")[i].at("runs")[0];
    EXPECT_EQ(a.at("dir"), b.at("dir"));
    EXPECT_EQ(a.at("train_seconds"), b.at("train_seconds"));
    for (const char* k : {"point_hit", "point_hit_by_size", "lasot_auc", "fps"}) {
      EXPECT_EQ(a.at("eval").at("bench-2x10").at(k), b.at("eval").at("bench-2x10").at(k)) << k;
    }
  }

  // As if killed after a checkpoint: no final weights, no results yet.
  const fs::path variant = r1.at("rows")[1].at("runs")[0].at("dir").get<std::string>();
  fs::remove(variant / "model.pt");
  fs::remove_all(variant / "eval");
  auto resumed = run_tiny("imbalance", d.path(), "--seeds 1");
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  EXPECT_NE(resumed.output.find("resuming training of imbalanced (mostly large)"),
            std::string::npos)
      << resumed.output;
  const json r3 = results_of(d.path());

  // The report can be rewritten from results.json alone.
  fs::remove(d.path() / "out" / "report.md");
  auto report = run_tiny("imbalance", d.path(), "--seeds 1 --report-only");
  ASSERT_EQ(report.exit_code, 0) << report.output;
  EXPECT_NE(report_of(d.path()).find("| imbalanced (mostly large) |"), std::string::npos);
  EXPECT_EQ(r3.at("rows")[1].at("runs")[0].at("eval").at("bench-2x10").at("point_hit"),
            r1.at("rows")[1].at("runs")[0].at("eval").at("bench-2x10").at("point_hit"));
}

// Two experiments sharing a cache at the same time: each variant is trained once (the second waits
// for the first's lock on it, then reuses it) and both finish.
TEST(ExperimentCli, ConcurrentRunsShareTheCacheSafely) {
  spot::test::TempDir d;
  const fs::path log = d.path() / "first.log";
  const std::string tiny =
      " --train " + source("configs/train-tiny.toml") + " --benchmark " +
      source("configs/bench-tiny.toml") + " --benchmark-dir " + (d.path() / "bench").string() +
      " --sequences 2 --frames 10 --no-datasets --no-progress --seeds 1 --cache " +
      (d.path() / "trained").string();
  // The benchmark is generated first so the two runs race on the variants only.
  ASSERT_EQ(run_tiny("imbalance", d.path(), "--seeds 1").exit_code, 0);
  fs::remove_all(d.path() / "trained");
  const auto o =
      run_spot("experiment imbalance" + tiny + " --out " + (d.path() / "a").string() + " > " +
               log.string() + " 2>&1 & " + std::string(SPOT_EXE) + " experiment imbalance" + tiny +
               " --out " + (d.path() / "b").string() + "; code=$?; wait $! && exit $code");
  std::ifstream in(log);
  const std::string both = o.output + std::string(std::istreambuf_iterator<char>(in), {});
  ASSERT_EQ(o.exit_code, 0) << both;
  std::size_t trainings = 0;
  for (auto at = both.find("trained 6 steps"); at != std::string::npos;
       at = both.find("trained 6 steps", at + 1)) {
    ++trainings;
  }
  EXPECT_EQ(trainings, 3u) << both;
  EXPECT_TRUE(fs::exists(d.path() / "a" / "report.md"));
  EXPECT_TRUE(fs::exists(d.path() / "b" / "report.md"));
}

TEST(ExperimentCli, ListsTheShippedExperiments) {
  const auto o = run_spot("experiment --list");
  ASSERT_EQ(o.exit_code, 0) << o.output;
  for (const char* name : {"imbalance", "layers", "loss", "points", "size"}) {
    EXPECT_NE(o.output.find(name), std::string::npos) << o.output;
  }
}

TEST(ExperimentCli, UnknownExperimentIsOneLineListingTheShippedOnes) {
  const auto o = run_spot("experiment nosuch");
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_NE(o.output.find("no experiment 'nosuch'"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("points"), std::string::npos) << o.output;
  EXPECT_EQ(std::count(o.output.begin(), o.output.end(), '\n'), 1) << o.output;
}

TEST(ExperimentCli, BadVariantNamesFileAndLine) {
  spot::test::TempDir d;
  const fs::path file = d.path() / "bad.toml";
  std::ofstream(file) << "[experiment]\nseeds = [1]\ntrain = '" << source("configs/train-tiny.toml")
                      << "'\n[[variant]]\nname = \"a\"\n[variant.loss]\nkk = 3\n";
  const auto o = run_spot("experiment --config " + file.string());
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_NE(o.output.find("bad.toml:7"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("kk"), std::string::npos) << o.output;
  EXPECT_EQ(std::count(o.output.begin(), o.output.end(), '\n'), 1) << o.output;
}

}  // namespace
