// max_point_loss on hand-made 4x4 maps: the gates, a hand-computed value, which points K selects,
// absent items, and that the loss scale does not depend on the object's size.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "loss/loss_fixtures.hpp"
#include "spot/loss/bce_all_points_loss.hpp"
#include "spot/loss/inside_mask.hpp"
#include "spot/loss/max_point_loss.hpp"

using namespace spot::loss;
using spot::test::cells;
using spot::test::error_of;
using spot::test::gt;
using spot::test::nonzero_cells;
using spot::test::score_map;
using Cells = std::vector<std::pair<int, int>>;

namespace {

double softplus(double x) { return std::log1p(std::exp(x)); }
double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

torch::Tensor present1() { return torch::ones({1}, torch::kBool); }

// A 4x4 map filled with `fill`, with the given cells set to given values.
torch::Tensor map_with(float fill, const std::vector<std::tuple<int, int, float>>& set) {
  std::vector<float> v(16, fill);
  for (const auto& [i, j, x] : set) v[static_cast<size_t>(i * 4 + j)] = x;
  return score_map(v, 4, 4);
}

// Runs the loss and its backward; returns (loss, d loss / d logits).
std::pair<double, torch::Tensor> run(const torch::Tensor& logits, const torch::Tensor& inside,
                                     const torch::Tensor& present, PointLossOptions options = {}) {
  if (logits.grad().defined()) logits.mutable_grad().zero_();
  const auto loss = max_point_loss(logits, inside, present, options);
  EXPECT_EQ(loss.dim(), 0);
  loss.backward();
  return {loss.item<double>(), logits.grad().clone()};
}

}  // namespace

TEST(MaxPointLoss, PositiveAboveGateGivesZeroLossAndZeroGradient) {
  // Positive (1,1) at logit 2 (sigmoid 0.88 > 0.5); every negative at -3 (sigmoid 0.05 < 0.5).
  const auto inside = cells({{1, 1}}, 4, 4);
  const auto logits = map_with(-3.0f, {{1, 1, 2.0f}});
  const auto [loss, grad] = run(logits, inside, present1());
  EXPECT_EQ(loss, 0.0);
  EXPECT_EQ(grad.abs().sum().item<double>(), 0.0);

  // With one active negative the positive still adds nothing: loss = softplus(1), and the
  // positive's gradient is exactly 0.
  const auto logits2 = map_with(-3.0f, {{1, 1, 2.0f}, {3, 3, 1.0f}});
  const auto [loss2, grad2] = run(logits2, inside, present1());
  EXPECT_NEAR(loss2, softplus(1.0), 1e-6);
  EXPECT_EQ(grad2[0][0][1][1].item<float>(), 0.0f);
  EXPECT_NEAR(grad2[0][0][3][3].item<float>(), sigmoid(1.0), 1e-6);
  EXPECT_EQ(nonzero_cells(grad2), (Cells{{3, 3}}));

  // Exactly at the gate (sigmoid 0.5 is not > 0.5) the positive is still pushed: log 2.
  const auto logits3 = map_with(-3.0f, {{1, 1, 0.0f}});
  EXPECT_NEAR(run(logits3, inside, present1()).first, std::log(2.0), 1e-6);
  // A stricter gate (0.95) keeps supervising the logit-2 positive: softplus(-2).
  EXPECT_NEAR(run(logits, inside, present1(), {1, 0.95, 0.5}).first, softplus(-2.0), 1e-6);
}

