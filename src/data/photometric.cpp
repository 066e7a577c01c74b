// Photometric augmentation.
#include "spot/data/photometric.hpp"

#include <opencv2/imgproc.hpp>

namespace spot::data {

cv::Mat photometric_jitter(const cv::Mat& image, const PhotometricConfig& c, Rng& rng) {
  const double contrast = rng.uniform(1 - c.contrast, 1 + c.contrast);
  const double shift = rng.uniform(-c.brightness, c.brightness) * 255.0;
  const cv::Scalar gains(rng.uniform(1 - c.colour, 1 + c.colour), rng.uniform(1 - c.colour, 1 + c.colour),
                         rng.uniform(1 - c.colour, 1 + c.colour));
  const bool grey = rng.chance(c.grey_share);
  const bool blur = rng.chance(c.blur_share);
  const double blur_sigma = rng.uniform(0.5, 1.5);
  const double noise = rng.uniform(0.0, c.noise_sigma);
  const std::uint64_t noise_seed = rng.bits() | 1ULL;

  cv::Mat f;
  image.convertTo(f, CV_32FC3);
  cv::multiply(f, gains, f);
  const cv::Scalar mean = cv::mean(f);
  f = (f - mean) * contrast + mean + cv::Scalar::all(shift);
  if (grey) {
    cv::Mat g;
    cv::cvtColor(f, g, cv::COLOR_BGR2GRAY);
    cv::cvtColor(g, f, cv::COLOR_GRAY2BGR);
  }
  if (blur) cv::GaussianBlur(f, f, {0, 0}, blur_sigma);
  if (noise > 0) {
    cv::Mat n(f.size(), CV_32FC3);
    cv::RNG r(noise_seed);
    r.fill(n, cv::RNG::NORMAL, 0.0, noise);
    f += n;
  }
  cv::Mat out;
  f.convertTo(out, CV_8UC3);
  return out;
}

}  // namespace spot::data
