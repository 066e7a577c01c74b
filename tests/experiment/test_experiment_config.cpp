// Experiment files (variants over a base training config, paths, validation) and the report's
// seed statistics.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "spot/error.hpp"
#include "spot/experiment/experiment_config.hpp"
#include "spot/experiment/experiment_report.hpp"
#include "support/paths.hpp"

namespace fs = std::filesystem;
using spot::experiment::load_experiment_config;

namespace {

std::string tiny_train() {
  return (fs::path(SPOT_SOURCE_DIR) / "configs" / "train-tiny.toml").string();
}

fs::path write(const fs::path& dir, const std::string& text) {
  const fs::path file = dir / "exp.toml";
  std::ofstream(file) << text;
  return file;
}

std::string error_of(const fs::path& file) {
  try {
    load_experiment_config(file);
  } catch (const spot::Error& e) {
    return e.what();
  }
  return "";
}

TEST(ExperimentConfig, VariantsChangeOnlyWhatTheyName) {
  spot::test::TempDir d;
  const auto c = load_experiment_config(
      write(d.path(), "[experiment]\ntrain = '" + tiny_train() +
                          "'\nseeds = [3, 4]\n[[variant]]\nname = 'K=4'\n"
                          "[variant.loss]\nk = 4\n[[variant]]\nname = 'deep'\n"
                          "[variant.model]\nlevels = [9]\nchannels = [48]\n"));
  EXPECT_EQ(c.name, "exp");
  ASSERT_EQ(c.variants.size(), 2u);
  EXPECT_EQ(c.seeds, (std::vector<std::uint64_t>{3, 4}));
  EXPECT_EQ(c.variants[0].train.loss.k, 4);
  EXPECT_EQ(c.variants[0].train.model.levels, (std::vector<int>{1, 3, 9}));
  EXPECT_EQ(c.variants[1].train.loss.k, 1);
  EXPECT_EQ(c.variants[1].train.model.levels, (std::vector<int>{9}));
  // Both start from the tiny base config.
  EXPECT_EQ(c.variants[0].train.steps, 6);
  EXPECT_EQ(c.variants[1].train.steps, 6);
  // Config files are relative to the experiment file, data folders to the working directory.
  EXPECT_EQ(c.benchmark_config, (d.path() / "../configs/bench-small-lt.toml").lexically_normal());
  EXPECT_EQ(c.benchmark_dir, fs::path("data/bench-small-lt"));
}

TEST(ExperimentConfig, ErrorsNameTheFileLineAndVariant) {
  spot::test::TempDir d;
  const std::string head = "[experiment]\ntrain = '" + tiny_train() + "'\n";
  EXPECT_NE(error_of(write(d.path(), head + "[[variant]]\nname = 'a'\n[variant.loss]\nk = -2\n"))
                .find("variant 'a'"),
            std::string::npos);
  EXPECT_NE(error_of(write(d.path(), head + "[[variant]]\nname = 'a'\n[[variant]]\nname = 'a'\n"))
                .find("two variants"),
            std::string::npos);
  EXPECT_NE(error_of(write(d.path(), head + "[[variant]]\nk = 1\n")).find("exp.toml:4"),
            std::string::npos);
  EXPECT_NE(error_of(write(d.path(), head)).find("nothing to run"), std::string::npos);
  EXPECT_NE(
      error_of(write(d.path(), head + "seeds = []\ntrackers = ['kcf']\n")).find("seeds is empty"),
      std::string::npos);
  EXPECT_NE(error_of(write(d.path(), "[experiment]\ntrackers = ['kcf']\nbenchmark_frames = 1\n"))
                .find("benchmark_frames"),
            std::string::npos);
  EXPECT_NE(error_of(write(d.path(), "[experimnt]\n")).find("unknown entry 'experimnt'"),
            std::string::npos);
}

TEST(ExperimentConfig, ShippedExperimentsLoad) {
  for (const auto& name : spot::experiment::shipped_experiments()) {
    const auto c = load_experiment_config(spot::experiment::find_experiment_file(name));
    EXPECT_FALSE(c.variants.empty() && c.trackers.empty()) << name;
  }
  EXPECT_GE(spot::experiment::shipped_experiments().size(), 5u);
}

TEST(SeedSummary, MeanRangeAndNoise) {
  using nlohmann::json;
  const json runs = json::array({{{"v", 0.5}}, {{"v", 0.7}}, {{"v", nullptr}}});
  const auto s = spot::experiment::summarise(runs, json::json_pointer("/v"));
  EXPECT_EQ(s.n, 2);
  EXPECT_DOUBLE_EQ(s.mean, 0.6);
  EXPECT_DOUBLE_EQ(s.min, 0.5);
  EXPECT_DOUBLE_EQ(s.max, 0.7);
  const json other = json::array({{{"v", 0.7}}, {{"v", 0.8}}});
  const auto o = spot::experiment::summarise(other, json::json_pointer("/v"));
  EXPECT_TRUE(spot::experiment::within_noise(s, o));  // |0.6 - 0.75| = 0.15 <= range 0.2
  const json far = json::array({{{"v", 0.95}}, {{"v", 0.97}}});
  EXPECT_FALSE(spot::experiment::within_noise(
      s, spot::experiment::summarise(far, json::json_pointer("/v"))));
  const json one = json::array({{{"v", 0.6}}});
  EXPECT_FALSE(spot::experiment::within_noise(
      s, spot::experiment::summarise(one, json::json_pointer("/v"))));
  EXPECT_EQ(spot::experiment::summarise(json::array(), json::json_pointer("/v")).n, 0);
}

}  // namespace
