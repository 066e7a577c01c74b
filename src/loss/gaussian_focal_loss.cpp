// gaussian_focal_loss: CenterNet's penalty-reduced focal loss (Zhou et al., "Objects as Points").
#include "spot/loss/gaussian_focal_loss.hpp"

#include <fmt/format.h>

#include "checks.hpp"
#include "spot/error.hpp"

namespace spot::loss {

torch::Tensor gaussian_focal_loss(const torch::Tensor& logits, const torch::Tensor& heatmap,
                                  double alpha, double beta) {
  constexpr const char* fn = "gaussian_focal_loss";
  detail::check_map(fn, "logits", logits, 1, /*floating=*/true);
  detail::check_map(fn, "heatmap", heatmap, 1, /*floating=*/true);
  detail::check_same_shape(fn, "logits", logits, "heatmap", heatmap);
  if (!(alpha >= 0.0) || !(beta >= 0.0))
    throw Error(fmt::format("{}: alpha and beta must be >= 0, got {} and {}", fn, alpha, beta));
  if (!((heatmap >= 0) & (heatmap <= 1)).all().item<bool>())
    throw Error(fmt::format("{}: heatmap values must lie in [0, 1]", fn));

  const auto target = heatmap.to(logits.scalar_type());
  const auto p = torch::sigmoid(logits).clamp(1e-4, 1 - 1e-4);
  const auto peak = target.eq(1);
  const auto zero = torch::zeros_like(p);
  const auto pos = torch::where(peak, torch::log(p) * torch::pow(1 - p, alpha), zero);
  // Near a peak (1 - heatmap)^beta shrinks the penalty: those points are almost right.
  const auto neg = torch::where(
      peak, zero, torch::log(1 - p) * torch::pow(p, alpha) * torch::pow(1 - target, beta));
  const auto peaks = peak.sum().clamp_min(1).to(p.scalar_type());
  return -(pos.sum() + neg.sum()) / peaks;
}

}  // namespace spot::loss
