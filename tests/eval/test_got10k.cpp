// got10k's GOT-10k protocol: frames 1..N-1 with cover > 0, image-bounded IoU with the negative-x
// quirk, strict sr50, frame-pooled ao. Expected values worked out by hand in the comments.
#include <gtest/gtest.h>

#include "eval/eval_fixtures.hpp"
#include "spot/eval/protocols.hpp"

namespace spot::eval {
namespace {

using test::absent;
using test::box;

TEST(Got10k, PerfectTracker) {
  // 400 / (400 + eps) is exactly 1.0 in double, so ao = 1, sr50 = sr75 = 1, but t = 1 is strict:
  // curve[100] = 0.
  const auto gt = test::repeat(box(10, 10, 20, 20), 4);
  const auto m =
      evaluate_got10k({test::sequence("s", gt)}, test::results("s", test::output(gt)))["overall"];
  EXPECT_EQ(m["ao"].get<double>(), 1.0);
  EXPECT_EQ(m["sr50"].get<double>(), 1.0);
  EXPECT_EQ(m["sr75"].get<double>(), 1.0);
  ASSERT_EQ(m["success_curve_101"].size(), 101u);
  EXPECT_EQ(m["success_curve_101"][99].get<double>(), 1.0);
  EXPECT_EQ(m["success_curve_101"][100].get<double>(), 0.0);
}

TEST(Got10k, FirstFrameIsExcluded) {
  // Frame 0 wrong (ignored), frames 1-2 right: ao 1. Counting frame 0 would give 2/3.
  const auto gt = test::repeat(box(10, 10, 20, 20), 3);
  const std::vector<geometry::MaybeBox> pred = {box(80, 80, 5, 5), box(10, 10, 20, 20),
                                                box(10, 10, 20, 20)};
  const auto m =
      evaluate_got10k({test::sequence("s", gt)}, test::results("s", test::output(pred)))["overall"];
  EXPECT_EQ(m["ao"].get<double>(), 1.0);
}

TEST(Got10k, IouExactlyHalfFailsSr50) {
  // inter 100 / union 200 = 0.5 exactly; sr50 is "> 0.5" -> 0; ao = 0.5.
  const auto gt = test::repeat(box(0, 0, 20, 10), 2);
  const std::vector<geometry::MaybeBox> pred = {box(0, 0, 20, 10), box(0, 0, 20, 5)};
  const auto m =
      evaluate_got10k({test::sequence("s", gt)}, test::results("s", test::output(pred)))["overall"];
  EXPECT_EQ(m["sr50"].get<double>(), 0.0);
  EXPECT_DOUBLE_EQ(m["ao"].get<double>(), 0.5);
  EXPECT_EQ(m["success_curve_101"][49].get<double>(), 1.0);
  EXPECT_EQ(m["success_curve_101"][50].get<double>(), 0.0);
}

TEST(Got10k, NegativeXIsMovedNotCropped) {
  // GT (0,0,20,20); prediction (-10,0,20,20). got10k's bound moves x to 0 and keeps w = 20, so the
  // boxes coincide: IoU 1 (cropping would give (0,0,10,20) and IoU 0.5).
  const auto gt = test::repeat(box(0, 0, 20, 20), 2);
  const std::vector<geometry::MaybeBox> pred = {box(0, 0, 20, 20), box(-10, 0, 20, 20)};
  const auto m = evaluate_got10k({test::sequence("s", gt, {100, 100})},
                                 test::results("s", test::output(pred)))["overall"];
  EXPECT_EQ(m["ao"].get<double>(), 1.0);
}

TEST(Got10k, RightEdgeIsClippedToTheImage) {
  // Image 100 wide. GT (90,0,10,10); prediction (95,0,10,10) clipped to (95,0,5,10):
  // inter 5*10 = 50, union 100 + 50 - 50 = 100 -> IoU 0.5 (unclipped would be 50/150).
  const auto gt = test::repeat(box(90, 0, 10, 10), 2);
  const std::vector<geometry::MaybeBox> pred = {box(90, 0, 10, 10), box(95, 0, 10, 10)};
  const auto m = evaluate_got10k({test::sequence("s", gt, {100, 100})},
                                 test::results("s", test::output(pred)))["overall"];
  EXPECT_DOUBLE_EQ(m["ao"].get<double>(), 0.5);
}

TEST(Got10k, CoverAttributeSelectsFrames) {
  // cover = [8, 0, 5, 5]: frame 1 (wrong) is not visible, frames 2-3 are right -> ao 1.
  // Without the attribute frame 1 would count and ao would be 2/3.
  const auto gt = test::repeat(box(10, 10, 20, 20), 4);
  auto s = test::sequence("s", gt);
  s.attributes["cover"] = {8, 0, 5, 5};
  const std::vector<geometry::MaybeBox> pred = {box(10, 10, 20, 20), box(60, 60, 20, 20),
                                                box(10, 10, 20, 20), box(10, 10, 20, 20)};
  const auto m = evaluate_got10k({s}, test::results("s", test::output(pred)))["overall"];
  EXPECT_EQ(m["ao"].get<double>(), 1.0);
}

TEST(Got10k, WithoutCoverAbsentGtFramesAreSkippedAndAbsentPredictionsScoreZero) {
  // Frames 1..4: GT absent in 1 (skipped), prediction absent in 2 (IoU 0), right in 3 and 4.
  // ao = (0 + 1 + 1) / 3; sr50 = 2/3.
  const std::vector<geometry::MaybeBox> gt = {box(10, 10, 20, 20), absent, box(10, 10, 20, 20),
                                              box(10, 10, 20, 20), box(10, 10, 20, 20)};
  const std::vector<geometry::MaybeBox> pred = {box(10, 10, 20, 20), box(50, 50, 9, 9), absent,
                                                box(10, 10, 20, 20), box(10, 10, 20, 20)};
  const auto m =
      evaluate_got10k({test::sequence("s", gt)}, test::results("s", test::output(pred)))["overall"];
  EXPECT_DOUBLE_EQ(m["ao"].get<double>(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(m["sr50"].get<double>(), 2.0 / 3.0);
}

TEST(Got10k, AoIsPooledOverFrames) {
  // Sequence a: 1 scored frame, IoU 1. Sequence b: 3 scored frames, IoU 0.
  // Pooled ao = 1/4 (a mean of sequence means would be 0.5); per-sequence ao stays 1 and 0.
  const auto gta = test::repeat(box(10, 10, 20, 20), 2);
  const auto gtb = test::repeat(box(10, 10, 20, 20), 4);
  ResultsBySequence res;
  res["a"] = test::output(gta);
  res["b"] = test::output(test::repeat(box(60, 60, 20, 20), 4));
  const auto r = evaluate_got10k({test::sequence("a", gta), test::sequence("b", gtb)}, res);
  EXPECT_DOUBLE_EQ(r["overall"]["ao"].get<double>(), 0.25);
  EXPECT_EQ(r["sequences"]["a"]["ao"].get<double>(), 1.0);
  EXPECT_EQ(r["sequences"]["b"]["ao"].get<double>(), 0.0);
}

TEST(Got10k, SequenceWithoutScoredFramesGivesNull) {
  // One frame only: the init frame is excluded, nothing is left to score.
  const auto gt = test::repeat(box(10, 10, 20, 20), 1);
  const auto r = evaluate_got10k({test::sequence("s", gt)}, test::results("s", test::output(gt)));
  EXPECT_TRUE(r["sequences"]["s"]["ao"].is_null());
  EXPECT_TRUE(r["overall"]["sr50"].is_null());
}

}  // namespace
}  // namespace spot::eval
