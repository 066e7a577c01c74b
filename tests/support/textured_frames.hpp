// Generated frames for the image-matching tests (template refiner, local tracker): a seeded noisy
// grey background with a seeded textured target pasted on it.
#pragma once

#include <algorithm>
#include <cstdint>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace spot::test {

// A noisy grey 320x240 background (seeded) with `pattern` pasted at (x, y).
inline cv::Mat frame_with(const cv::Mat& pattern, int x, int y, uint64_t seed, int noise = 20) {
  cv::Mat frame(240, 320, CV_8UC3);
  cv::RNG rng(seed);
  rng.fill(frame, cv::RNG::NORMAL, cv::Scalar::all(110), cv::Scalar::all(noise));
  if (!pattern.empty()) pattern.copyTo(frame(cv::Rect(x, y, pattern.cols, pattern.rows)));
  return frame;
}

// A textured w x h target (seeded random 4 px blocks, BGR).
inline cv::Mat pattern(int w, int h, uint64_t seed) {
  cv::Mat small(std::max(2, h / 4), std::max(2, w / 4), CV_8UC3), out;
  cv::RNG(seed).fill(small, cv::RNG::UNIFORM, cv::Scalar::all(0), cv::Scalar::all(255));
  cv::resize(small, out, {w, h}, 0, 0, cv::INTER_NEAREST);
  return out;
}

}  // namespace spot::test
