// gaussian_heatmap: per-axis Gaussian at the location nearest the box centre, peak exactly 1.
#include "spot/loss/gaussian_heatmap.hpp"

#include <fmt/format.h>

#include <cmath>

#include "checks.hpp"
#include "spot/error.hpp"
#include "spot/loss/point_grid.hpp"

namespace spot::loss {

torch::Tensor gaussian_heatmap(const torch::Tensor& boxes, const torch::Tensor& present, int h,
                               int w, double stride, double min_sigma) {
  constexpr const char* fn = "gaussian_heatmap";
  detail::check_gt(fn, boxes, present);
  detail::check_grid(fn, h, w, stride);
  if (!(min_sigma > 0.0) || !std::isfinite(min_sigma))
    throw Error(fmt::format("{}: min_sigma must be a finite number > 0, got {}", fn, min_sigma));
  detail::check_box_rows(fn, boxes, present);
  const auto gt = detail::zero_absent(boxes, present);
  const int64_t batch = gt.size(0);

  const auto ij = nearest_location(gt, h, w, stride).to(gt.scalar_type());  // [B,2]
  const auto ic = ij.select(1, 0).view({batch, 1, 1, 1});
  const auto jc = ij.select(1, 1).view({batch, 1, 1, 1});
  // sigma in cells: the box spans about 6 sigma, but never narrower than min_sigma.
  const auto sx = (gt.select(1, 2) / (6.0 * stride)).clamp_min(min_sigma).view({batch, 1, 1, 1});
  const auto sy = (gt.select(1, 3) / (6.0 * stride)).clamp_min(min_sigma).view({batch, 1, 1, 1});
  const auto ii = torch::arange(h, gt.options()).view({1, 1, h, 1});
  const auto jj = torch::arange(w, gt.options()).view({1, 1, 1, w});
  const auto dx = jj - jc, dy = ii - ic;
  const auto g = torch::exp(-(dx * dx / (2 * sx * sx) + dy * dy / (2 * sy * sy)));  // [B,1,h,w]

  // The focal loss counts heatmap == 1 as peaks: with a very wide Gaussian a neighbour could round
  // to 1 as well, so everything but the peak is kept strictly below 1.
  const double below_one = gt.scalar_type() == torch::kDouble
                               ? std::nextafter(1.0, 0.0)
                               : static_cast<double>(std::nextafter(1.0f, 0.0f));
  const auto peak = (dx == 0) & (dy == 0);
  const auto heat = torch::where(peak, torch::ones_like(g), g.clamp_max(below_one));
  return heat * present.view({batch, 1, 1, 1}).to(gt.scalar_type());
}

}  // namespace spot::loss