TEST(MaxPointLoss, NegativeBelowGateGivesZeroLossAndZeroGradient) {
  // Positive (1,1) at -1 needs a push; every negative at -2 (sigmoid 0.12 < 0.5) needs none.
  const auto inside = cells({{1, 1}}, 4, 4);
  const auto logits = map_with(-2.0f, {{1, 1, -1.0f}});
  const auto [loss, grad] = run(logits, inside, present1());
  EXPECT_NEAR(loss, softplus(1.0), 1e-6);  // BCE(x=-1, target 1) = softplus(1)
  EXPECT_EQ(nonzero_cells(grad), (Cells{{1, 1}}));
  EXPECT_NEAR(grad[0][0][1][1].item<float>(), -sigmoid(1.0), 1e-6);
  // Both sides satisfied: exactly zero.
  const auto logits2 = map_with(-2.0f, {{1, 1, 3.0f}});
  const auto [loss2, grad2] = run(logits2, inside, present1());
  EXPECT_EQ(loss2, 0.0);
  EXPECT_EQ(grad2.abs().sum().item<double>(), 0.0);
}

TEST(MaxPointLoss, HandComputedBatchOfTwo) {
  // Item 0 (present): inside (1,1)=-1, (1,2)=-2, (2,1)=-0.5, (2,2)=-3; outside -4 except (0,3)=1.
  //   positive = -0.5 (sigmoid 0.38 <= 0.5): softplus(0.5) = ln(1 + e^0.5) = 0.9740770
  //   negative =  1.0 (sigmoid 0.73 >= 0.5): softplus(1)   = ln(1 + e)     = 1.3132617
  //   item 0 = 2.2873387
  // Item 1 (absent): -5 everywhere except (2,0)=0: no positive; negative = 0 (sigmoid 0.5 >= 0.5),
  //   softplus(0) = ln 2 = 0.6931472
  // Batch = (2.2873387 + 0.6931472) / 2 = 1.4902429.
  // Gradients (1/2 from the batch mean): d/dx softplus(-x) at -0.5 = -sigmoid(0.5) -> -0.3112297;
  //   d/dx softplus(x) at 1 = sigmoid(1) -> 0.3655293; at 0: sigmoid(0) = 0.5 -> 0.25.
  const auto item0 =
      map_with(-4.0f, {{1, 1, -1.0f}, {1, 2, -2.0f}, {2, 1, -0.5f}, {2, 2, -3.0f}, {0, 3, 1.0f}});
  const auto item1 = map_with(-5.0f, {{2, 0, 0.0f}});
  const auto logits = torch::cat({item0, item1}).detach().requires_grad_(true);
  const auto inside = torch::cat(
      {cells({{1, 1}, {1, 2}, {2, 1}, {2, 2}}, 4, 4), torch::zeros({1, 1, 4, 4}, torch::kBool)});
  const auto present = torch::tensor({1, 0}).to(torch::kBool);
  const auto [loss, grad] = run(logits, inside, present);
  EXPECT_NEAR(loss, 1.4902429, 1e-6);
  EXPECT_EQ(nonzero_cells(grad[0]), (Cells{{0, 3}, {2, 1}}));
  EXPECT_EQ(nonzero_cells(grad[1]), (Cells{{2, 0}}));
  EXPECT_NEAR(grad[0][0][2][1].item<float>(), -0.3112297, 1e-6);
  EXPECT_NEAR(grad[0][0][0][3].item<float>(), 0.3655293, 1e-6);
  EXPECT_NEAR(grad[1][0][2][0].item<float>(), 0.25, 1e-6);
}

