// inside_mask: closed-box point criterion on the point grid, plus the nearest-location positive for
// targets too small to contain a grid point.
#include "spot/loss/inside_mask.hpp"

#include "checks.hpp"
#include "spot/loss/point_grid.hpp"

namespace spot::loss {

torch::Tensor inside_mask(const torch::Tensor& boxes, const torch::Tensor& present, int h, int w,
                          double stride) {
  constexpr const char* fn = "inside_mask";
  detail::check_gt(fn, boxes, present);
  detail::check_grid(fn, h, w, stride);
  detail::check_box_rows(fn, boxes, present);
  const auto gt = detail::zero_absent(boxes, present);
  const int64_t batch = gt.size(0);

  const auto grid = point_grid(h, w, stride, gt.options());  // [1,2,h,w]
  const auto px = grid.slice(1, 0, 1);                       // [1,1,h,w]
  const auto py = grid.slice(1, 1, 2);
  const auto col = [&](int c) { return gt.select(1, c).view({batch, 1, 1, 1}); };
  const auto x = col(0), y = col(1), bw = col(2), bh = col(3);
  const auto is_present = present.view({batch, 1, 1, 1});
  auto inside = (px >= x) & (px <= x + bw) & (py >= y) & (py <= y + bh) & is_present;

  // A target smaller than the stride can fall between grid points; without a positive it would be
  // invisible to the point losses on this level, so its nearest location stands in.
  const auto empty = present & ~inside.flatten(1).any(1);   // [B]
  const auto ij = nearest_location(gt, h, w, stride);       // [B,2]
  const auto flat = ij.select(1, 0) * w + ij.select(1, 1);  // [B]
  const auto nearest =
      torch::zeros({batch, static_cast<int64_t>(h) * w}, present.options().dtype(torch::kBool))
          .scatter_(1, flat.unsqueeze(1), true)
          .view({batch, 1, h, w});
  return inside | (nearest & empty.view({batch, 1, 1, 1}));
}

}  // namespace spot::loss
