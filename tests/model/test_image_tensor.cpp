// bgr_image_tensor: HWC bytes (rows possibly padded) to [3, H, W] floats, channel order kept.
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "spot/error.hpp"
#include "spot/model/image_tensor.hpp"

namespace {

TEST(BgrImageTensor, CopiesEveryPixelAndChannelOfPaddedRows) {
  const int rows = 3, cols = 4;
  const size_t step = cols * 3 + 5;  // padded rows, as a cv::Mat ROI has
  std::vector<std::uint8_t> bytes(rows * step, 255);
  for (int y = 0; y < rows; ++y)
    for (int x = 0; x < cols; ++x)
      for (int c = 0; c < 3; ++c) bytes[y * step + x * 3 + c] = static_cast<std::uint8_t>(100 * c + 10 * y + x);
  const auto t = spot::model::bgr_image_tensor(bytes.data(), rows, cols, step);
  ASSERT_EQ(t.sizes(), (std::vector<int64_t>{3, rows, cols}));
  EXPECT_EQ(t.scalar_type(), torch::kFloat32);
  for (int y = 0; y < rows; ++y)
    for (int x = 0; x < cols; ++x)
      for (int c = 0; c < 3; ++c) EXPECT_EQ(t[c][y][x].item<float>(), 100 * c + 10 * y + x) << c << "," << y << "," << x;
  // Channels-last memory (the layout the prepared model's convolutions take), owned by the tensor.
  EXPECT_TRUE(t.unsqueeze(0).is_contiguous(torch::MemoryFormat::ChannelsLast));
  bytes.assign(bytes.size(), 0);
  EXPECT_EQ(t[2][2][3].item<float>(), 223);
  EXPECT_THROW(spot::model::bgr_image_tensor(nullptr, rows, cols, step), spot::Error);
  EXPECT_THROW(spot::model::bgr_image_tensor(bytes.data(), rows, cols, cols * 3 - 1), spot::Error);
}

}  // namespace
