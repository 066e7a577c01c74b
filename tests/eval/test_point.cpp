// SPOT's point criterion: closed-box hits, absent accuracy, size bins and the two dataset-level
// aggregates. Expected values worked out by hand in the comments.
#include <gtest/gtest.h>

#include "eval/eval_fixtures.hpp"
#include "spot/eval/protocols.hpp"

namespace spot::eval {
namespace {

using test::absent;
using test::box;

TEST(Point, ClosedBoxHitsAndInitFrameExcluded) {
  // GT (10,10,20,20) spans x, y in [10, 30].
  // init: a miss (ignored) | centre (30,30) on the corner -> hit | centre (30.5,30) -> miss |
  // absent prediction -> miss.  Hit rate 1/3.
  const auto gt = test::repeat(box(10, 10, 20, 20), 4);
  const std::vector<geometry::MaybeBox> pred = {box(80, 80, 4, 4), box(25, 25, 10, 10),
                                                box(25.5, 25, 10, 10), absent};
  const auto r = evaluate_point({test::sequence("s", gt)}, test::results("s", test::output(pred)));
  const auto& m = r["sequences"]["s"];
  EXPECT_DOUBLE_EQ(m["point_hit_rate"].get<double>(), 1.0 / 3.0);
  EXPECT_TRUE(m["absent_accuracy"].is_null());  // no absent frames
}

TEST(Point, AbsentAccuracy) {
  // Frames after init: GT absent in 1-3; the tracker reports absent in 1 and 2, a box in 3.
  // Absent accuracy 2/3; the one present frame (4) is a hit.
  const std::vector<geometry::MaybeBox> gt = {box(10, 10, 20, 20), absent, absent, absent,
                                              box(10, 10, 20, 20)};
  const std::vector<geometry::MaybeBox> pred = {box(10, 10, 20, 20), absent, absent,
                                                box(0, 0, 0, 0), box(12, 12, 10, 10)};
  const auto m =
      evaluate_point({test::sequence("s", gt)}, test::results("s", test::output(pred)))["overall"];
  EXPECT_DOUBLE_EQ(m["absent_accuracy"].get<double>(), 2.0 / 3.0);
  EXPECT_EQ(m["point_hit_rate"].get<double>(), 1.0);
}

TEST(Point, Reacquisition) {
  // GT: init | absent | present x3 (return 1: hit on its 2nd frame -> 1 frame) | absent |
  // present x2 (return 2: never hit -> not re-acquired) | absent | present (return 3: hit at once -> 0).
  const auto g = box(10, 10, 20, 20), hit = box(15, 15, 10, 10), miss = box(100, 100, 5, 5);
  const std::vector<geometry::MaybeBox> gt = {g, absent, g, g, g, absent, g, g, absent, g};
  const std::vector<geometry::MaybeBox> pred = {g, absent, miss, hit, miss, absent, miss, absent, absent, hit};
  const auto m = evaluate_point({test::sequence("s", gt, {300, 300})}, test::results("s", test::output(pred)));
  const auto& r = m["sequences"]["s"]["reacquisition"];
  EXPECT_EQ(r["returns"].get<long>(), 3);
  EXPECT_EQ(r["reacquired"].get<long>(), 2);
  EXPECT_DOUBLE_EQ(r["median_frames"].get<double>(), 0.5);
  EXPECT_EQ(r["max_frames"].get<long>(), 1);
  EXPECT_EQ(m["overall"]["reacquisition"]["returns"].get<long>(), 3);
  // A sequence where the target never leaves has no returns.
  const auto none = evaluate_point({test::sequence("s", test::repeat(g, 3))},
                                   test::results("s", test::output({g, hit, hit})));
  EXPECT_EQ(none["overall"]["reacquisition"]["returns"].get<long>(), 0);
  EXPECT_TRUE(none["overall"]["reacquisition"]["median_frames"].is_null());
  // None of these returns was held (3 hits in a row).
  EXPECT_EQ(r["held"]["returns"].get<long>(), 3);
  EXPECT_EQ(r["held"]["reacquired"].get<long>(), 0);
  EXPECT_TRUE(r["held"]["max_frames"].is_null());
}

// A held re-acquisition starts with the first of 3 hits in a row: a single early hit (a lucky
// jump onto the target) is a re-acquisition, but not a held one.
TEST(Point, HeldReacquisitionNeedsThreeHitsInARow) {
  const auto g = box(10, 10, 20, 20), hit = box(15, 15, 10, 10), miss = box(100, 100, 5, 5);
  const std::vector<geometry::MaybeBox> gt = {g, absent, g, g, g, g, g, g, absent, g, g, g};
  const std::vector<geometry::MaybeBox> pred = {g, absent, hit, miss, hit, hit, hit, miss, absent, hit, hit, miss};
  const auto m = evaluate_point({test::sequence("s", gt, {300, 300})}, test::results("s", test::output(pred)));
  const auto& r = m["overall"]["reacquisition"];
  EXPECT_EQ(r["reacquired"].get<long>(), 2);
  EXPECT_EQ(r["max_frames"].get<long>(), 0);
  EXPECT_EQ(r["held"]["hits_in_a_row"].get<long>(), 3);
  EXPECT_EQ(r["held"]["returns"].get<long>(), 2);
  EXPECT_EQ(r["held"]["reacquired"].get<long>(), 1);  // the second return had only 2 hits in a row
  EXPECT_EQ(r["held"]["max_frames"].get<long>(), 2);  // frames 4, 5, 6 after the return at frame 2
}

TEST(Point, SizeBins) {
  // sqrt(w*h): 4x4 -> 4 ("0-8"); 8x8 -> 8 ("8-16", lower edge inclusive); 10x40 -> 20 ("16-32");
  // 100x200 -> 141.4 ("128+"). The 8x8 frame misses, the others hit.
  const std::vector<geometry::MaybeBox> gt = {box(0, 0, 30, 30), box(0, 0, 4, 4), box(0, 0, 8, 8),
                                              box(0, 0, 10, 40), box(0, 0, 100, 200)};
  const std::vector<geometry::MaybeBox> pred = {box(0, 0, 30, 30), box(0, 0, 4, 4),
                                                box(50, 50, 8, 8), box(0, 0, 10, 40),
                                                box(0, 0, 100, 200)};
  const auto m = evaluate_point({test::sequence("s", gt, {300, 300})},
                                test::results("s", test::output(pred)))["overall"];
  const auto& bins = m["by_size"];
  ASSERT_EQ(bins.size(), 6u);
  EXPECT_EQ(bins["0-8"]["frames"].get<long>(), 1);
  EXPECT_EQ(bins["0-8"]["point_hit_rate"].get<double>(), 1.0);
  EXPECT_EQ(bins["8-16"]["frames"].get<long>(), 1);
  EXPECT_EQ(bins["8-16"]["point_hit_rate"].get<double>(), 0.0);
  EXPECT_EQ(bins["16-32"]["frames"].get<long>(), 1);
  EXPECT_EQ(bins["32-64"]["frames"].get<long>(), 0);
  EXPECT_TRUE(bins["32-64"]["point_hit_rate"].is_null());
  EXPECT_EQ(bins["128+"]["frames"].get<long>(), 1);
  EXPECT_DOUBLE_EQ(m["point_hit_rate"].get<double>(), 0.75);
}

TEST(Point, DatasetLevelReportsPooledAndSequenceMean) {
  // a: 1 present frame after init, a hit; 2 absent frames, both reported absent.
  // b: 3 present frames after init, all misses.
  // Pooled hit rate 1/4, mean over sequences (1 + 0)/2 = 0.5. Absent accuracy: only a has absent
  // frames -> pooled 1, sequence mean 1.
  const auto g = box(10, 10, 20, 20);
  ResultsBySequence res;
  res["a"] = test::output({g, g, absent, absent});
  res["b"] = test::output(test::repeat(box(60, 60, 5, 5), 4));
  const auto m = evaluate_point(
      {test::sequence("a", {g, g, absent, absent}), test::sequence("b", test::repeat(g, 4))},
      res)["overall"];
  EXPECT_DOUBLE_EQ(m["point_hit_rate"].get<double>(), 0.25);
  EXPECT_DOUBLE_EQ(m["point_hit_rate_seq_mean"].get<double>(), 0.5);
  EXPECT_EQ(m["absent_accuracy"].get<double>(), 1.0);
  EXPECT_EQ(m["absent_accuracy_seq_mean"].get<double>(), 1.0);
}

}  // namespace
}  // namespace spot::eval
