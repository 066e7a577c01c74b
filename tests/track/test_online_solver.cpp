// The online solver on toy problems whose optimum is known, and its optimality conditions on a
// random one.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include "spot/error.hpp"
#include "spot/track/online_solver.hpp"

namespace {

using spot::track::FilterProblem;

TEST(OnlineSolver, RidgeWithoutRegularisationRecoversTheGeneratingFilter) {
  torch::manual_seed(1);
  const auto x = torch::randn({200, 6}, torch::kFloat64);
  const auto f_true = torch::tensor({0.5, -1.0, 2.0, 0.0, 0.25, -0.75}, torch::kFloat64);
  const auto w = torch::rand({200}, torch::kFloat64) + 0.1;
  const auto f = spot::track::solve_weighted_ridge(x, x.mv(f_true), w, 0.0);
  EXPECT_LT((f - f_true).abs().max().item<double>(), 1e-8);
}

TEST(OnlineSolver, RidgeMatchesItsClosedFormOnOrthonormalFeatures) {
  // Orthonormal columns: argmin |Xf - y|^2 + lambda |f|^2 = X^T y / (1 + lambda).
  torch::manual_seed(2);
  const auto q = std::get<0>(torch::linalg::qr(torch::randn({50, 4}, torch::kFloat64)));
  const auto y = torch::randn({50}, torch::kFloat64);
  const auto f = spot::track::solve_weighted_ridge(q, y, torch::ones({50}, torch::kFloat64), 0.5);
  EXPECT_LT((f - q.t().mv(y) / 1.5).abs().max().item<double>(), 1e-10);
}

TEST(OnlineSolver, RowsOfWeightZeroChangeNothing) {
  // The solver skips them (most background rows of a Gauss-Newton step are inactive): appending
  // rows of weight 0 (or negative, clamped to 0) with wild values must give the same filter.
  torch::manual_seed(3);
  const auto x = torch::randn({80, 5}, torch::kFloat64);
  const auto y = torch::randn({80}, torch::kFloat64);
  const auto w = torch::rand({80}, torch::kFloat64) + 0.1;
  const auto f = spot::track::solve_weighted_ridge(x, y, w, 0.01);
  const auto junk = torch::randn({40, 5}, torch::kFloat64) * 1e3;
  const auto junk_w = torch::cat({torch::zeros({30}, torch::kFloat64), -torch::ones({10}, torch::kFloat64)});
  const auto g = spot::track::solve_weighted_ridge(torch::cat({junk.narrow(0, 0, 20), x, junk.narrow(0, 20, 20)}),
                                                   torch::cat({torch::randn({20}, torch::kFloat64) * 1e3, y, torch::randn({20}, torch::kFloat64)}),
                                                   torch::cat({junk_w.narrow(0, 0, 20), w, junk_w.narrow(0, 20, 20)}), 0.01);
  EXPECT_LT((f - g).abs().max().item<double>(), 1e-12);
}

TEST(OnlineSolver, HingeProblemsWithKnownOptimum) {
  // One feature. Target sample x = 1, y = 1; background sample x = 1 (the same feature!):
  // L = (f - 1)^2 + max(0, f)^2, minimised at f = 0.5.
  FilterProblem p{torch::tensor({{1.0}, {1.0}}, torch::kFloat64), torch::tensor({1.0, 0.0}, torch::kFloat64),
                  torch::tensor({1.0, 0.0}, torch::kFloat64), torch::tensor({1.0, 1.0}, torch::kFloat64), 0.0};
  EXPECT_NEAR(spot::track::fit_filter(p, 5)[0].item<double>(), 0.5, 1e-9);
  // Background x = -1 scores -f < 0 at the optimum and costs nothing: f = 1 (plain ridge would give 0.5).
  p.features = torch::tensor({{1.0}, {-1.0}}, torch::kFloat64);
  EXPECT_NEAR(spot::track::solve_weighted_ridge(p.features, torch::zeros({2}, torch::kFloat64), p.weights, 0)
                  .item<double>(), 0.0, 1e-9);
  EXPECT_NEAR(spot::track::fit_filter(p, 5)[0].item<double>(), 1.0, 1e-9);
  // lambda shrinks it: argmin (f - 1)^2 + lambda f^2 = 1 / (1 + lambda).
  p.lambda = 0.25;
  EXPECT_NEAR(spot::track::fit_filter(p, 5)[0].item<double>(), 0.8, 1e-9);
}

TEST(OnlineSolver, GaussNewtonReachesAStationaryPointOfTheConvexObjective) {
  torch::manual_seed(3);
  const int64_t n = 400, d = 10;
  FilterProblem p;
  p.features = torch::randn({n, d}, torch::kFloat64);
  p.target = (torch::rand({n}, torch::kFloat64) < 0.1).to(torch::kFloat64);
  p.labels = torch::rand({n}, torch::kFloat64);
  p.weights = torch::rand({n}, torch::kFloat64);
  p.lambda = 0.1;
  const auto f = spot::track::fit_filter(p, 30);
  // L is convex and differentiable (max(0,s)^2 is C1): zero gradient = global minimum.
  auto v = f.clone().requires_grad_(true);
  const auto s = p.features.mv(v);
  const auto r = torch::where(p.target > 0.5, s - p.labels, s.clamp_min(0.0));
  const auto loss = (p.weights * r * r).sum() + p.lambda * v.pow(2).sum();
  loss.backward();
  EXPECT_LT(v.grad().abs().max().item<double>(), 1e-8);
  EXPECT_NEAR(spot::track::filter_objective(p, f), loss.item<double>(), 1e-9);
  // ... and strictly better than the plain ridge fit that treats background as squared error.
  const auto ridge = spot::track::solve_weighted_ridge(
      p.features, torch::where(p.target > 0.5, p.labels, torch::zeros_like(p.labels)), p.weights, p.lambda);
  EXPECT_LT(spot::track::filter_objective(p, f), spot::track::filter_objective(p, ridge));
}

TEST(OnlineSolver, BadShapesAreClearErrors) {
  const auto x = torch::zeros({3, 2});
  EXPECT_THROW(spot::track::solve_weighted_ridge(x, torch::zeros({4}), torch::zeros({3}), 0.1), spot::Error);
  EXPECT_THROW(spot::track::solve_weighted_ridge(x, torch::zeros({3}), torch::zeros({3}), -1), spot::Error);
  EXPECT_THROW(spot::track::solve_weighted_ridge(torch::zeros({3}), torch::zeros({3}), torch::zeros({3}), 0.1),
               spot::Error);
}

}  // namespace
