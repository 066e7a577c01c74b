// `spot calibrate` end to end: a synthetic validation set with absences, a presence-0 run of the
// default tracker, the threshold printed and stored in (a copy of) the weights; misuse is one line.
#include <fstream>
#include <regex>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "spot/model/checkpoint.hpp"
#include "support/paths.hpp"
#include "support/run_spot.hpp"

namespace fs = std::filesystem;

namespace {

using spot::test::run_spot;

TEST(CalibrateCli, StoresTheThresholdItPrintsInTheWeights) {
  spot::test::TempDir d;
  const fs::path data = d.path() / "val", runs = d.path() / "run", weights = d.path() / "w.pt";
  ASSERT_EQ(run_spot("synth --config " + (fs::path(SPOT_SOURCE_DIR) / "configs" / "bench-small-lt.toml").string() +
                     " --sequences 2 --frames 60 --width 256 --height 144 --seed 5 --out " + data.string()).exit_code, 0);
  const auto run = run_spot("run --tracker spot --presence-threshold 0 --dataset " + data.string() + " --out " + runs.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  fs::copy_file(fs::path(SPOT_SOURCE_DIR) / "weights" / "spot_default.pt", weights);
  const auto cal = run_spot("calibrate --dataset " + data.string() + " --results " + runs.string() +
                            " --write --weights " + weights.string());
  ASSERT_EQ(cal.exit_code, 0) << cal.output;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(cal.output, m, std::regex("presence threshold: ([0-9.]+)"))) << cal.output;
  const double printed = std::stod(m[1].str());
  const auto meta = spot::model::read_checkpoint_meta(weights);
  EXPECT_NEAR(meta.at("tracker").at("presence_threshold").get<double>(), printed, 0.005);
  EXPECT_EQ(meta.at("tracker").at("presence_calibration").at("dataset").get<std::string>(), "val");
}

TEST(CalibrateCli, MissingResultsAreOneClearLine) {
  spot::test::TempDir d;
  const auto o = run_spot("calibrate --dataset " + d.path().string() + " --results " + (d.path() / "nope").string());
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_NE(o.output.find("spot: error:"), std::string::npos) << o.output;
  EXPECT_EQ(std::count(o.output.begin(), o.output.end(), '\n'), 1) << o.output;
}

}  // namespace
