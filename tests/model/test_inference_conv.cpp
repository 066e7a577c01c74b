// inference_conv2d / InferenceConv2d: the same numbers as LibTorch's conv2d for the shapes the
// model uses (1x1, 3x3 padded, depthwise, stride 2), in both memory layouts and with one thread
// (the tracker's setting, where LibTorch itself would take another kernel for 1x1).
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "spot/error.hpp"
#include "spot/model/inference_conv.hpp"

namespace {

struct Shape {
  int64_t in, out, kernel, stride, groups;
};

class InferenceConvTest : public ::testing::TestWithParam<std::tuple<Shape, bool>> {};

TEST_P(InferenceConvTest, EqualsConv2d) {
  const auto [s, channels_last] = GetParam();
  torch::manual_seed(3);
  const int threads = torch::get_num_threads();
  torch::set_num_threads(1);
  auto x = torch::randn({1, s.in, 37, 53});
  auto w = torch::randn({s.out, s.in / s.groups, s.kernel, s.kernel});
  if (channels_last) {
    x = x.contiguous(torch::MemoryFormat::ChannelsLast);
    w = w.contiguous(torch::MemoryFormat::ChannelsLast);
  }
  const auto b = torch::randn({s.out});
  const int64_t pad = (s.kernel - 1) / 2;
  const auto expected = torch::conv2d(x, w, b, s.stride, pad, 1, s.groups);
  const auto got = spot::model::inference_conv2d(x, w, b, {s.stride, s.stride}, {pad, pad}, s.groups);
  torch::set_num_threads(threads);
  ASSERT_EQ(got.sizes(), expected.sizes());
  EXPECT_TRUE(torch::allclose(got, expected, 1e-4, 1e-4)) << (got - expected).abs().max().item<float>();
}

INSTANTIATE_TEST_SUITE_P(ModelShapes, InferenceConvTest,
                         ::testing::Combine(::testing::Values(Shape{16, 48, 1, 1, 1}, Shape{48, 1, 1, 1, 1},
                                                              Shape{17, 16, 3, 1, 1}, Shape{24, 24, 3, 2, 24},
                                                              Shape{3, 16, 3, 2, 1}),
                                            ::testing::Bool()),
                         [](const auto& info) {
                           const Shape& s = std::get<0>(info.param);
                           return std::to_string(s.in) + "to" + std::to_string(s.out) + "_k" +
                                  std::to_string(s.kernel) + "_s" + std::to_string(s.stride) + "_g" +
                                  std::to_string(s.groups) + (std::get<1>(info.param) ? "_nhwc" : "_nchw");
                         });

TEST(InferenceConv2d, ModuleUsesTheConvsWeightsStrideAndPadding) {
  torch::manual_seed(4);
  torch::nn::Conv2d conv(torch::nn::Conv2dOptions(8, 12, 3).stride(2).padding(1));
  const auto x = torch::randn({2, 8, 20, 31});
  torch::NoGradGuard no_grad;
  spot::model::InferenceConv2d inference(conv->weight.detach().clone(), conv->bias.detach().clone(), conv->options);
  EXPECT_TRUE(torch::allclose(inference(x), conv(x), 1e-4, 1e-4));
  EXPECT_TRUE(torch::allclose(spot::model::inference_conv2d(*conv, x), conv(x), 1e-4, 1e-4));
}

TEST(InferenceConv2d, WithoutBias) {
  torch::manual_seed(5);
  const auto x = torch::randn({1, 8, 15, 22});
  const auto w = torch::randn({4, 8, 3, 3});
  EXPECT_TRUE(torch::allclose(spot::model::inference_conv2d(x, w, torch::Tensor(), {1, 1}, {1, 1}, 1),
                              torch::conv2d(x, w, {}, 1, 1), 1e-4, 1e-4));
}

TEST(InferenceConv2d, RejectsPaddingItCannotHonour) {
  torch::nn::Conv2d same(torch::nn::Conv2dOptions(4, 4, 3).padding(torch::kSame));
  EXPECT_THROW(spot::model::InferenceConv2d(same->weight, same->bias, same->options), spot::Error);
  torch::nn::Conv2d dilated(torch::nn::Conv2dOptions(4, 4, 3).padding(2).dilation(2));
  EXPECT_THROW(spot::model::inference_conv2d(*dilated, torch::zeros({1, 4, 8, 8})), spot::Error);
}

}  // namespace
