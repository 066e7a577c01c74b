// OnlineTargetModel on synthetic feature maps: it learns what the target's features look like from
// the init frame and finds them anywhere in a later frame; CandidateAssociation's choices.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include "spot/error.hpp"
#include "spot/track/candidate_association.hpp"
#include "spot/track/online_target_model.hpp"

namespace {

using spot::geometry::Box;
using spot::track::Candidate;

// Two levels (stride 8 and 16) of random background features with the target's pattern at cell
// (i, j) of the stride-8 level.
std::vector<at::Tensor> features_with_target(int i, int j, const at::Tensor& pattern, uint64_t seed) {
  torch::manual_seed(seed);
  auto fine = torch::randn({1, 8, 24, 40});
  fine.index_put_({0, torch::indexing::Slice(), i, j}, pattern);
  return {fine, torch::randn({1, 16, 12, 20})};
}

class OnlineTargetModelTest : public ::testing::TestWithParam<int> {};

// max_negatives 0 keeps every background location; 50 keeps few of the 959 (pruning must not lose
// the target).
INSTANTIATE_TEST_SUITE_P(Negatives, OnlineTargetModelTest, ::testing::Values(0, 50));

TEST_P(OnlineTargetModelTest, FindsTheLearnedTargetAnywhereInTheFrame) {
  const auto pattern = torch::full({8}, 2.5);
  spot::track::OnlineModelConfig config;
  config.max_negatives = GetParam();
  spot::track::OnlineTargetModel m(config);
  const std::vector<double> strides{8, 16};
  m.init(features_with_target(5, 6, pattern, 1), strides, Box{6 * 8, 5 * 8, 8, 8});
  ASSERT_TRUE(m.initialised());
  // A new frame, target far from where it was learned.
  const auto s = m.score(features_with_target(20, 33, pattern, 2), strides);
  ASSERT_EQ(s.sizes(), (std::vector<int64_t>{1, 1, 24, 40}));
  const int64_t best = s.flatten().argmax().item<int64_t>();
  EXPECT_EQ(best / 40, 20);
  EXPECT_EQ(best % 40, 33);
  EXPECT_GT(s[0][0][20][33].item<double>(), 0.5);
  // Learning from that frame keeps the memory bounded and the target on top.
  for (int k = 0; k < 12; ++k) {
    m.score(features_with_target(20, 33, pattern, 10 + k), strides);
    m.update(Box{33 * 8, 20 * 8, 8, 8});
  }
  EXPECT_EQ(m.memory_size(), m.config().memory);
  const auto again = m.score(features_with_target(3, 3, pattern, 99), strides);
  EXPECT_EQ(again.flatten().argmax().item<int64_t>(), 3 * 40 + 3);
}

// score() applies the filter per level and resamples the 1-channel maps; that must equal
// resampling every channel first (score_stacked), whichever level sets the grid: area averaging of
// a finer level, bilinear upsampling of coarser ones, channels-last maps as the network gives them.
TEST(OnlineTargetModel, PerLevelScoringEqualsScoringTheStackedFeatures) {
  for (const int stride : {4, 8, 16}) {
    spot::track::OnlineModelConfig config;
    config.stride = stride;
    spot::track::OnlineTargetModel m(config);
    const std::vector<double> strides{4, 8, 16};
    auto frame = [](uint64_t seed) {
      torch::manual_seed(seed);
      return std::vector<at::Tensor>{torch::randn({1, 6, 45, 80}), torch::randn({1, 8, 23, 40}).contiguous(torch::MemoryFormat::ChannelsLast),
                                     torch::randn({1, 12, 12, 20}) * 3};
    };
    m.init(frame(1), strides, Box{100, 60, 24, 16});
    const auto fast = m.score(frame(2), strides);
    const auto reference = m.score_stacked(frame(2), strides);
    ASSERT_EQ(fast.sizes(), reference.sizes()) << "stride " << stride;
    EXPECT_TRUE(torch::allclose(fast, reference, 1e-4, 1e-4)) << "stride " << stride << ": max difference "
                                                              << (fast - reference).abs().max().item<double>();
    EXPECT_GT(reference.std().item<double>(), 1e-3);  // not a constant map
  }
}

// A look-alike in the init frame (the target's pattern with two channels flipped) is one cell of
// 960: with uniform background weights it costs the fit almost nothing and scores close to the
// target in a new frame. Passed as a distractor with hard_negative_share, it is pushed down.
TEST(OnlineTargetModel, HardNegativesPushALookAlikeDown) {
  const auto pattern = torch::full({8}, 2.5);
  auto look_alike = pattern.clone();
  look_alike.index_put_({torch::indexing::Slice(0, 2)}, -2.5);
  auto frame = [&](int ti, int tj, int di, int dj, uint64_t seed) {
    auto f = features_with_target(ti, tj, pattern, seed);
    f[0].index_put_({0, torch::indexing::Slice(), di, dj}, look_alike);
    return f;
  };
  const std::vector<double> strides{8, 16};
  auto look_alike_score = [&](double share) {
    spot::track::OnlineModelConfig config;
    config.hard_negative_share = share;
    spot::track::OnlineTargetModel m(config);
    m.init(frame(5, 6, 15, 30, 1), strides, Box{6 * 8, 5 * 8, 8, 8}, {{30 * 8 + 4, 15 * 8 + 4}});
    const auto s = m.score(frame(18, 9, 4, 25, 2), strides);
    EXPECT_EQ(s.flatten().argmax().item<int64_t>(), 18 * 40 + 9) << "share " << share;
    EXPECT_GT(s[0][0][18][9].item<double>(), 0.5) << "share " << share;
    return s[0][0][4][25].item<double>();
  };
  const double uniform = look_alike_score(0.0), hard = look_alike_score(0.5);
  EXPECT_LT(hard, uniform - 0.1) << "uniform " << uniform << ", hard " << hard;
}

TEST(OnlineTargetModel, MisuseIsAClearError) {
  spot::track::OnlineTargetModel m;
  EXPECT_THROW(m.score({torch::zeros({1, 4, 3, 3})}, {8}), spot::Error);
  EXPECT_THROW(m.update(Box{0, 0, 4, 4}), spot::Error);
  spot::track::OnlineModelConfig c;
  c.stride = 5;
  EXPECT_THROW(spot::track::OnlineTargetModel{c}, spot::Error);
}

TEST(OnlineModelConfig, BlendWeightRampsInLogSizeBetweenItsTwoSizes) {
  spot::track::OnlineModelConfig c;
  c.weight = 0.6;
  c.full_weight_px = 0;  // no ramp: every size gets `weight`
  EXPECT_DOUBLE_EQ(c.blend_weight(2), 0.6);
  c.zero_weight_px = 4;
  c.full_weight_px = 16;
  c.validate();
  EXPECT_DOUBLE_EQ(c.blend_weight(2), 0.0);
  EXPECT_DOUBLE_EQ(c.blend_weight(4), 0.0);
  EXPECT_NEAR(c.blend_weight(8), 0.3, 1e-12);  // halfway between 4 and 16 in log size
  EXPECT_DOUBLE_EQ(c.blend_weight(16), 0.6);
  EXPECT_DOUBLE_EQ(c.blend_weight(500), 0.6);
  c.zero_weight_px = 16;  // the ramp must go up
  EXPECT_THROW(c.validate(), spot::Error);
  c.zero_weight_px = 0;
  EXPECT_THROW(c.validate(), spot::Error);
}

TEST(CandidateAssociation, ANearPeakBeatsASlightlyStrongerFarOne) {
  spot::track::CandidateAssociation a;
  a.reset({100, 100}, 10);
  const std::vector<Candidate> c{{{400, 300}, 0.9}, {{104, 98}, 0.8}};
  EXPECT_EQ(a.select(c), 1u);
  // A clearly stronger far peak wins (re-detection).
  const std::vector<Candidate> strong{{{400, 300}, 0.95}, {{104, 98}, 0.5}};
  EXPECT_EQ(a.select(strong), 0u);
}

TEST(CandidateAssociation, AfterALongAbsenceEveryLocationIsEqual) {
  spot::track::AssociationConfig cfg;
  cfg.forget_after = 3;
  spot::track::CandidateAssociation a(cfg);
  a.reset({100, 100}, 10);
  const std::vector<Candidate> c{{{400, 300}, 0.9}, {{104, 98}, 0.8}};
  for (int k = 0; k < 4; ++k) a.observe(false);
  EXPECT_EQ(a.select(c), 0u);
  a.observe(true, {400, 300}, 10);
  EXPECT_EQ(a.frames_missing(), 0);
  cfg.enabled = false;
  spot::track::CandidateAssociation off(cfg);
  off.reset({100, 100}, 10);
  EXPECT_EQ(off.select(c), 0u);
  EXPECT_THROW(off.select({}), spot::Error);
}

// A weak lock (present, but under confident_score) does not move the prior: it stays where the
// target was last seen clearly, and after forget_after weak frames every location is equal again.
TEST(CandidateAssociation, WeakFramesDoNotMoveThePrior) {
  spot::track::AssociationConfig cfg;
  cfg.forget_after = 3;
  cfg.confident_score = 0.6;
  spot::track::CandidateAssociation a(cfg);
  a.reset({100, 100}, 10);
  a.observe(true, {400, 300}, 10, 0.5);  // a weak frame on a look-alike far away
  EXPECT_EQ(a.frames_missing(), 1);
  const std::vector<Candidate> c{{{400, 300}, 0.8}, {{104, 98}, 0.7}};
  EXPECT_EQ(a.select(c), 1u);  // still near where the target was seen clearly
  a.observe(true, {400, 300}, 10, 0.65);  // a confident one moves it
  EXPECT_EQ(a.frames_missing(), 0);
  const std::vector<Candidate> back{{{104, 98}, 0.8}, {{400, 300}, 0.7}};
  EXPECT_EQ(a.select(back), 1u);
  for (int k = 0; k < 4; ++k) a.observe(true, {400, 300}, 10, 0.3);
  EXPECT_EQ(a.select(back), 0u);  // no prior any more: the strongest peak wins
  cfg.confident_score = 1.5;
  EXPECT_THROW(spot::track::CandidateAssociation{cfg}, spot::Error);
}

// A look-alike seen beside the target keeps its identity when it briefly outscores the target; a
// peak that appears anywhere else (the target coming back) is not held back by it.
TEST(CandidateAssociation, AKnownLookAlikeDoesNotStealTheTrack) {
  spot::track::AssociationConfig cfg;
  cfg.distractor_factor = 0.5;
  spot::track::CandidateAssociation a(cfg);
  a.reset({100, 100}, 10, {{300, 300}});
  const std::vector<Candidate> c{{{303, 298}, 0.9}, {{101, 100}, 0.6}};
  EXPECT_EQ(a.select(c), 1u);
  const std::vector<Candidate> elsewhere{{{500, 100}, 0.9}, {{101, 100}, 0.6}};
  EXPECT_EQ(a.select(elsewhere), 0u);
  cfg.distractor_factor = 1.0;  // off: the stronger far peak wins as before
  spot::track::CandidateAssociation off(cfg);
  off.reset({100, 100}, 10, {{300, 300}});
  EXPECT_EQ(off.select(c), 0u);
  cfg.distractor_factor = 0;
  EXPECT_THROW(spot::track::CandidateAssociation{cfg}, spot::Error);
}

// The look-alikes are the other peaks of frames where the target was followed (not the peaks of
// its own blob); a frame on a far, weak peak teaches nothing; a lapsed prior forgets them.
TEST(CandidateAssociation, RemembersLookAlikesOnlyWhileFollowingTheTarget) {
  spot::track::AssociationConfig cfg;
  cfg.forget_after = 2;
  cfg.distractor_factor = 0.5;  // look-alikes are only kept when they count
  spot::track::CandidateAssociation a(cfg);
  a.reset({100, 100}, 10);
  const std::vector<Candidate> followed{{{102, 100}, 0.7}, {{106, 100}, 0.6}, {{250, 40}, 0.5}};
  a.remember(followed, 0, true, 0.7);
  ASSERT_EQ(a.lookalikes().size(), 1u);
  EXPECT_DOUBLE_EQ(a.lookalikes()[0].x, 250);
  a.observe(true, {102, 100}, 10, 0.7);
  const std::vector<Candidate> far{{{600, 400}, 0.5}, {{102, 100}, 0.4}};
  a.remember(far, 0, true, 0.5);  // weak and far from the target: not a followed frame
  ASSERT_EQ(a.lookalikes().size(), 1u);
  EXPECT_DOUBLE_EQ(a.lookalikes()[0].x, 250);
  for (int k = 0; k < 3; ++k) a.observe(false);
  a.remember(far, 0, false, 0.2);
  EXPECT_TRUE(a.lookalikes().empty());
}

}  // namespace
