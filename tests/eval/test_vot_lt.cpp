// VOT long-term: raster overlap (rounding, cropping, empty regions), threshold selection, and the
// precision / recall / F aggregation. Expected values worked out by hand in the comments.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "eval/eval_fixtures.hpp"
#include "spot/eval/protocols.hpp"

namespace spot::eval {
namespace {

using test::absent;
using test::box;

constexpr geometry::ImageSize kImage{100, 100};

TEST(VotOverlap, EmptyRegionRules) {
  EXPECT_EQ(vot_overlap(absent, absent, kImage), 1.0);               // Special vs Special
  EXPECT_EQ(vot_overlap(box(0, 0, 0, 0), absent, kImage), 1.0);      // zero-size at the origin
  EXPECT_EQ(vot_overlap(box(10, 10, 0, 0), absent, kImage), 0.0);    // zero-size elsewhere
  EXPECT_EQ(vot_overlap(absent, box(10, 10, 20, 20), kImage), 0.0);  // empty vs non-empty
  EXPECT_EQ(vot_overlap(box(10, 10, 20, 20), absent, kImage), 0.0);
}

TEST(VotOverlap, RoundsHalfToEven) {
  // x = 10.5 rounds to 10 (half to even): identical to the GT -> 1. Rounding half up would give
  // x = 11: pixels 11..30 vs 10..29 -> 19*20 / (2*400 - 380) = 380/420.
  EXPECT_EQ(vot_overlap(box(10.5, 10, 20, 20), box(10, 10, 20, 20), kImage), 1.0);
  // x = 11.5 rounds to 12: pixels 12..31 vs 10..29 -> inter 18*20 = 360, union 440.
  EXPECT_DOUBLE_EQ(vot_overlap(box(11.5, 10, 20, 20), box(10, 10, 20, 20), kImage), 360.0 / 440.0);
  // w = 20.5 rounds to 20 -> identical.
  EXPECT_EQ(vot_overlap(box(10, 10, 20.5, 20), box(10, 10, 20, 20), kImage), 1.0);
}

TEST(VotOverlap, CropsToTheImage) {
  // GT (90,0,20,10) covers columns 90..109, cropped to 90..99 in a 100-wide image: identical to
  // (90,0,10,10) -> 1 (the uncropped IoU would be 0.5).
  EXPECT_EQ(vot_overlap(box(90, 0, 10, 10), box(90, 0, 20, 10), kImage), 1.0);
  // Negative x: (-10,0,20,10) covers -10..9, cropped to 0..9; vs (0,0,10,10) -> 1.
  EXPECT_EQ(vot_overlap(box(-10, 0, 20, 10), box(0, 0, 10, 10), kImage), 1.0);
  // Both entirely outside the image -> 0.
  EXPECT_EQ(vot_overlap(box(200, 200, 10, 10), box(200, 200, 10, 10), kImage), 0.0);
}

TEST(VotThresholds, AtMostNinetyEightScoresAreKeptSortedWithInfinities) {
  const double inf = std::numeric_limits<double>::infinity();
  const auto t = vot_thresholds({0.5, std::nan(""), 0.9, 0.1});
  ASSERT_EQ(t.size(), 5u);  // NaN dropped, +inf, 3 scores, -inf
  EXPECT_EQ(t[0], inf);
  EXPECT_EQ(t[1], 0.9);
  EXPECT_EQ(t[2], 0.5);
  EXPECT_EQ(t[3], 0.1);
  EXPECT_EQ(t[4], -inf);
}

TEST(VotThresholds, MoreThanNinetyEightScoresAreSubsampled) {
  // n = 200 scores 0..199, sorted descending: s[i] = 199 - i. delta = floor(200/98) = 2, indices
  // round(linspace(2, 198, 98)) = round(2 + k * 196/97):
  //   k=0 -> 2 -> 197;  k=1 -> 4.02 -> 4 -> 195;  k=48 -> 98.99 -> 99 -> 100;  k=97 -> 198 -> 1.
  std::vector<double> scores;
  for (int i = 0; i < 200; ++i) scores.push_back(i);
  const auto t = vot_thresholds(scores);
  ASSERT_EQ(t.size(), 100u);
  EXPECT_EQ(t[0], std::numeric_limits<double>::infinity());
  EXPECT_EQ(t[1], 197.0);
  EXPECT_EQ(t[2], 195.0);
  EXPECT_EQ(t[49], 100.0);
  EXPECT_EQ(t[98], 1.0);
  EXPECT_EQ(t[99], -std::numeric_limits<double>::infinity());
}

TEST(VotLt, PerfectTrackerRecallIsNMinusOneOverN) {
  // 5 frames, the prediction equals the GT with confidence 1 after the init frame. The init frame
  // is Special with confidence 0: overlap 0, but it counts in n_visible = 5.
  // thresholds = [inf, 1, 1, 1, 1, 0, -inf]:
  //   inf: no frame -> Pr 1, Re 0, F 0;  1: frames 1-4 -> Pr 1, Re 4/5, F = 1.6/1.8 = 8/9;
  //   0, -inf: all frames -> Pr 4/5, Re 4/5, F 0.8.  Best: F 8/9 with Pr 1, Re 0.8.
  const auto gt = test::repeat(box(10, 10, 20, 20), 5);
  const auto out = test::output(gt, {std::nullopt, 1.0, 1.0, 1.0, 1.0});
  const auto r = evaluate_vot_lt({test::sequence("s", gt)}, test::results("s", out));
  const auto& m = r["overall"];
  EXPECT_DOUBLE_EQ(m["recall"].get<double>(), 4.0 / 5.0);
  EXPECT_DOUBLE_EQ(m["precision"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(m["f_score"].get<double>(), 8.0 / 9.0);
  ASSERT_EQ(m["thresholds"].size(), 7u);
  EXPECT_EQ(m["thresholds"][0], "inf");
  EXPECT_EQ(m["thresholds"][6], "-inf");
  EXPECT_DOUBLE_EQ(m["curve_precision"][5].get<double>(), 0.8);
  EXPECT_EQ(r["sequences"]["s"]["f_score"], m["f_score"]);
}

TEST(VotLt, AlwaysWrongTrackerGivesZeroFAtInfinity) {
  // Every prediction misses (overlap 0), confidence 0.5. At +inf: Pr 1, Re 0, F 0. Every other
  // threshold: Pr 0, Re 0, F = 0/0 -> skipped (null in the curve). Result: F 0, Pr 1, Re 0.
  const auto gt = test::repeat(box(10, 10, 20, 20), 4);
  const auto out =
      test::output(test::repeat(box(60, 60, 20, 20), 4), {std::nullopt, 0.5, 0.5, 0.5});
  const auto m = evaluate_vot_lt({test::sequence("s", gt)}, test::results("s", out))["overall"];
  EXPECT_EQ(m["f_score"].get<double>(), 0.0);
  EXPECT_EQ(m["precision"].get<double>(), 1.0);
  EXPECT_EQ(m["recall"].get<double>(), 0.0);
  EXPECT_TRUE(m["curve_f"][1].is_null());
}

TEST(VotLt, EmptyPredictionOnEmptyGtHasOverlapOneAndRecallCanExceedOne) {
  // GT present in frames 0 and 3 only (n_visible 2); the tracker reports absent in 1-2 (overlap 1
  // each) and is right in 3. Confidence 1 on frames 1-3.
  //   threshold 1: frames 1-3 -> Pr 3/3 = 1, Re 3/2 = 1.5, F = 3/2.5 = 1.2
  //   threshold 0: frames 0-3 -> Pr 3/4, Re 1.5, F = 2.25/2.25 = 1.
  const std::vector<geometry::MaybeBox> gt = {box(10, 10, 20, 20), absent, absent,
                                              box(10, 10, 20, 20)};
  const std::vector<geometry::MaybeBox> pred = {box(10, 10, 20, 20), absent, absent,
                                                box(10, 10, 20, 20)};
  const auto out = test::output(pred, {std::nullopt, 1.0, 1.0, 1.0});
  const auto m = evaluate_vot_lt({test::sequence("s", gt)}, test::results("s", out))["overall"];
  EXPECT_DOUBLE_EQ(m["recall"].get<double>(), 1.5);
  EXPECT_DOUBLE_EQ(m["precision"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(m["f_score"].get<double>(), 1.2);
}

TEST(VotLt, NoConfidenceFileReadsAsZero) {
  // All confidences 0: thresholds [inf, 0, 0, 0, -inf]. At 0 every frame counts: overlaps
  // [0 (init), 1, 1] -> Pr 2/3, Re 2/3, F 2/3.
  const auto gt = test::repeat(box(10, 10, 20, 20), 3);
  const auto m =
      evaluate_vot_lt({test::sequence("s", gt)}, test::results("s", test::output(gt)))["overall"];
  EXPECT_DOUBLE_EQ(m["f_score"].get<double>(), 2.0 / 3.0);
  EXPECT_EQ(m["thresholds"].size(), 5u);
}

TEST(VotLt, DatasetLevelAveragesPrAndReOverSequencesThenTakesF) {
  // a: [init, right], b: [init, wrong], confidence 1 after init. Pooled scores [0,1,0,1] ->
  // thresholds [inf, 1, 1, 0, 0, -inf].
  //   1: a Pr 1, Re 1/2; b Pr 0, Re 0 -> mean Pr 0.5, Re 0.25, F = 0.25/0.75 = 1/3
  //   0: a Pr 1/2, Re 1/2; b Pr 0, Re 0 -> mean 0.25, 0.25, F 0.25.
  // Best F 1/3 with Pr 0.5, Re 0.25.
  const auto gt = test::repeat(box(10, 10, 20, 20), 2);
  ResultsBySequence res;
  res["a"] = test::output(gt, {std::nullopt, 1.0});
  res["b"] = test::output(test::repeat(box(60, 60, 20, 20), 2), {std::nullopt, 1.0});
  const auto m =
      evaluate_vot_lt({test::sequence("a", gt), test::sequence("b", gt)}, res)["overall"];
  EXPECT_DOUBLE_EQ(m["f_score"].get<double>(), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(m["precision"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(m["recall"].get<double>(), 0.25);
}

TEST(VotLt, ManyConfidencesUseTheSubsampledSweep) {
  // 200 frames, confidence k on frame k (init: 0): pooled scores 0..199 -> the thresholds of
  // MoreThanNinetyEightScoresAreSubsampled. Perfect tracker: at threshold 197 frames 197-199 count
  // -> Re = 3/200, Pr = 1.
  const auto gt = test::repeat(box(10, 10, 20, 20), 200);
  std::vector<std::optional<double>> conf(200);
  for (int k = 1; k < 200; ++k) conf[k] = k;
  const auto m = evaluate_vot_lt({test::sequence("s", gt)},
                                 test::results("s", test::output(gt, conf)))["overall"];
  ASSERT_EQ(m["thresholds"].size(), 100u);
  EXPECT_EQ(m["thresholds"][1].get<double>(), 197.0);
  EXPECT_DOUBLE_EQ(m["curve_recall"][1].get<double>(), 3.0 / 200.0);
  EXPECT_EQ(m["curve_precision"][1].get<double>(), 1.0);
}

TEST(VotLt, NanConfidenceNeverPassesAThreshold) {
  // Frame 1 right with NaN confidence, frame 2 wrong with confidence 1. Scores [0, 1] (NaN
  // dropped) -> thresholds [inf, 1, 0, -inf]. Frame 1 is in no subset: at 1 Pr 0, Re 0 (skipped);
  // at 0: frames 0, 2 -> Pr 0. Best F 0 at inf.
  const auto gt = test::repeat(box(10, 10, 20, 20), 3);
  const std::vector<geometry::MaybeBox> pred = {box(10, 10, 20, 20), box(10, 10, 20, 20),
                                                box(60, 60, 20, 20)};
  const auto out = test::output(pred, {std::nullopt, std::nan(""), 1.0});
  const auto m = evaluate_vot_lt({test::sequence("s", gt)}, test::results("s", out))["overall"];
  EXPECT_EQ(m["thresholds"].size(), 4u);
  EXPECT_EQ(m["f_score"].get<double>(), 0.0);
  EXPECT_EQ(m["recall"].get<double>(), 0.0);
}

}  // namespace
}  // namespace spot::eval