TEST(MaxPointLoss, KSelectsTheTopKPointsOnEachSide) {
  // Inside = the 3x3 block (rows 1-3, cols 1-3), all below the positive gate, best first at (1,1).
  // Outside = row 0 and column 0, all above the negative gate, best first at (0,0).
  const auto logits = score_map({0.9f, 0.8f, 0.7f, 0.6f,     //
                                 0.5f, -1.0f, -1.1f, -1.2f,  //
                                 0.4f, -1.3f, -1.4f, -1.5f,  //
                                 0.3f, -1.6f, -1.7f, -1.8f},
                                4, 4);
  Cells block;
  for (int i = 1; i < 4; ++i)
    for (int j = 1; j < 4; ++j) block.emplace_back(i, j);
  const auto inside = cells(block, 4, 4);

  const auto [loss1, grad1] = run(logits, inside, present1(), {1, 0.5, 0.5});
  EXPECT_EQ(nonzero_cells(grad1), (Cells{{0, 0}, {1, 1}}));
  EXPECT_NEAR(loss1, softplus(1.0) + softplus(0.9), 1e-6);

  const auto [loss3, grad3] = run(logits, inside, present1(), {3, 0.5, 0.5});
  EXPECT_EQ(nonzero_cells(grad3), (Cells{{0, 0}, {0, 1}, {0, 2}, {1, 1}, {1, 2}, {1, 3}}));
  // Each side is a mean over its K points, so K does not scale the loss.
  const double pos3 = (softplus(1.0) + softplus(1.1) + softplus(1.2)) / 3;
  const double neg3 = (softplus(0.9) + softplus(0.8) + softplus(0.7)) / 3;
  EXPECT_NEAR(loss3, pos3 + neg3, 1e-6);
  EXPECT_NEAR(grad3[0][0][1][2].item<float>(), -sigmoid(1.1) / 3, 1e-6);

  // K above a side's size takes every point of that side (9 inside, 7 outside), no NaN.
  const auto [loss_all, grad_all] = run(logits, inside, present1(), {100, 0.5, 0.5});
  EXPECT_EQ(nonzero_cells(grad_all).size(), 16u);
  EXPECT_TRUE(torch::isfinite(grad_all).all().item<bool>());
  EXPECT_TRUE(std::isfinite(loss_all));
}

TEST(MaxPointLoss, FewerInsidePointsThanKAveragesOverThoseSelected) {
  // Two inside points at -1 and -2, K = 3: the positive side is (softplus(1) + softplus(2)) / 2;
  // every negative at -3 is below the gate.
  const auto logits = map_with(-3.0f, {{0, 0, -1.0f}, {3, 3, -2.0f}});
  const auto [loss, grad] = run(logits, cells({{0, 0}, {3, 3}}, 4, 4), present1(), {3, 0.5, 0.5});
  EXPECT_NEAR(loss, (softplus(1.0) + softplus(2.0)) / 2, 1e-6);
  EXPECT_EQ(nonzero_cells(grad), (Cells{{0, 0}, {3, 3}}));
}

TEST(MaxPointLoss, AbsentItemPushesDownItsTopNegativeOnly) {
  const auto logits = map_with(-1.0f, {{2, 3, 0.7f}, {0, 1, 0.2f}});
  const auto absent = torch::zeros({1}, torch::kBool);
  const auto no_inside = torch::zeros({1, 1, 4, 4}, torch::kBool);
  const auto [loss, grad] = run(logits, no_inside, absent);
  EXPECT_NEAR(loss, softplus(0.7), 1e-6);
  EXPECT_EQ(nonzero_cells(grad), (Cells{{2, 3}}));
  EXPECT_GT(grad[0][0][2][3].item<float>(), 0.0f);  // gradient descent lowers the top score
  // For an absent item a stale `inside` is ignored: every location counts as outside.
  const auto [loss2, grad2] = run(logits, cells({{2, 3}}, 4, 4), absent);
  EXPECT_NEAR(loss2, loss, 1e-7);
  EXPECT_EQ(nonzero_cells(grad2), (Cells{{2, 3}}));
}

TEST(MaxPointLoss, BoxCoveringTheWholeMapHasNoNegatives) {
  const auto logits = map_with(-1.0f, {});
  const auto [loss, grad] = run(logits, torch::ones({1, 1, 4, 4}, torch::kBool), present1());
  EXPECT_NEAR(loss, softplus(1.0), 1e-6);  // only the positive side
  EXPECT_EQ(nonzero_cells(grad).size(), 1u);
}

