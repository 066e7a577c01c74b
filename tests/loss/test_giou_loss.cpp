// decode_boxes and giou_loss on a 4x4 map at stride 4 (points at 2, 6, 10, 14 px).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "loss/loss_fixtures.hpp"
#include "spot/loss/box_decoding.hpp"
#include "spot/loss/giou_loss.hpp"
#include "spot/loss/inside_mask.hpp"
#include "spot/loss/point_grid.hpp"

using namespace spot::loss;
using spot::test::cells;
using spot::test::error_of;
using spot::test::gt;
using spot::test::nonzero_cells;
using Cells = std::vector<std::pair<int, int>>;

namespace {

// The exact (l, t, r, b) of box (x, y, w, h) at every location of an h x w map: [B,4,h,w].
torch::Tensor exact_ltrb(const torch::Tensor& boxes, int h, int w, double stride) {
  const auto grid = point_grid(h, w, stride, torch::kFloat);
  const auto px = grid.slice(1, 0, 1), py = grid.slice(1, 1, 2);
  const auto b = boxes.view({-1, 4, 1, 1});
  const auto x = b.slice(1, 0, 1), y = b.slice(1, 1, 2), bw = b.slice(1, 2, 3),
             bh = b.slice(1, 3, 4);
  return torch::cat({px - x, py - y, x + bw - px, y + bh - py}, 1);
}

// A [1,4,4,4] ltrb map: `value` at cell (i, j), 1 elsewhere.
torch::Tensor ltrb_at(int i, int j, std::vector<float> value) {
  auto t = torch::ones({1, 4, 4, 4});
  for (int c = 0; c < 4; ++c) t[0][c][i][j] = value[static_cast<size_t>(c)];
  return t.requires_grad_(true);
}

}  // namespace

TEST(DecodeBoxes, DistancesToXywh) {
  // Cell (1, 2) stands for point (10, 6); l,t,r,b = 3,1,5,2 -> x = 7, y = 5, w = 8, h = 3.
  const auto boxes = decode_boxes(ltrb_at(1, 2, {3, 1, 5, 2}), 4.0);
  ASSERT_EQ(boxes.sizes(), (std::vector<int64_t>{1, 4, 4, 4}));
  EXPECT_FLOAT_EQ(boxes[0][0][1][2].item<float>(), 7.0f);
  EXPECT_FLOAT_EQ(boxes[0][1][1][2].item<float>(), 5.0f);
  EXPECT_FLOAT_EQ(boxes[0][2][1][2].item<float>(), 8.0f);
  EXPECT_FLOAT_EQ(boxes[0][3][1][2].item<float>(), 3.0f);
  EXPECT_NE(error_of([] {
              decode_boxes(torch::ones({1, 3, 4, 4}), 4.0);
            }).find("[B,4,h,w]"),
            std::string::npos);
}

TEST(GiouLoss, ExactBoxGivesZeroAtEveryPositive) {
  const auto g = gt({{5, 5, 10, 10}});
  const auto positives = inside_mask(g.boxes, g.present, 4, 4, 4.0);
  ASSERT_EQ(positives.sum().item<int64_t>(), 9);
  const auto ltrb = exact_ltrb(g.boxes, 4, 4, 4.0).requires_grad_(true);
  const auto loss = giou_loss(ltrb, g.boxes, positives, 4.0);
  EXPECT_NEAR(loss.item<double>(), 0.0, 1e-6);
}

TEST(GiouLoss, NestedBoxGivesOneMinusIouAndAGradient) {
  // One positive at cell (1,1), point (6,6). GT (2,2,8,8) = [2,10]^2, area 64.
  // Prediction l=t=r=b=2 -> [4,8]^2, area 16, inside the GT: IoU = 16/64 = 0.25, the hull is the
  // GT itself so GIoU = IoU, loss = 0.75.
  // d loss / d l = -d IoU / d l = -(t + b) / 64 = -4/64 = -0.0625 (union and hull stay 64).
  const auto g = gt({{2, 2, 8, 8}});
  const auto ltrb = ltrb_at(1, 1, {2, 2, 2, 2});
  const auto loss = giou_loss(ltrb, g.boxes, cells({{1, 1}}, 4, 4), 4.0);
  EXPECT_NEAR(loss.item<double>(), 0.75, 1e-6);
  loss.backward();
  for (int c = 0; c < 4; ++c) EXPECT_NEAR(ltrb.grad()[0][c][1][1].item<float>(), -0.0625, 1e-6);
  EXPECT_EQ(nonzero_cells(ltrb.grad().abs().sum(1, true)), (Cells{{1, 1}}));
}

