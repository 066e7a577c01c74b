// Photometric augmentation for training pairs: brightness, contrast, colour cast, grey, blur, noise.
#pragma once

#include <opencv2/core/mat.hpp>

#include "spot/data/rng.hpp"

namespace spot::data {

struct PhotometricConfig {
  double brightness = 0.2;   // additive shift, fraction of 255 (+-)
  double contrast = 0.2;     // multiplicative factor range 1 +- contrast
  double colour = 0.1;       // per-channel gain range 1 +- colour
  double grey_share = 0.05;  // probability of a grey image
  double blur_share = 0.1;   // probability of a Gaussian blur (sigma 0.5..1.5 px)
  double noise_sigma = 4.0;  // max std of additive Gaussian noise, grey levels
};

// A jittered copy of `image` (8-bit BGR); draws only from `rng`, so it is reproducible.
cv::Mat photometric_jitter(const cv::Mat& image, const PhotometricConfig& config, Rng& rng);

}  // namespace spot::data