TEST(MaxPointLoss, LossScaleDoesNotGrowWithBoxSize) {
  // At stride 4 (points 2, 6, 10, 14): box [5,7]^2 holds 1 point, box [5,15]^2 holds 9.
  const auto small = gt({{5, 5, 2, 2}});
  const auto big = gt({{5, 5, 10, 10}});
  const auto small_in = inside_mask(small.boxes, small.present, 4, 4, 4.0);
  const auto big_in = inside_mask(big.boxes, big.present, 4, 4, 4.0);
  ASSERT_EQ(small_in.sum().item<int64_t>(), 1);
  ASSERT_EQ(big_in.sum().item<int64_t>(), 9);
  // Same per-point scores: -1 inside, 0.3 outside.
  const auto scores = [](const torch::Tensor& in) {
    return torch::where(in, torch::full({1, 1, 4, 4}, -1.0f), torch::full({1, 1, 4, 4}, 0.3f))
        .detach()
        .requires_grad_(true);
  };
  const double expected = softplus(1.0) + softplus(0.3);
  for (const int k : {1, 3}) {
    const auto [small_loss, g1] = run(scores(small_in), small_in, present1(), {k, 0.5, 0.5});
    const auto [big_loss, g2] = run(scores(big_in), big_in, present1(), {k, 0.5, 0.5});
    EXPECT_NEAR(small_loss, expected, 1e-6) << "k = " << k;
    EXPECT_NEAR(big_loss, expected, 1e-6) << "k = " << k;
  }
  // The dense BCE baseline is the contrast: the big box weighs more.
  const auto bce_small = bce_all_points_loss(scores(small_in), small_in).item<double>();
  const auto bce_big = bce_all_points_loss(scores(big_in), big_in).item<double>();
  EXPECT_GT(bce_big, bce_small + 0.1);
}

// K = 0 selects every point on each side: the "all points in the box" variant of the points
// experiment. Each side is still averaged per object, and every point receives gradient.
TEST(MaxPointLoss, KZeroSupervisesEveryPoint) {
  const auto inside = cells({{0, 0}, {0, 1}, {1, 0}}, 4, 4);
  auto logits = torch::where(inside, torch::full({1, 1, 4, 4}, -1.0f), torch::full({1, 1, 4, 4}, 0.3f))
                    .detach()
                    .requires_grad_(true);
  const auto [loss, grad] = run(logits, inside, present1(), {0, 0.5, 0.5});
  EXPECT_NEAR(loss, softplus(1.0) + softplus(0.3), 1e-6);
  EXPECT_EQ((grad != 0).sum().item<int64_t>(), 16);
  // K = 1 on the same map reaches one point per side only.
  auto logits1 = logits.detach().clone().requires_grad_(true);
  const auto [loss1, grad1] = run(logits1, inside, present1(), {1, 0.5, 0.5});
  EXPECT_EQ((grad1 != 0).sum().item<int64_t>(), 2);
}

TEST(MaxPointLoss, BadArgumentsThrow) {
  const auto logits = map_with(0.0f, {});
  const auto inside = cells({{1, 1}}, 4, 4);
  EXPECT_NE(error_of([&] {
              max_point_loss(logits, inside, present1(), {-1, 0.5, 0.5});
            }).find("k must"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              max_point_loss(logits, inside, present1(), {1, 1.5, 0.5});
            }).find("positive_gate"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              max_point_loss(logits, inside, present1(), {1, 0.5, -0.1});
            }).find("negative_gate"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              max_point_loss(logits.view({1, 4, 4}), inside, present1());
            }).find("logits must be [B,1,h,w]"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              max_point_loss(logits, inside.to(torch::kFloat), present1());
            }).find("inside must be bool"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              max_point_loss(logits, cells({}, 4, 3), present1());
            }).find("inside must have the shape of logits"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              max_point_loss(logits, inside, torch::ones({2}, torch::kBool));
            }).find("batch size 2"),
            std::string::npos);
}
