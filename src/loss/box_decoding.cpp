// decode_boxes: (l, t, r, b) distances at each location -> (x, y, w, h) boxes.
#include "spot/loss/box_decoding.hpp"

#include "checks.hpp"
#include "spot/loss/point_grid.hpp"

namespace spot::loss {

torch::Tensor decode_boxes(const torch::Tensor& ltrb, double stride) {
  constexpr const char* fn = "decode_boxes";
  detail::check_map(fn, "ltrb", ltrb, 4, /*floating=*/true);
  detail::check_stride(fn, stride);
  const auto grid = point_grid(static_cast<int>(ltrb.size(2)), static_cast<int>(ltrb.size(3)),
                               stride, ltrb.options());              // [1,2,h,w]
  const auto side = [&](int c) { return ltrb.slice(1, c, c + 1); };  // [B,1,h,w]
  const auto l = side(0), t = side(1), r = side(2), b = side(3);
  return torch::cat({grid.slice(1, 0, 1) - l, grid.slice(1, 1, 2) - t, l + r, t + b}, 1);
}

}  // namespace spot::loss
