// `spot train` end to end on configs/train-tiny.toml: resume after a kill during a checkpoint write
// reaches the same weights as an uninterrupted run; 2 processes with half the batch each match 1
// process; corrupt or mismatched checkpoints are one clear error.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "spot/model/model_file.hpp"
#include "spot/model/checkpoint.hpp"
#include "spot/train/train_config.hpp"
#include "support/paths.hpp"
#include "support/run_spot.hpp"

namespace fs = std::filesystem;

namespace {

using spot::test::Outcome;
using spot::test::run_spot;

std::string tiny_args(const fs::path& out) {
  return "train --no-progress --config " + (fs::path(SPOT_SOURCE_DIR) / "configs" / "train-tiny.toml").string() +
         " --out " + out.string();
}

double max_weight_difference(const fs::path& a, const fs::path& b) {
  auto ma = spot::model::load_model_file(a), mb = spot::model::load_model_file(b);
  const auto pa = ma->named_parameters(), pb = mb->named_parameters();
  double worst = 0;
  for (const auto& item : pa) {
    worst = std::max(worst, (item.value() - pb[item.key()]).abs().max().item<double>());
  }
  return worst;
}

TEST(TrainCli, ResumeAfterKillDuringCheckpointMatchesUninterruptedRun) {
  spot::test::TempDir d;
  const Outcome full = run_spot(tiny_args(d.path() / "full"));
  ASSERT_EQ(full.exit_code, 0) << full.output;

  // Killed while writing the step-4 checkpoint: step 2's checkpoint must survive intact.
  const fs::path run = d.path() / "killed";
  const Outcome killed = run_spot(tiny_args(run), "SPOT_FAULT_KILL_IN_CHECKPOINT=4");
  ASSERT_TRUE(killed.killed) << "exit " << killed.exit_code << ": " << killed.output;
  ASSERT_TRUE(fs::exists(run / "last.pt"));
  EXPECT_EQ(spot::model::read_checkpoint_meta(run / "last.pt").at("step").get<int>(), 2);
  EXPECT_FALSE(fs::exists(run / "model.pt"));

  const Outcome resumed = run_spot(tiny_args(run) + " --resume");
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  EXPECT_NE(resumed.output.find("resuming"), std::string::npos) << resumed.output;
  EXPECT_EQ(spot::model::read_checkpoint_meta(run / "model.pt").at("step").get<int>(), 6);
  // Same data order, same optimizer state: the same weights (CPU kernels are deterministic for a
  // fixed thread count; allow for nothing more than float noise).
  EXPECT_LE(max_weight_difference(d.path() / "full" / "model.pt", run / "model.pt"), 1e-6);
}

TEST(TrainCli, TwoProcessesWithHalfBatchMatchOneProcess) {
  spot::test::TempDir d;
  const Outcome one = run_spot(tiny_args(d.path() / "one"));
  ASSERT_EQ(one.exit_code, 0) << one.output;
  const Outcome two = run_spot(tiny_args(d.path() / "two") + " --nproc 2");
  ASSERT_EQ(two.exit_code, 0) << two.output;
  // Gradients are averaged over the two half batches, which equals the full batch's mean gradient
  // up to the order of float additions; 6 Adam steps keep that well under 1e-4.
  EXPECT_LE(max_weight_difference(d.path() / "one" / "model.pt", d.path() / "two" / "model.pt"), 1e-4);
}

TEST(TrainCli, CorruptOrMismatchedCheckpointIsOneClearError) {
  spot::test::TempDir d;
  const fs::path run = d.path() / "run";
  ASSERT_EQ(run_spot(tiny_args(run)).exit_code, 0);
  // Another config against this checkpoint.
  const fs::path other = d.path() / "other.toml";
  std::ifstream in(fs::path(SPOT_SOURCE_DIR) / "configs" / "train-tiny.toml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::ofstream(other) << text << "\n[loss]\nk = 3\n";
  Outcome o = run_spot("train --no-progress --config " + other.string() + " --out " + run.string() + " --resume");
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_NE(o.output.find("another config"), std::string::npos) << o.output;
  // Starting over in a folder that holds a run without --resume.
  o = run_spot(tiny_args(run));
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_NE(o.output.find("--resume"), std::string::npos) << o.output;
  // A corrupt checkpoint.
  std::ofstream(run / "last.pt", std::ios::trunc) << "garbage";
  o = run_spot(tiny_args(run) + " --resume");
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_NE(o.output.find("last.pt"), std::string::npos) << o.output;
  EXPECT_EQ(std::count(o.output.begin(), o.output.end(), '\n'), 1) << o.output;
  // A checkpoint that spot train did not write (no training config in its meta).
  {
    torch::nn::Linear lone(1, 1);
    spot::model::save_checkpoint(run / "last.pt", *lone, nullptr, {{"step", 2}});
  }
  o = run_spot(tiny_args(run) + " --resume");
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_NE(o.output.find("no training config"), std::string::npos) << o.output;
  EXPECT_EQ(std::count(o.output.begin(), o.output.end(), '\n'), 1) << o.output;
  // A bad config value.
  std::ofstream(other) << "[loss]\nscore = \"l2\"\n";
  o = run_spot("train --no-progress --config " + other.string() + " --out " + (d.path() / "x").string());
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_NE(o.output.find("loss.score = 'l2'"), std::string::npos) << o.output;
}

}  // namespace
