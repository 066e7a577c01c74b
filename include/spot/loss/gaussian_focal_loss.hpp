// gaussian_focal_loss: CenterNet's penalty-reduced focal loss on a Gaussian centre heatmap, a
// comparison baseline for the max-point loss.
#pragma once

#include <torch/types.h>

namespace spot::loss {

// logits:  [B,1,h,w] floating, raw scores.
// heatmap: [B,1,h,w] floating, values in [0, 1], peaks exactly 1 (normally gaussian_heatmap(...)).
// With p = clamp(sigmoid(logits), 1e-4, 1 - 1e-4) (as CenterNet, so the log stays finite):
//   loss = -( sum_{heatmap==1} (1-p)^alpha log p
//           + sum_{heatmap<1} (1-heatmap)^beta p^alpha log(1-p) ) / max(1, #peaks),
// normalised by the number of peaks in the whole batch (CenterNet's choice, not per item).
// Returns a scalar, differentiable w.r.t. logits (zero gradient where the clamp is active).
// Throws spot::Error on bad shapes/dtypes, heatmap values outside [0, 1], alpha < 0 or beta < 0.
torch::Tensor gaussian_focal_loss(const torch::Tensor& logits, const torch::Tensor& heatmap,
                                  double alpha = 2.0, double beta = 4.0);

}  // namespace spot::loss
