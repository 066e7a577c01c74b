// OxUvA: TP / FN / FP / TN rules (iou_clip >= 0.5, init frame excluded), TPR / TNR / GM and the
// analytic MaxGM. Expected values worked out by hand in the comments.
#include <gtest/gtest.h>

#include <cmath>

#include "eval/eval_fixtures.hpp"
#include "spot/eval/protocols.hpp"

namespace spot::eval {
namespace {

using test::absent;
using test::box;

TEST(Oxuva, PerfectTrackerWithoutAbsentFrames) {
  // 5 frames, init excluded: TP 4, TPR 1; no absent frames -> TNR, GM, MaxGM null.
  const auto gt = test::repeat(box(10, 10, 20, 20), 5);
  const auto m =
      evaluate_oxuva({test::sequence("s", gt)}, test::results("s", test::output(gt)))["overall"];
  EXPECT_EQ(m["TP"].get<long>(), 4);
  EXPECT_EQ(m["FN"].get<long>(), 0);
  EXPECT_EQ(m["TPR"].get<double>(), 1.0);
  EXPECT_TRUE(m["TNR"].is_null());
  EXPECT_TRUE(m["GM"].is_null());
  EXPECT_TRUE(m["MaxGM"].is_null());
}

TEST(Oxuva, FrameRules) {
  // init (wrong, ignored) | IoU exactly 0.5 -> TP (>=) | zero-size on present GT -> FN |
  // absent on present GT -> FN | present on absent GT -> FP | zero-size on absent GT -> FP |
  // absent on absent GT -> TN.
  const std::vector<geometry::MaybeBox> gt = {box(0, 0, 20, 10),
                                              box(0, 0, 20, 10),
                                              box(0, 0, 20, 10),
                                              box(0, 0, 20, 10),
                                              absent,
                                              absent,
                                              absent};
  const std::vector<geometry::MaybeBox> pred = {
      box(50, 50, 5, 5), box(0, 0, 20, 5), box(0, 0, 0, 0), absent,
      box(1, 1, 5, 5),   box(3, 3, 0, 0),  absent};
  const auto m =
      evaluate_oxuva({test::sequence("s", gt)}, test::results("s", test::output(pred)))["overall"];
  EXPECT_EQ(m["TP"].get<long>(), 1);
  EXPECT_EQ(m["FN"].get<long>(), 2);
  EXPECT_EQ(m["FP"].get<long>(), 2);
  EXPECT_EQ(m["TN"].get<long>(), 1);
  EXPECT_DOUBLE_EQ(m["TPR"].get<double>(), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(m["TNR"].get<double>(), 1.0 / 3.0);
}

TEST(Oxuva, IouIsComputedOnBoxesCroppedToTheImage) {
  // Image 100 wide. GT (95,0,40,10) lies mostly outside: cropped to (95,0,5,10). Prediction
  // (95,0,5,10): cropped IoU 1 -> TP. Uncropped it would be 50 / 400 = 0.125, an FN.
  const auto gt = test::repeat(box(95, 0, 40, 10), 2);
  const std::vector<geometry::MaybeBox> pred = {box(95, 0, 40, 10), box(95, 0, 5, 10)};
  const auto m = evaluate_oxuva({test::sequence("s", gt, {100, 100})},
                                test::results("s", test::output(pred)))["overall"];
  EXPECT_EQ(m["TP"].get<long>(), 1);
  EXPECT_EQ(m["FN"].get<long>(), 0);
}

TEST(Oxuva, MaxGmAnalytic) {
  // TPR 0.8, TNR 0.2: f(p) = (0.2 + 0.8p)(0.8 - 0.8p) = 0.16 + 0.48p - 0.64p^2, maximal at
  // p = 0.375 where f = 0.25 -> MaxGM 0.5 (GM = sqrt(0.16) = 0.4).
  EXPECT_NEAR(oxuva_max_gm(0.8, 0.2), 0.5, 1e-12);
  // TPR 0.5, TNR 0.9: f(p) = (0.9 + 0.1p)(0.5 - 0.5p) decreases on [0,1] -> p = 0, sqrt(0.45).
  EXPECT_NEAR(oxuva_max_gm(0.5, 0.9), std::sqrt(0.45), 1e-12);
  // TPR 0: only p = 1 matters: (1)(0) -> 0.
  EXPECT_EQ(oxuva_max_gm(0.0, 0.3), 0.0);
  EXPECT_TRUE(std::isnan(oxuva_max_gm(0.5, std::nan(""))));
}

TEST(Oxuva, CountsAreSummedOverFramesOfAllSequences) {
  // a: 5 present frames after init, 4 TP + 1 FN; 5 absent frames, 1 TN + 4 FP.
  // b: 3 present frames after init, all FN.
  // Pooled: TP 4, FN 4 -> TPR 0.5; TN 1, FP 4 -> TNR 0.2; GM = sqrt(0.1).
  // Per sequence a: TPR 0.8, TNR 0.2 -> GM 0.4, MaxGM 0.5.
  const auto g = box(10, 10, 20, 20);
  const auto wrong = box(60, 60, 20, 20);
  const std::vector<geometry::MaybeBox> gta = {g,      g,      g,      g,      g,     g,
                                               absent, absent, absent, absent, absent};
  const std::vector<geometry::MaybeBox> pa = {g, g, g, g, g, wrong, absent, g, g, g, g};
  const auto gtb = test::repeat(g, 4);
  ResultsBySequence res;
  res["a"] = test::output(pa);
  res["b"] = test::output(test::repeat(wrong, 4));
  const auto r = evaluate_oxuva({test::sequence("a", gta), test::sequence("b", gtb)}, res);
  const auto& a = r["sequences"]["a"];
  EXPECT_DOUBLE_EQ(a["TPR"].get<double>(), 0.8);
  EXPECT_DOUBLE_EQ(a["TNR"].get<double>(), 0.2);
  EXPECT_NEAR(a["GM"].get<double>(), 0.4, 1e-12);
  EXPECT_NEAR(a["MaxGM"].get<double>(), 0.5, 1e-12);
  const auto& m = r["overall"];
  EXPECT_EQ(m["TP"].get<long>(), 4);
  EXPECT_EQ(m["FN"].get<long>(), 4);
  EXPECT_DOUBLE_EQ(m["TPR"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(m["TNR"].get<double>(), 0.2);
  EXPECT_NEAR(m["GM"].get<double>(), std::sqrt(0.1), 1e-12);
}

}  // namespace
}  // namespace spot::eval
