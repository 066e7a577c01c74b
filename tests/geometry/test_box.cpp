// Unit tests of the box measures against hand-computed values.
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "spot/error.hpp"
#include "spot/geometry/box.hpp"
#include "spot/geometry/box_string.hpp"

using namespace spot::geometry;

TEST(Iou, IdenticalDisjointAndHalf) {
  EXPECT_DOUBLE_EQ(iou({0, 0, 10, 10}, {0, 0, 10, 10}), 1.0);
  EXPECT_DOUBLE_EQ(iou({0, 0, 10, 10}, {20, 20, 10, 10}), 0.0);
  // Touching edges share no area with half-open boxes.
  EXPECT_DOUBLE_EQ(iou({0, 0, 10, 10}, {10, 0, 10, 10}), 0.0);
  // [0,10)x[0,10) vs [0,10)x[0,20): inter 100, union 200 -> 0.5 exactly.
  EXPECT_DOUBLE_EQ(iou({0, 0, 10, 10}, {0, 0, 10, 20}), 0.5);
  // Offset by 5 in x: inter 50, union 150.
  EXPECT_DOUBLE_EQ(iou({0, 0, 10, 10}, {5, 0, 10, 10}), 50.0 / 150.0);
}

TEST(Iou, EmptyAndNonFiniteBoxesGiveZero) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(iou({0, 0, 0, 10}, {0, 0, 10, 10}), 0.0);
  EXPECT_EQ(iou({nan, nan, nan, nan}, {0, 0, 10, 10}), 0.0);
  EXPECT_EQ(iou_got10k({nan, 0, 1, 1}, {0, 0, 10, 10}), 0.0);
}

TEST(IouGot10k, EpsKeepsPerfectJustBelowOne) {
  // inter / (union + eps) with union 100: 100 / (100 + 2.2e-16) rounds to exactly 1.0 in double.
  EXPECT_DOUBLE_EQ(iou_got10k({0, 0, 10, 10}, {0, 0, 10, 10}), 1.0);
  // Tiny boxes: union 1e-16 + eps makes the ratio visibly < 1.
  EXPECT_LT(iou_got10k({0, 0, 1e-8, 1e-8}, {0, 0, 1e-8, 1e-8}), 0.5);
}

TEST(IouGot10k, BoundedMovesNegativeOrigin) {
  // Prediction (-5,0,10,10) is moved to (0,0,10,10) (not cropped to (0,0,5,10)): IoU with GT
  // (0,0,10,10) is 1 under the got10k quirk, 0.5 when cropped.
  const ImageSize img{100, 100};
  EXPECT_NEAR(iou_got10k_bounded({-5, 0, 10, 10}, {0, 0, 10, 10}, img), 1.0, 1e-12);
  EXPECT_NEAR(iou_clipped({-5, 0, 10, 10}, {0, 0, 10, 10}, img), 0.5, 1e-12);
  // Right edge clipped to the bound: (95,0,10,10) -> (95,0,5,10); vs GT (95,0,5,10) -> 1.
  EXPECT_NEAR(iou_got10k_bounded({95, 0, 10, 10}, {95, 0, 5, 10}, img), 1.0, 1e-12);
}

TEST(CenterError, EuclideanAndNormalised) {
  EXPECT_DOUBLE_EQ(center_error({3, 4, 10, 10}, {0, 0, 10, 10}), 5.0);
  // dx = 3 over w 6, dy = 4 over h 8 -> hypot(0.5, 0.5).
  EXPECT_DOUBLE_EQ(normalized_center_error({3, 4, 6, 8}, {0, 0, 6, 8}), std::hypot(0.5, 0.5));
  // Sizes below 1 are clamped to 1.
  EXPECT_DOUBLE_EQ(normalized_center_error({1, 0, 0.5, 0.5}, {0, 0, 0.5, 0.5}), 1.0);
}

TEST(Contains, ClosedBoxAndNonFinite) {
  const Box b{10, 10, 5, 5};
  EXPECT_TRUE(contains(b, {10, 10}));
  EXPECT_TRUE(contains(b, {15, 15}));
  EXPECT_FALSE(contains(b, {15.0001, 12}));
  EXPECT_FALSE(contains(b, {std::nan(""), 12}));
}

TEST(BoxSize, SqrtArea) {
  EXPECT_DOUBLE_EQ(box_size({0, 0, 4, 9}), 6.0);
  EXPECT_DOUBLE_EQ(box_size({0, 0, -4, 9}), 0.0);
}

TEST(ParseBox, AcceptsDelimitersAndRejectsGarbage) {
  EXPECT_EQ(parse_box("1,2,3,4"), (Box{1, 2, 3, 4}));
  EXPECT_EQ(parse_box(" 1.5 2\t3 4 "), (Box{1.5, 2, 3, 4}));
  EXPECT_THROW(parse_box("1,2,3"), spot::Error);
  EXPECT_THROW(parse_box("1,2,3,4,5"), spot::Error);
  EXPECT_THROW(parse_box("1,2,x,4"), spot::Error);
  EXPECT_THROW(parse_box("1,2,-3,4"), spot::Error);
  EXPECT_THROW(parse_box("1,2,nan,4"), spot::Error);
  try {
    parse_box("a,b");
    FAIL();
  } catch (const spot::Error& e) {
    EXPECT_NE(std::string(e.what()).find("expected x,y,w,h"), std::string::npos);
  }
}

// Found by fuzz/fuzz_box_string (fuzz/regressions/box_string/): the scan stopped at a NUL byte, so
// a string with anything after one was accepted as its first four numbers.
TEST(ParseBox, RejectsTextAfterANulByte) {
  using namespace std::string_literals;
  EXPECT_THROW(parse_box("10.5 20 30.25 40\0\0\0"s), spot::Error);
  EXPECT_THROW(parse_box("1,2,3,4\0junk"s), spot::Error);
  EXPECT_THROW(parse_box("1,2\0,3,4"s), spot::Error);
}

TEST(Error, FormatsFileAndLine) {
  EXPECT_STREQ(spot::Error("bad", "gt.txt", 3).what(), "gt.txt:3: bad");
  EXPECT_STREQ(spot::Error("bad", "gt.txt").what(), "gt.txt: bad");
  EXPECT_STREQ(spot::Error("bad").what(), "bad");
}

TEST(Blend, MovesCentreAndSizeByTheWeight) {
  const Box a{0, 0, 10, 20}, b{20, 10, 30, 40};  // centres (5, 10) and (35, 30)
  EXPECT_EQ(blend(a, b, 0.0), a);
  EXPECT_EQ(blend(a, b, 1.0), b);
  const Box m = blend(a, b, 0.5);  // centre (20, 20), size 20 x 30
  EXPECT_DOUBLE_EQ(m.x, 10);
  EXPECT_DOUBLE_EQ(m.y, 5);
  EXPECT_DOUBLE_EQ(m.w, 20);
  EXPECT_DOUBLE_EQ(m.h, 30);
}
