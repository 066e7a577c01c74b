// top_local_maxima: the strongest local maxima of a score map (the tracker's candidate peaks).
#pragma once

#include <cstdint>
#include <vector>

namespace spot::track {

struct MapCell {
  int64_t row = 0, col = 0;
  float value = 0;
};

// The cells of a row-major h x w map that are >= every other cell within `radius` (a (2r+1)^2 window,
// clipped at the borders: what max-pooling with that window and -inf padding calls a maximum; equal
// neighbours are both maxima), strongest first (ties: first in row-major order), at most `count`.
// A plain scan that stops at the first larger neighbour: on a 90x160 map ~20x faster than
// max_pool2d + topk, which LibTorch runs unvectorised on a single-channel map.
std::vector<MapCell> top_local_maxima(const float* map, int64_t h, int64_t w, int radius, int count);

}  // namespace spot::track
