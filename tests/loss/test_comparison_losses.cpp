// The comparison baselines: gaussian_heatmap + gaussian_focal_loss (CenterNet) and
// bce_all_points_loss, on hand-made maps.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "loss/loss_fixtures.hpp"
#include "spot/loss/bce_all_points_loss.hpp"
#include "spot/loss/gaussian_focal_loss.hpp"
#include "spot/loss/gaussian_heatmap.hpp"

using namespace spot::loss;
using spot::test::cells;
using spot::test::error_of;
using spot::test::gt;
using spot::test::score_map;

TEST(GaussianHeatmap, PeakIsOneAtTheCentreCellAndWidthFollowsTheBox) {
  // Box (6,6,8,8) at stride 4: centre (10,10) is exactly the point of cell (2,2).
  // sigma = max(0.5, 8 / 24) = 0.5 cells: a 4-neighbour is exp(-1 / (2 * 0.25)) = exp(-2).
  const auto small = gt({{6, 6, 8, 8}});
  const auto h = gaussian_heatmap(small.boxes, small.present, 4, 4, 4.0);
  ASSERT_EQ(h.sizes(), (std::vector<int64_t>{1, 1, 4, 4}));
  EXPECT_EQ(h[0][0][2][2].item<float>(), 1.0f);
  EXPECT_EQ(h.eq(1).sum().item<int64_t>(), 1);
  EXPECT_NEAR(h[0][0][2][1].item<float>(), std::exp(-2.0), 1e-6);
  EXPECT_NEAR(h[0][0][1][1].item<float>(), std::exp(-4.0), 1e-6);
  // Box 48 x 24 around the centre (10, 10) on an 8x8 map: sx = 48/24 = 2, sy = 24/24 = 1 cells.
  const auto wide = gt({{-14, -2, 48, 24}});
  const auto hw = gaussian_heatmap(wide.boxes, wide.present, 8, 8, 4.0);
  EXPECT_EQ(hw[0][0][2][2].item<float>(), 1.0f);
  EXPECT_NEAR(hw[0][0][2][3].item<float>(), std::exp(-1.0 / 8.0), 1e-6);  // one cell in x
  EXPECT_NEAR(hw[0][0][3][2].item<float>(), std::exp(-1.0 / 2.0), 1e-6);  // one cell in y
  // A tiny box off any point still has its single peak at the nearest cell.
  const auto tiny = gt({{8.5f, 12.5f, 1, 1}});
  const auto ht = gaussian_heatmap(tiny.boxes, tiny.present, 4, 4, 4.0);
  EXPECT_EQ(ht[0][0][3][2].item<float>(), 1.0f);
  EXPECT_EQ(ht.eq(1).sum().item<int64_t>(), 1);
}

TEST(GaussianHeatmap, HugeSigmaStillHasOnePeakAndAbsentIsZero) {
  // sigma = 1e6 / 24 ~ 41667 cells: exp(-18 / (2 sigma^2)) rounds to 1 in float, yet only the peak
  // may equal 1.
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const auto g = gt({{-499990, -499990, 1e6f, 1e6f}, {nan, nan, nan, nan}});
  const auto h = gaussian_heatmap(g.boxes, g.present, 4, 4, 4.0);
  EXPECT_EQ(h[0].eq(1).sum().item<int64_t>(), 1);
  EXPECT_GT(h[0].min().item<float>(), 0.99f);
  EXPECT_EQ(h[1].abs().sum().item<float>(), 0.0f);
  EXPECT_NE(
      error_of([&] { gaussian_heatmap(g.boxes, g.present, 4, 4, 4.0, 0.0); }).find("min_sigma"),
      std::string::npos);
}

TEST(GaussianFocalLoss, HandComputedTwoCellMap) {
  // heatmap [1, 0], logits [0, 0]: p = 0.5 on both.
  //   peak:     (1 - 0.5)^2 * log 0.5           = -0.1732868
  //   non-peak: (1 - 0)^4 * 0.5^2 * log(1 - 0.5) = -0.1732868
  //   loss = 0.3465736 / 1 peak.
  const auto logits = score_map({0.0f, 0.0f}, 1, 2);
  const auto heat = torch::tensor({1.0f, 0.0f}).reshape({1, 1, 1, 2});
  const auto loss = gaussian_focal_loss(logits, heat);
  EXPECT_NEAR(loss.item<double>(), 0.3465736, 1e-6);
  loss.backward();
  EXPECT_LT(logits.grad()[0][0][0][0].item<float>(), 0.0f);  // peak pushed up
  EXPECT_GT(logits.grad()[0][0][0][1].item<float>(), 0.0f);  // background pushed down
}

TEST(GaussianFocalLoss, NearZeroForAPerfectPredictionPositiveOtherwise) {
  const auto g = gt({{6, 6, 8, 8}});
  const auto heat = gaussian_heatmap(g.boxes, g.present, 4, 4, 4.0);
  const auto perfect =
      torch::where(heat.eq(1), torch::full_like(heat, 20), torch::full_like(heat, -20));
  EXPECT_LT(gaussian_focal_loss(perfect, heat).item<double>(), 1e-6);
  const auto flat = torch::zeros_like(heat);
  EXPECT_GT(gaussian_focal_loss(flat, heat).item<double>(), 0.1);
  // The peak in the wrong place costs far more than a perfect map.
  const auto shifted = torch::roll(perfect, {1}, {3});
  EXPECT_GT(gaussian_focal_loss(shifted, heat).item<double>(), 1.0);
  // No peak at all (absent items only): normalised by 1, not 0.
  const auto none = torch::zeros_like(heat);
  EXPECT_TRUE(std::isfinite(gaussian_focal_loss(flat, none).item<double>()));
  EXPECT_NE(error_of([&] { gaussian_focal_loss(flat, heat * 2); }).find("[0, 1]"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              gaussian_focal_loss(flat, heat.view({1, 4, 4}));
            }).find("heatmap must be [B,1,h,w]"),
            std::string::npos);
}

TEST(BceAllPointsLoss, MeanOverEveryLocation) {
  // logits [0, 2], inside [true, false]: (BCE(0, 1) + BCE(2, 0)) / 2 = (ln 2 + ln(1 + e^2)) / 2.
  const auto logits = score_map({0.0f, 2.0f}, 1, 2);
  const auto loss = bce_all_points_loss(logits, cells({{0, 0}}, 1, 2));
  EXPECT_NEAR(loss.item<double>(), (std::log(2.0) + std::log1p(std::exp(2.0))) / 2, 1e-6);
  loss.backward();
  // Every location gets a gradient, easy or not: sigmoid(x) - target over 2 locations.
  EXPECT_NEAR(logits.grad()[0][0][0][0].item<float>(), (0.5 - 1) / 2, 1e-6);
  EXPECT_NEAR(logits.grad()[0][0][0][1].item<float>(), (1 / (1 + std::exp(-2.0))) / 2, 1e-6);
  EXPECT_NE(error_of([&] { bce_all_points_loss(logits, cells({}, 1, 3)); }).find("shape"),
            std::string::npos);
}
