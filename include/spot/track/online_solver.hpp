// The solver behind SPOT's online target model: a linear filter f over per-location features x_i,
// fitted by Gauss-Newton on DiMP's discriminative least-squares objective
//
//   L(f) = sum_i w_i r_i(f)^2 + lambda |f|^2,
//   r_i = x_i.f - y_i          for target-region samples (m_i = 1): regress to the label y_i,
//   r_i = max(0, x_i.f)        for background samples   (m_i = 0): only positive scores cost,
//
// so the filter is not spent on pushing easy background further below zero (the same idea as the
// offline max-point loss leaving solved points alone). L is convex and piecewise quadratic; each
// Gauss-Newton step is an exact weighted ridge solve on the currently active samples.
#pragma once

#include <ATen/Tensor.h>

namespace spot::track {

struct FilterProblem {
  at::Tensor features;  // [N,D] one row per sample (location)
  at::Tensor labels;    // [N]   regression targets of target-region samples (ignored elsewhere)
  at::Tensor target;    // [N]   1 = target region (squared error), 0 = background (hinge)
  at::Tensor weights;   // [N]   >= 0
  double lambda = 1e-2; // ridge weight on |f|^2
};

// argmin_f sum_i w_i (x_i.f - y_i)^2 + lambda |f|^2 over all samples (no hinge). Solved in float64;
// returns [D] in the features' dtype. Throws spot::Error on mismatched shapes or lambda < 0.
at::Tensor solve_weighted_ridge(const at::Tensor& features, const at::Tensor& labels,
                                const at::Tensor& weights, double lambda);

// Minimises L(f) above with `iterations` Gauss-Newton steps started from `start` (or from the
// ridge solution on all samples when `start` is undefined). Returns f [D].
at::Tensor fit_filter(const FilterProblem& problem, int iterations, const at::Tensor& start = {});

// L(f) (for tests and diagnostics).
double filter_objective(const FilterProblem& problem, const at::Tensor& filter);

}  // namespace spot::track
