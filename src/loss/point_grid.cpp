// point_grid / nearest_location: the location <-> search-image point convention of a score level.
#include "spot/loss/point_grid.hpp"

#include <fmt/format.h>

#include "checks.hpp"
#include "spot/error.hpp"

namespace spot::loss {

torch::Tensor point_grid(int h, int w, double stride, const torch::TensorOptions& options) {
  detail::check_grid("point_grid", h, w, stride);
  const auto xs = (torch::arange(w, options) + 0.5) * stride;  // [w]
  const auto ys = (torch::arange(h, options) + 0.5) * stride;  // [h]
  const auto px = xs.view({1, w}).expand({h, w});
  const auto py = ys.view({h, 1}).expand({h, w});
  return torch::stack({px, py}).unsqueeze(0);  // [1,2,h,w]
}

torch::Tensor nearest_location(const torch::Tensor& boxes, int h, int w, double stride) {
  constexpr const char* fn = "nearest_location";
  if (!boxes.defined() || boxes.dim() != 2 || boxes.size(1) != 4 || !boxes.is_floating_point())
    throw Error(fmt::format("{}: boxes must be floating [B,4] (x, y, w, h), got {}", fn,
                            detail::shape_string(boxes)));
  detail::check_grid(fn, h, w, stride);
  // The point (j+0.5)*s nearest to cx is j = round(cx/s - 0.5) = floor(cx/s) (ties round up);
  // the distance is separable, so clamping each axis gives the nearest location on the map.
  const auto cx = boxes.select(1, 0) + boxes.select(1, 2) / 2;
  const auto cy = boxes.select(1, 1) + boxes.select(1, 3) / 2;
  const auto j = torch::floor(cx / stride).clamp(0, w - 1).to(torch::kLong);
  const auto i = torch::floor(cy / stride).clamp(0, h - 1).to(torch::kLong);
  return torch::stack({i, j}, 1);  // [B,2]
}

}  // namespace spot::loss
