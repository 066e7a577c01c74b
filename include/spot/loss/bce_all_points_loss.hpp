// bce_all_points_loss: plain per-location BCE with every point inside the box positive. The
// "big objects dominate" baseline: a large box supplies many positives, a small one few.
#pragma once

#include <torch/types.h>

namespace spot::loss {

// logits: [B,1,h,w] floating, raw scores.
// inside: [B,1,h,w] bool, target 1 where true, 0 elsewhere (normally inside_mask(...), which is all
//         false for absent items).
// Returns the scalar mean over all B*h*w locations of BCE(sigmoid(logits), inside), differentiable
// w.r.t. logits.
// Throws spot::Error on bad shapes/dtypes.
torch::Tensor bce_all_points_loss(const torch::Tensor& logits, const torch::Tensor& inside);

}  // namespace spot::loss
