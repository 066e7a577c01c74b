// decode_boxes: the box head's coding. Each location predicts its distances to the four box sides,
// (l, t, r, b) >= 0 in pixels, measured from the location's point (point_grid.hpp).
#pragma once

#include <torch/types.h>

namespace spot::loss {

// ltrb: [B,4,h,w] floating, distances (left, top, right, bottom) in search-image pixels, >= 0.
// Returns [B,4,h,w] = (x, y, w, h) in search-image pixels: x = px - l, y = py - t, w = l + r,
// h = t + b, where (px, py) is the point of the location at this stride. Differentiable.
// Throws spot::Error on a bad shape/dtype or stride <= 0.
torch::Tensor decode_boxes(const torch::Tensor& ltrb, double stride);

}  // namespace spot::loss
