// top_local_maxima: scan, keep the maxima, partial sort.
#include "spot/track/local_maxima.hpp"

#include <algorithm>

namespace spot::track {

std::vector<MapCell> top_local_maxima(const float* map, int64_t h, int64_t w, int radius, int count) {
  std::vector<MapCell> maxima;
  if (map == nullptr || h <= 0 || w <= 0 || count <= 0) return maxima;
  for (int64_t i = 0; i < h; ++i) {
    const int64_t y0 = std::max<int64_t>(i - radius, 0), y1 = std::min<int64_t>(i + radius, h - 1);
    for (int64_t j = 0; j < w; ++j) {
      const float v = map[i * w + j];
      const int64_t x0 = std::max<int64_t>(j - radius, 0), x1 = std::min<int64_t>(j + radius, w - 1);
      bool is_max = true;
      for (int64_t y = y0; y <= y1 && is_max; ++y) {
        const float* row = map + y * w;
        for (int64_t x = x0; x <= x1; ++x) {
          if (row[x] > v) {
            is_max = false;
            break;
          }
        }
      }
      if (is_max) maxima.push_back({i, j, v});
    }
  }
  // Row-major order already, so a stable sort by value keeps ties in that order.
  const auto stronger = [](const MapCell& a, const MapCell& b) { return a.value > b.value; };
  std::stable_sort(maxima.begin(), maxima.end(), stronger);
  if (maxima.size() > static_cast<size_t>(count)) maxima.resize(static_cast<size_t>(count));
  return maxima;
}

}  // namespace spot::track
