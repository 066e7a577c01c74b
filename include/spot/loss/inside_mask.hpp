// inside_mask: the positive locations of a score level, i.e. the points that satisfy the point
// criterion for the GT box, with one guaranteed positive for targets smaller than the stride.
#pragma once

#include <torch/types.h>

namespace spot::loss {

// boxes:   [B,4] float32/float64, (x, y, w, h) in search-image pixels; rows of absent items are
//          ignored (they may be NaN).
// present: [B] bool, false = target absent in this search image.
// Returns bool [B,1,h,w] on boxes' device: true where the location's point (see point_grid.hpp)
// lies in the *closed* box, x <= px <= x+w and y <= py <= y+h (the point criterion of the
// evaluation). A present box that holds no point at this stride (a tiny target, or a box off the
// map) gets exactly one true location, the one nearest its centre (nearest_location), so every
// present object has at least one positive on every level. All false for absent items.
// Throws spot::Error on bad shapes/dtypes, h < 1, w < 1, stride <= 0, or a present box that is not
// finite or has w < 0 or h < 0.
torch::Tensor inside_mask(const torch::Tensor& boxes, const torch::Tensor& present, int h, int w,
                          double stride);

}  // namespace spot::loss
