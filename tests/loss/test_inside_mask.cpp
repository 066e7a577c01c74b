// inside_mask and the point grid on hand-made 4x4 maps (stride 4: points at 2, 6, 10, 14 px).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "loss/loss_fixtures.hpp"
#include "spot/loss/inside_mask.hpp"
#include "spot/loss/point_grid.hpp"

using namespace spot::loss;
using spot::test::error_of;
using spot::test::gt;
using spot::test::nonzero_cells;
using Cells = std::vector<std::pair<int, int>>;

namespace {
const float kNan = std::numeric_limits<float>::quiet_NaN();
}

TEST(PointGrid, LocationStandsForCellCentre) {
  const auto g = point_grid(2, 3, 8.0, torch::kFloat);  // [1,2,2,3]
  ASSERT_EQ(g.sizes(), (std::vector<int64_t>{1, 2, 2, 3}));
  EXPECT_FLOAT_EQ(g[0][0][1][2].item<float>(), 20.0f);  // x = (2 + 0.5) * 8
  EXPECT_FLOAT_EQ(g[0][1][1][2].item<float>(), 12.0f);  // y = (1 + 0.5) * 8
}

TEST(InsideMask, ClosedBoxIncludesPointsOnTheEdges) {
  // x in [2, 6] holds px = 2 and px = 6 exactly on its edges: 2 x 2 points.
  const auto g = gt({{2, 2, 4, 4}});
  const auto m = inside_mask(g.boxes, g.present, 4, 4, 4.0);
  ASSERT_EQ(m.sizes(), (std::vector<int64_t>{1, 1, 4, 4}));
  EXPECT_EQ(m.scalar_type(), torch::kBool);
  EXPECT_EQ(nonzero_cells(m), (Cells{{0, 0}, {0, 1}, {1, 0}, {1, 1}}));
  // Shifted by 0.01 px the left/top edge points fall out.
  const auto g2 = gt({{2.01f, 2.01f, 4, 4}});
  EXPECT_EQ(nonzero_cells(inside_mask(g2.boxes, g2.present, 4, 4, 4.0)), (Cells{{1, 1}}));
}

TEST(InsideMask, TinyBoxGetsExactlyOneNearestPositive) {
  // [7,8] x [7,8] holds no grid point; centre (7.5, 7.5): nearest point 6 (1.5 away, not 10).
  const auto a = gt({{7, 7, 1, 1}});
  EXPECT_EQ(nonzero_cells(inside_mask(a.boxes, a.present, 4, 4, 4.0)), (Cells{{1, 1}}));
  // Centre (9, 13): nearest x point 10 (j = 2), nearest y point 14 (i = 3).
  const auto b = gt({{8.5f, 12.5f, 1, 1}});
  EXPECT_EQ(nonzero_cells(inside_mask(b.boxes, b.present, 4, 4, 4.0)), (Cells{{3, 2}}));
  // A zero-size box (a point target) too.
  const auto c = gt({{3, 11, 0, 0}});
  EXPECT_EQ(nonzero_cells(inside_mask(c.boxes, c.present, 4, 4, 4.0)), (Cells{{2, 0}}));
  // A box entirely off the map gets the nearest border location.
  const auto d = gt({{100, -50, 2, 2}});
  EXPECT_EQ(nonzero_cells(inside_mask(d.boxes, d.present, 4, 4, 4.0)), (Cells{{0, 3}}));
}

TEST(InsideMask, AbsentItemsHaveNoPositivesEvenWithNanRows) {
  const auto g = gt({{kNan, kNan, kNan, kNan}, {5, 5, 10, 10}});
  const auto m = inside_mask(g.boxes, g.present, 4, 4, 4.0);
  EXPECT_FALSE(m[0].any().item<bool>());
  EXPECT_EQ(m[1].sum().item<int64_t>(), 9);  // [5,15] holds 6, 10, 14 on both axes
  // An absent flag wins over a valid-looking box.
  const auto absent = torch::zeros({1}, torch::kBool);
  const auto boxes = torch::tensor({{5.0f, 5.0f, 10.0f, 10.0f}});
  EXPECT_FALSE(inside_mask(boxes, absent, 4, 4, 4.0).any().item<bool>());
}

TEST(NearestLocation, TiesGoToTheLargerIndex) {
  // Centre x = 8 is 2 px from both point 6 (j = 1) and point 10 (j = 2).
  const auto ij = nearest_location(torch::tensor({{6.0f, 0.0f, 4.0f, 1.0f}}), 4, 4, 4.0);
  EXPECT_EQ(ij[0][0].item<int64_t>(), 0);
  EXPECT_EQ(ij[0][1].item<int64_t>(), 2);
  // Centre x = 12: between point 10 (j = 2) and point 14 (j = 3).
  EXPECT_EQ(
      nearest_location(torch::tensor({{10.0f, 0.0f, 4.0f, 1.0f}}), 4, 4, 4.0)[0][1].item<int64_t>(),
      3);
}

TEST(InsideMask, BadArgumentsThrow) {
  const auto g = gt({{2, 2, 4, 4}});
  EXPECT_NE(error_of([&] {
              inside_mask(g.boxes.view({4}), g.present, 4, 4, 4.0);
            }).find("boxes must be [B,4]"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              inside_mask(g.boxes, g.present.to(torch::kFloat), 4, 4, 4.0);
            }).find("present must be bool"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              inside_mask(g.boxes, torch::ones({2}, torch::kBool), 4, 4, 4.0);
            }).find("present must be [B]"),
            std::string::npos);
  EXPECT_NE(error_of([&] { inside_mask(g.boxes, g.present, 4, 4, 0.0); }).find("stride"),
            std::string::npos);
  EXPECT_NE(error_of([&] { inside_mask(g.boxes, g.present, 0, 4, 4.0); }).find("map size"),
            std::string::npos);
  // A present box must be usable: NaN or negative size is a data bug, not "absent".
  const auto nan_box = torch::tensor({{kNan, 0.0f, 1.0f, 1.0f}});
  EXPECT_NE(error_of([&] { inside_mask(nan_box, g.present, 4, 4, 4.0); }).find("item 0"),
            std::string::npos);
  const auto negative = torch::tensor({{0.0f, 0.0f, -1.0f, 1.0f}});
  EXPECT_NE(error_of([&] { inside_mask(negative, g.present, 4, 4, 4.0); }).find("w >= 0"),
            std::string::npos);
}
