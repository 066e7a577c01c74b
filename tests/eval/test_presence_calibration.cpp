// Presence calibration on a hand-made run: the threshold separating absent-frame scores from hit
// scores wins; misuse is a clear error.
#include <gtest/gtest.h>

#include "eval/eval_fixtures.hpp"
#include "spot/error.hpp"
#include "spot/eval/presence_calibration.hpp"

namespace spot::eval {
namespace {

using test::absent;
using test::box;

TEST(PresenceCalibration, PicksTheThresholdWithTheBestBalancedAccuracy) {
  // After init: 3 present frames (hits at scores 0.8 and 0.6, a miss at 0.9), 2 absent frames
  // (scores 0.3 and 0.5). Thresholds in (0.5, 0.6] keep both hits and reject both absences:
  // balanced (2/3 + 1) / 2; the first grid value there is 0.51.
  const auto g = box(10, 10, 20, 20), hit = box(15, 15, 10, 10), miss = box(100, 100, 5, 5);
  const std::vector<geometry::MaybeBox> gt = {g, g, g, g, absent, absent};
  auto out = test::output({g, hit, hit, miss, miss, miss});
  out.confidence = {std::nullopt, 0.8, 0.6, 0.9, 0.3, 0.5};
  const auto c = calibrate_presence({test::sequence("s", gt, {300, 300})}, test::results("s", out));
  EXPECT_NEAR(c.threshold, 0.51, 1e-12);
  EXPECT_NEAR(c.balanced_accuracy, (2.0 / 3.0 + 1.0) / 2.0, 1e-12);
  EXPECT_EQ(c.present_frames, 3);
  EXPECT_EQ(c.absent_frames, 2);
  ASSERT_EQ(c.table.size(), 101u);
  EXPECT_NEAR(c.table[0]["absent_accuracy"].get<double>(), 0.0, 1e-12);  // threshold 0: all present
}

TEST(PresenceCalibration, NeedsBoxesConfidencesAndBothKindsOfFrames) {
  const auto g = box(10, 10, 20, 20);
  auto out = test::output({g, g, g});
  const auto seq = test::sequence("s", {g, g, absent}, {300, 300});
  EXPECT_THROW(calibrate_presence({seq}, test::results("s", out)), spot::Error);  // no confidence
  out.confidence = {std::nullopt, 0.5, 0.5};
  EXPECT_NO_THROW(calibrate_presence({seq}, test::results("s", out)));
  EXPECT_THROW(calibrate_presence({test::sequence("s", {g, g, g}, {300, 300})}, test::results("s", out)),
               spot::Error);  // no absent frame
  out.boxes[1] = absent;
  EXPECT_THROW(calibrate_presence({seq}, test::results("s", out)), spot::Error);  // a present frame without a box
}

}  // namespace
}  // namespace spot::eval
