// top_local_maxima against its definition: max-pooling with a (2r+1)^2 window, maxima where the map
// equals the pooled map, strongest first.
#include <algorithm>
#include <vector>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "spot/track/local_maxima.hpp"

namespace {

using spot::track::top_local_maxima;

TEST(TopLocalMaxima, EqualsMaxPoolingOnRandomMaps) {
  torch::manual_seed(3);
  namespace F = torch::nn::functional;
  for (const auto& [h, w, r] : std::vector<std::tuple<int64_t, int64_t, int>>{{90, 160, 2}, {7, 5, 2}, {1, 9, 1}, {23, 40, 3}}) {
    // Smoothed noise: plateaus-free, several maxima, some near the borders.
    const auto map = F::avg_pool2d(torch::rand({1, 1, h + 2, w + 2}), F::AvgPool2dFuncOptions(3).stride(1)).contiguous();
    const auto pooled = F::max_pool2d(map, F::MaxPool2dFuncOptions(2 * r + 1).stride(1).padding(r));
    const auto is_max = (map == pooled).flatten();
    std::vector<std::pair<float, int64_t>> expected;
    for (int64_t n = 0; n < is_max.numel(); ++n)
      if (is_max[n].item<bool>()) expected.push_back({map.flatten()[n].item<float>(), n});
    std::sort(expected.begin(), expected.end(), [](auto& a, auto& b) { return a.first > b.first; });
    const auto got = top_local_maxima(map.data_ptr<float>(), h, w, r, 100000);
    ASSERT_EQ(got.size(), expected.size()) << h << "x" << w;
    for (size_t n = 0; n < got.size(); ++n) {
      EXPECT_EQ(got[n].row * w + got[n].col, expected[n].second) << n;
      EXPECT_EQ(got[n].value, expected[n].first) << n;
    }
    const auto top3 = top_local_maxima(map.data_ptr<float>(), h, w, r, 3);
    ASSERT_EQ(top3.size(), std::min<size_t>(3, expected.size()));
  }
}

TEST(TopLocalMaxima, TiesAndFlatMapsKeepRowMajorOrder) {
  const std::vector<float> flat(12, 0.5f);
  const auto all = top_local_maxima(flat.data(), 3, 4, 2, 5);  // every cell of a flat map is a maximum
  ASSERT_EQ(all.size(), 5u);
  for (size_t n = 0; n < all.size(); ++n) EXPECT_EQ(all[n].row * 4 + all[n].col, static_cast<int64_t>(n));
  const std::vector<float> two_peaks = {0, 0.9f, 0, 0, 0, 0, 0, 0, 0, 0.9f};  // 1x10, radius 2
  const auto peaks = top_local_maxima(two_peaks.data(), 1, 10, 2, 5);
  // 1 and 9, then the zeros at 4, 5 and 6, which have nothing larger within 2 cells.
  ASSERT_EQ(peaks.size(), 5u);
  const std::vector<int64_t> cols = {1, 9, 4, 5, 6};
  for (size_t n = 0; n < cols.size(); ++n) EXPECT_EQ(peaks[n].col, cols[n]) << n;
  EXPECT_TRUE(top_local_maxima(nullptr, 3, 3, 2, 5).empty());
  EXPECT_TRUE(top_local_maxima(flat.data(), 3, 4, 2, 0).empty());
}

}  // namespace
