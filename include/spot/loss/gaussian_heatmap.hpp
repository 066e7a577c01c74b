// gaussian_heatmap: the CenterNet-style target of the focal-loss baseline, a Gaussian bump at the
// target centre whose width follows the box size.
#pragma once

#include <torch/types.h>

namespace spot::loss {

// boxes:   [B,4] float32/float64, (x, y, w, h) in search-image pixels; absent rows are ignored.
// present: [B] bool.
// Returns [B,1,h,w] in boxes' dtype/device, values in [0, 1]: for a present item
//   exp(-((j-jc)^2 / (2 sx^2) + (i-ic)^2 / (2 sy^2))), where (ic, jc) = nearest_location of the box
//   centre and sx = max(min_sigma, w / (6*stride)), sy = max(min_sigma, h / (6*stride)) in cells
//   (the box spans about +-3 sigma). The value is exactly 1 at (ic, jc) and strictly below 1
//   everywhere else, so each present item has exactly one peak (heatmap == 1). All zeros for absent
//   items.
// Throws spot::Error on bad shapes/dtypes, h < 1, w < 1, stride <= 0, min_sigma <= 0, or a present
// box that is not finite or has w < 0 or h < 0.
torch::Tensor gaussian_heatmap(const torch::Tensor& boxes, const torch::Tensor& present, int h,
                               int w, double stride, double min_sigma = 0.5);

}  // namespace spot::loss
