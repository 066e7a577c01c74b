// giou_loss: the box-regression loss, 1 - GIoU between the box decoded at each positive location
// and the GT box. GIoU (unlike IoU) still has a gradient when the two boxes do not overlap.
#pragma once

#include <torch/types.h>

namespace spot::loss {

// ltrb:          [B,4,h,w] floating, (l, t, r, b) >= 0 in pixels (see box_decoding.hpp).
// boxes:         [B,4] floating, GT (x, y, w, h) in search-image pixels; only the rows of items
//                with a positive location are read (the others may be NaN).
// positive_mask: [B,1,h,w] bool, where the box is supervised (normally inside_mask(...)).
// Returns a scalar: per item, the mean of (1 - GIoU) over its positive locations; then the mean
// over the items that have at least one positive (so, like the score loss, a large object does not
// outweigh a small one). With no positive anywhere it returns ltrb.sum() * 0 (zero, with a graph).
// Differentiable w.r.t. ltrb; values in [0, 2].
// Throws spot::Error on bad shapes/dtypes, stride <= 0, or a supervised GT box that is not finite
// or has w < 0 or h < 0.
torch::Tensor giou_loss(const torch::Tensor& ltrb, const torch::Tensor& boxes,
                        const torch::Tensor& positive_mask, double stride);

}  // namespace spot::loss