TEST(GiouLoss, DisjointBoxesCostMoreThanOne) {
  // Point (6,6), prediction [5,7]^2 (area 4); GT [10,12]^2 (area 4): IoU 0, hull [5,12]^2 = 49,
  // union 8: GIoU = -(49 - 8)/49, loss = 1 + 41/49.
  const auto g = gt({{10, 10, 2, 2}});
  const auto loss = giou_loss(ltrb_at(1, 1, {1, 1, 1, 1}), g.boxes, cells({{1, 1}}, 4, 4), 4.0);
  EXPECT_NEAR(loss.item<double>(), 1.0 + 41.0 / 49.0, 1e-6);
}

TEST(GiouLoss, EachObjectWeighsTheSameWhateverItsPositiveCount) {
  // Item 0: one positive with loss 0.75 (the nested case). Item 1: nine exact positives, loss 0.
  // Per-object mean: (0.75 + 0) / 2 = 0.375 (a plain mean over the 10 locations would give 0.075).
  const auto g = gt({{2, 2, 8, 8}, {5, 5, 10, 10}});
  const auto ltrb = torch::cat(
      {ltrb_at(1, 1, {2, 2, 2, 2}).detach(), exact_ltrb(g.boxes.slice(0, 1, 2), 4, 4, 4.0)});
  const auto mask =
      torch::cat({cells({{1, 1}}, 4, 4),
                  inside_mask(g.boxes.slice(0, 1, 2), g.present.slice(0, 1, 2), 4, 4, 4.0)});
  EXPECT_NEAR(giou_loss(ltrb, g.boxes, mask, 4.0).item<double>(), 0.375, 1e-6);
}

TEST(GiouLoss, NoPositivesGivesZeroWithAGraphAndIgnoresAbsentRows) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const auto g = gt({{nan, nan, nan, nan}});
  const auto ltrb = torch::ones({1, 4, 4, 4}).requires_grad_(true);
  const auto loss = giou_loss(ltrb, g.boxes, torch::zeros({1, 1, 4, 4}, torch::kBool), 4.0);
  EXPECT_EQ(loss.item<double>(), 0.0);
  ASSERT_TRUE(loss.requires_grad());
  loss.backward();
  EXPECT_EQ(ltrb.grad().abs().sum().item<float>(), 0.0f);

  // A NaN row of an item without positives next to a supervised item: finite loss and gradient.
  const auto mixed = gt({{nan, nan, nan, nan}, {2, 2, 8, 8}});
  const auto ltrb2 = torch::ones({2, 4, 4, 4}).requires_grad_(true);
  const auto mask = torch::cat({torch::zeros({1, 1, 4, 4}, torch::kBool), cells({{1, 1}}, 4, 4)});
  const auto loss2 = giou_loss(ltrb2, mixed.boxes, mask, 4.0);
  loss2.backward();
  EXPECT_TRUE(std::isfinite(loss2.item<double>()));
  EXPECT_TRUE(torch::isfinite(ltrb2.grad()).all().item<bool>());

  // A NaN GT where the mask asks for supervision is a bug: clear error.
  EXPECT_NE(error_of([&] {
              giou_loss(ltrb2, mixed.boxes, torch::ones({2, 1, 4, 4}, torch::kBool), 4.0);
            }).find("GT box of item 0"),
            std::string::npos);
  EXPECT_NE(error_of([&] { giou_loss(ltrb2, g.boxes, mask, 4.0); }).find("batch size"),
            std::string::npos);
}
