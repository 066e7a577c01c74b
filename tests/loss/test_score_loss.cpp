// ScoreLoss names and the score_loss dispatch.
#include <gtest/gtest.h>

#include "loss/loss_fixtures.hpp"
#include "spot/loss/bce_all_points_loss.hpp"
#include "spot/loss/gaussian_focal_loss.hpp"
#include "spot/loss/gaussian_heatmap.hpp"
#include "spot/loss/inside_mask.hpp"
#include "spot/loss/score_loss.hpp"

using namespace spot::loss;
using spot::test::error_of;
using spot::test::gt;

TEST(ScoreLoss, NamesRoundTrip) {
  EXPECT_EQ(parse_score_loss("max-point"), ScoreLoss::MaxPoint);
  EXPECT_EQ(parse_score_loss("focal"), ScoreLoss::GaussianFocal);
  EXPECT_EQ(parse_score_loss("bce"), ScoreLoss::BceAllPoints);
  for (const auto kind : {ScoreLoss::MaxPoint, ScoreLoss::GaussianFocal, ScoreLoss::BceAllPoints})
    EXPECT_EQ(parse_score_loss(to_string(kind)), kind);
}

TEST(ScoreLoss, UnknownNameListsTheValidOnes) {
  for (const std::string bad : {"maxpoint", "Focal", "", "max_point"}) {
    const auto message = error_of([&] { parse_score_loss(bad); });
    EXPECT_NE(message.find("'" + bad + "'"), std::string::npos) << message;
    EXPECT_NE(message.find("max-point, focal, bce"), std::string::npos) << message;
  }
}

TEST(ScoreLoss, DispatchBuildsTheTargetOfEachLoss) {
  const auto g = gt({{5, 5, 10, 10}, {7, 7, 1, 1}});
  const auto logits = torch::linspace(-2, 2, 32).reshape({2, 1, 4, 4});
  const auto inside = inside_mask(g.boxes, g.present, 4, 4, 4.0);
  ScoreLossOptions options;
  options.point.k = 2;
  EXPECT_DOUBLE_EQ(
      score_loss(ScoreLoss::MaxPoint, logits, g.boxes, g.present, 4.0, options).item<double>(),
      max_point_loss(logits, inside, g.present, options.point).item<double>());
  EXPECT_DOUBLE_EQ(
      score_loss(ScoreLoss::GaussianFocal, logits, g.boxes, g.present, 4.0).item<double>(),
      gaussian_focal_loss(logits, gaussian_heatmap(g.boxes, g.present, 4, 4, 4.0)).item<double>());
  EXPECT_DOUBLE_EQ(
      score_loss(ScoreLoss::BceAllPoints, logits, g.boxes, g.present, 4.0).item<double>(),
      bce_all_points_loss(logits, inside).item<double>());
  // A logits batch that does not match the GT batch is caught.
  EXPECT_NE(error_of([&] {
              score_loss(ScoreLoss::MaxPoint, logits.slice(0, 0, 1), g.boxes, g.present, 4.0);
            }).find("shape"),
            std::string::npos);
}
