// max_point_loss: SPOT's score loss. Per object, only the K highest-scoring points inside the GT
// box (positives) and the K highest-scoring points outside it (negatives) are supervised: hard
// mining that ignores the easy mass of background, and a fixed K so that a large object weighs no
// more than a small one. K = 1 is the plain max-point loss.
#pragma once

#include <torch/types.h>

namespace spot::loss {

struct PointLossOptions {
  int k = 1;                   // points per side and per object (>= 1; 0 = every point of the side)
  double positive_gate = 0.5;  // a positive with sigmoid > this gets no loss (in [0, 1])
  double negative_gate = 0.5;  // a negative with sigmoid < this gets no loss (in [0, 1])

  // Throws spot::Error when k < 0 or a gate is outside [0, 1].
  void validate() const;
};

// logits:  [B,1,h,w] floating, raw scores (before the sigmoid).
// inside:  [B,1,h,w] bool, the positive region (normally inside_mask(...)).
// present: [B] bool; an absent item has no positives and all its locations count as outside
//          (whatever `inside` says for it).
// Returns a scalar (logits' dtype), differentiable w.r.t. logits:
//   per item: positives = the top-min(k, #inside) logits inside, negatives = the top-min(k,
//   #outside) logits outside; each selected point costs BCE towards 1 (positives) or 0 (negatives),
//   except a positive with sigmoid > positive_gate or a negative with sigmoid < negative_gate,
//   which costs exactly 0 with zero gradient. Item loss = mean over its selected positives + mean
//   over its selected negatives (a side with nothing selected, e.g. an absent item's positives,
//   adds 0); batch loss = mean over the B items. The gradient reaches only the selected locations.
// Throws spot::Error on bad shapes/dtypes or invalid options.
torch::Tensor max_point_loss(const torch::Tensor& logits, const torch::Tensor& inside,
                             const torch::Tensor& present, const PointLossOptions& options = {});

}  // namespace spot::loss
