// Weighted ridge and Gauss-Newton for the target/background least-squares objective.
#include "spot/track/online_solver.hpp"

#include <fmt/format.h>
#include <torch/torch.h>

#include "spot/error.hpp"

namespace spot::track {

namespace {

void check_shapes(const at::Tensor& x, const at::Tensor& y, const at::Tensor& w, double lambda) {
  if (!x.defined() || x.dim() != 2) throw Error("online solver: features must be [N,D]");
  const int64_t n = x.size(0);
  if (!y.defined() || y.dim() != 1 || y.size(0) != n || !w.defined() || w.dim() != 1 || w.size(0) != n) {
    throw Error(fmt::format("online solver: labels and weights must be [{}] like the features' rows", n));
  }
  if (!(lambda >= 0)) throw Error(fmt::format("online solver: lambda = {} (expected >= 0)", lambda));
}

}  // namespace

at::Tensor solve_weighted_ridge(const at::Tensor& features, const at::Tensor& labels,
                                const at::Tensor& weights, double lambda) {
  check_shapes(features, labels, weights, lambda);
  // The Gram matrix is accumulated in the features' dtype (float32 in the tracker: fast, and its
  // rounding is far below lambda) and solved in float64.
  auto w = weights.to(features.scalar_type()).clamp_min(0.0);
  auto x = features;
  auto y = labels.to(features.scalar_type());
  // Rows of weight 0 add nothing: in the tracker's Gauss-Newton steps most background rows are
  // inactive (score <= 0), so the sums run over the others only (same solution, a fraction of the work).
  const auto used = w.nonzero().squeeze(1);
  if (used.size(0) < w.size(0)) {
    x = x.index_select(0, used);
    y = y.index_select(0, used);
    w = w.index_select(0, used);
  }
  const auto xw = x * w.unsqueeze(1);
  auto a = xw.t().mm(x).to(torch::kFloat64);
  a.diagonal().add_(lambda);
  const auto b = xw.t().mv(y).to(torch::kFloat64);
  // A tiny jitter keeps a singular system (lambda = 0, rank-deficient features) solvable.
  if (lambda == 0) a.diagonal().add_(1e-10 * (a.diagonal().mean().item<double>() + 1e-30));
  return at::linalg_solve(a, b.unsqueeze(1)).squeeze(1).to(features.scalar_type());
}

at::Tensor fit_filter(const FilterProblem& p, int iterations, const at::Tensor& start) {
  check_shapes(p.features, p.labels, p.weights, p.lambda);
  if (!p.target.defined() || p.target.sizes() != p.labels.sizes()) {
    throw Error("online solver: target mask must be [N] like the labels");
  }
  const auto is_target = p.target > 0.5;
  // Background rows regress to 0 while active (score > 0) and drop out otherwise.
  const auto y = torch::where(is_target, p.labels, torch::zeros_like(p.labels));
  at::Tensor f = start.defined() ? start : solve_weighted_ridge(p.features, y, p.weights, p.lambda);
  for (int it = 0; it < iterations; ++it) {
    const auto s = p.features.mv(f);
    const auto active = is_target | (s > 0);
    const auto w = torch::where(active, p.weights, torch::zeros_like(p.weights));
    const auto next = solve_weighted_ridge(p.features, y, w, p.lambda);
    const bool converged = (next - f).abs().max().item<double>() < 1e-7 * (f.abs().max().item<double>() + 1e-12);
    f = next;
    if (converged) break;  // the active set no longer changes: f is the exact minimiser
  }
  return f;
}

double filter_objective(const FilterProblem& p, const at::Tensor& f) {
  const auto s = p.features.to(torch::kFloat64).mv(f.to(torch::kFloat64));
  const auto y = p.labels.to(torch::kFloat64);
  const auto r = torch::where(p.target > 0.5, s - y, s.clamp_min(0.0));
  return (p.weights.to(torch::kFloat64) * r * r).sum().item<double>() +
         p.lambda * f.to(torch::kFloat64).pow(2).sum().item<double>();
}

}  // namespace spot::track
