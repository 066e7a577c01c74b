// got10k OTB and LaSOT protocols on hand-built sequences; expected values are worked out in the
// comments from metrics.md, not copied from outputs.
#include <gtest/gtest.h>

#include "eval/eval_fixtures.hpp"
#include "spot/eval/protocols.hpp"

namespace spot::eval {
namespace {

using test::absent;
using test::box;

TEST(Otb, PerfectTrackerScoresTwentyOverTwentyOne) {
  // IoU of a box with itself is A/(A+eps) < 1: it passes t = 0 .. 0.95 (20 points) and fails t = 1.
  std::vector<geometry::MaybeBox> gt;
  for (int k = 0; k < 10; ++k) gt.push_back(box(10 + k, 20, 20 + k, 15));
  const auto r = evaluate_otb({test::sequence("s", gt)}, test::results("s", test::output(gt)));
  const auto& m = r["overall"];
  EXPECT_DOUBLE_EQ(m["success_auc"].get<double>(), 20.0 / 21.0);
  EXPECT_NEAR(m["success_auc"].get<double>(), 0.952381, 1e-6);
  EXPECT_EQ(m["success_rate_0.5"].get<double>(), 1.0);
  EXPECT_EQ(m["precision_at_20px"].get<double>(), 1.0);
  ASSERT_EQ(m["success_curve"].size(), 21u);
  ASSERT_EQ(m["precision_curve"].size(), 51u);
  EXPECT_EQ(m["success_curve"][19].get<double>(), 1.0);
  EXPECT_EQ(m["success_curve"][20].get<double>(), 0.0);
  EXPECT_EQ(r["sequences"]["s"]["success_auc"], m["success_auc"]);
}

TEST(Otb, AlwaysWrongTrackerOnlyKeepsTheInitFrame) {
  // 5 frames; the init frame's prediction is replaced by the GT (passes t < 1), the other 4 predict
  // a box 50 px away in x and y: IoU 0, centre error 70.7 > 50. So curve[0..19] = 1/5,
  // curve[20] = 0, AUC = 20 * 0.2 / 21 = 4/21, and every precision point is 1/5.
  const auto gt = test::repeat(box(10, 10, 20, 20), 5);
  auto pred = test::repeat(box(60, 60, 20, 20), 5);
  const auto r = evaluate_otb({test::sequence("s", gt)}, test::results("s", test::output(pred)));
  const auto& m = r["overall"];
  EXPECT_DOUBLE_EQ(m["success_auc"].get<double>(), 4.0 / 21.0);
  EXPECT_DOUBLE_EQ(m["success_rate_0.5"].get<double>(), 0.2);
  EXPECT_DOUBLE_EQ(m["precision_at_20px"].get<double>(), 0.2);
  EXPECT_DOUBLE_EQ(m["precision_curve"][50].get<double>(), 0.2);
}

TEST(Otb, IouExactlyHalfFailsTheHalfThreshold) {
  // Frame 1: GT 20x10 vs 20x5 at the same corner: inter 100, union 200 -> IoU exactly 0.5
  // (eps is below half an ulp of 200). Strict ">": passes t = 0 .. 0.45 (10 points), fails 0.5.
  // curve = [1]*10 + [0.5]*10 + [0]; AUC = (10 + 5) / 21; success_rate_0.5 = 0.5.
  const std::vector<geometry::MaybeBox> gt = {box(0, 0, 20, 10), box(0, 0, 20, 10)};
  const std::vector<geometry::MaybeBox> pred = {box(0, 0, 20, 10), box(0, 0, 20, 5)};
  const auto r = evaluate_otb({test::sequence("s", gt)}, test::results("s", test::output(pred)));
  const auto& m = r["overall"];
  EXPECT_DOUBLE_EQ(m["success_rate_0.5"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(m["success_curve"][9].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(m["success_auc"].get<double>(), 15.0 / 21.0);
}

TEST(Otb, GtAbsentFramesCountAsFailuresButLasotDropsThem) {
  // 5 frames, GT absent in frames 2 and 3, the tracker right everywhere (absent when absent).
  // otb: 3 of 5 frames pass t < 1 -> curve[0..19] = 0.6, AUC = 20 * 0.6 / 21 = 4/7, precision 0.6.
  // lasot: the 2 frames are removed -> 3 of 3 pass, AUC = 20/21, precision 1, normalised 1.
  const std::vector<geometry::MaybeBox> gt = {box(10, 10, 20, 20), box(12, 10, 20, 20), absent,
                                              absent, box(30, 30, 10, 10)};
  const auto seqs = std::vector<SequenceEvalInput>{test::sequence("s", gt)};
  const auto res = test::results("s", test::output(gt));

  const auto otb = evaluate_otb(seqs, res)["overall"];
  EXPECT_DOUBLE_EQ(otb["success_auc"].get<double>(), 4.0 / 7.0);
  EXPECT_DOUBLE_EQ(otb["precision_at_20px"].get<double>(), 0.6);

  const auto lasot = evaluate_lasot(seqs, res)["overall"];
  EXPECT_DOUBLE_EQ(lasot["success_auc"].get<double>(), 20.0 / 21.0);
  EXPECT_DOUBLE_EQ(lasot["precision_at_20px"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(lasot["normalized_precision_score"].get<double>(), 1.0);
  ASSERT_EQ(lasot["normalized_precision_curve"].size(), 51u);
}

TEST(Otb, AbsentAndZeroSizePredictions) {
  // Frame 1: absent prediction -> fails everything. Frame 2: zero-size box at GT's corner: IoU 0,
  // but got10k still takes its centre: (10 - 0.5, 10 - 0.5) vs (19.5, 19.5) -> error 10*sqrt(2)
  // = 14.14 px, which passes t >= 15. Frames 0 (init) passes all.
  // success: curve[0..19] = 1/3. precision: t <= 14 -> 1/3, t >= 15 -> 2/3.
  const auto gt = test::repeat(box(10, 10, 20, 20), 3);
  const std::vector<geometry::MaybeBox> pred = {box(10, 10, 20, 20), absent, box(10, 10, 0, 0)};
  const auto m =
      evaluate_otb({test::sequence("s", gt)}, test::results("s", test::output(pred)))["overall"];
  EXPECT_DOUBLE_EQ(m["success_curve"][0].get<double>(), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(m["precision_curve"][14].get<double>(), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(m["precision_curve"][15].get<double>(), 2.0 / 3.0);
}

TEST(Otb, DatasetLevelAveragesSequenceCurvesWithEqualWeight) {
  // Sequence a (2 frames): perfect -> curve[0] = 1. Sequence b (4 frames): wrong after init ->
  // curve[0] = 1/4. Equal weight: (1 + 0.25) / 2 = 0.625 (frame pooling would give 3/6 = 0.5).
  const auto gta = test::repeat(box(10, 10, 20, 20), 2);
  const auto gtb = test::repeat(box(10, 10, 20, 20), 4);
  ResultsBySequence res;
  res["a"] = test::output(gta);
  res["b"] = test::output(test::repeat(box(70, 70, 5, 5), 4));
  const auto m = evaluate_otb({test::sequence("a", gta), test::sequence("b", gtb)}, res)["overall"];
  EXPECT_DOUBLE_EQ(m["success_curve"][0].get<double>(), 0.625);
  EXPECT_DOUBLE_EQ(m["success_auc"].get<double>(), 20 * 0.625 / 21);
}

TEST(Otb, FramesBeforeTheInitFrameAreIgnored) {
  // GT absent in frames 0-1: the tracker is initialised on frame 2, which becomes "frame 0".
  // Frames 2 and 3 are then both right: AUC 20/21, not 20 * 0.5 / 21.
  const std::vector<geometry::MaybeBox> gt = {absent, absent, box(5, 5, 10, 10), box(6, 5, 10, 10)};
  const std::vector<geometry::MaybeBox> pred = {absent, absent, absent, box(6, 5, 10, 10)};
  const auto m =
      evaluate_otb({test::sequence("s", gt)}, test::results("s", test::output(pred)))["overall"];
  EXPECT_DOUBLE_EQ(m["success_auc"].get<double>(), 20.0 / 21.0);
}

TEST(Lasot, NormalizedErrorOfExactlyPointTwoPassesTheTwentiethThreshold) {
  // GT 50x50, prediction shifted 10 px in x: normalised error 10/50 = 0.2, and got10k's threshold
  // 20 * 0.01 is the same double, so "<=" passes from index 20. Init frame passes everywhere.
  // curve[0..19] = 0.5, curve[20..50] = 1 -> score = (20 * 0.5 + 31) / 51 = 41/51.
  // Centre error 10 px: precision passes from t = 10, so precision_at_20px = 1.
  const auto gt = test::repeat(box(0, 0, 50, 50), 2);
  const std::vector<geometry::MaybeBox> pred = {box(0, 0, 50, 50), box(10, 0, 50, 50)};
  const auto m =
      evaluate_lasot({test::sequence("s", gt)}, test::results("s", test::output(pred)))["overall"];
  EXPECT_DOUBLE_EQ(m["normalized_precision_curve"][19].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(m["normalized_precision_curve"][20].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(m["normalized_precision_score"].get<double>(), 41.0 / 51.0);
  EXPECT_DOUBLE_EQ(m["precision_curve"][9].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(m["precision_at_20px"].get<double>(), 1.0);
}

TEST(Lasot, NormalizationClampsGtSizeAtOnePixel) {
  // GT 0.5 x 0.5, prediction 0.5 px to the right: error 0.5 / max(1, 0.5) = 0.5, which passes only
  // the last threshold (0.5). Without the clamp it would be 1.0 and never pass.
  // curve[0..49] = 0.5, curve[50] = 1 -> score = (50 * 0.5 + 1) / 51 = 26/51.
  const auto gt = test::repeat(box(0, 0, 0.5, 0.5), 2);
  const std::vector<geometry::MaybeBox> pred = {box(0, 0, 0.5, 0.5), box(0.5, 0, 0.5, 0.5)};
  const auto m =
      evaluate_lasot({test::sequence("s", gt)}, test::results("s", test::output(pred)))["overall"];
  EXPECT_DOUBLE_EQ(m["normalized_precision_curve"][49].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(m["normalized_precision_curve"][50].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(m["normalized_precision_score"].get<double>(), 26.0 / 51.0);
}

}  // namespace
}  // namespace spot::eval
