// The point grid of a score level: which search-image point each score-map location stands for, and
// which location lies nearest a box centre. Every loss target and every decoded box uses this one
// convention, so training and tracking cannot disagree about where a location is.
#pragma once

#include <torch/types.h>

namespace spot::loss {

// Location (i, j) of a level with stride s stands for the search-image point ((j+0.5)*s,
// (i+0.5)*s). Returns [1,2,h,w] with channel 0 = x and channel 1 = y, in pixels, dtype/device from
// `options` (it broadcasts against [B,C,h,w] maps). Throws spot::Error when h < 1, w < 1 or stride
// <= 0.
torch::Tensor point_grid(int h, int w, double stride, const torch::TensorOptions& options);

// boxes: [B,4] floating (x, y, w, h in search-image pixels, finite).
// Returns long [B,2] = (i, j): the location whose point is nearest each box centre, clamped to the
// h x w map (a centre off the map gets the nearest border location). An exact tie between two
// locations goes to the larger index. Rows that are not finite give an unspecified location, so
// callers zero the rows of absent items first.
// Throws spot::Error on a bad shape, h < 1, w < 1 or stride <= 0.
torch::Tensor nearest_location(const torch::Tensor& boxes, int h, int w, double stride);

}  // namespace spot::loss
