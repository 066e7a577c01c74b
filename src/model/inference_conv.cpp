// inference_conv2d and InferenceConv2d: oneDNN's convolution on the CPU, conv2d elsewhere.
#include "spot/model/inference_conv.hpp"

#include <ATen/Context.h>

#include "spot/error.hpp"

namespace spot::model {

torch::Tensor inference_conv2d(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias,
                               torch::IntArrayRef stride, torch::IntArrayRef padding, int64_t groups) {
  if (x.is_cpu() && x.scalar_type() == torch::kFloat && weight.scalar_type() == torch::kFloat &&
      at::hasMKLDNN() && at::globalContext().userEnabledMkldnn() && x.dim() == 4) {
    return at::mkldnn_convolution(x, weight, bias, padding, stride, /*dilation=*/{1, 1}, groups);
  }
  return torch::conv2d(x, weight, bias, stride, padding, /*dilation=*/1, groups);
}

namespace {

std::vector<int64_t> pair_of(torch::ExpandingArray<2> a) { return {(*a)[0], (*a)[1]}; }

std::vector<int64_t> explicit_padding(const torch::nn::detail::ConvNdOptions<2>& options) {
  const auto* padding = c10::get_if<torch::ExpandingArray<2>>(&options.padding());
  if (padding == nullptr || pair_of(options.dilation()) != std::vector<int64_t>{1, 1}) {
    throw Error("inference convolution: only explicit padding and dilation 1 are supported");
  }
  return pair_of(*padding);
}

}  // namespace

torch::Tensor inference_conv2d(const torch::nn::Conv2dImpl& conv, const torch::Tensor& x) {
  return inference_conv2d(x, conv.weight, conv.bias, pair_of(conv.options.stride()), explicit_padding(conv.options),
                          conv.options.groups());
}

InferenceConv2dImpl::InferenceConv2dImpl(torch::Tensor weight, torch::Tensor bias,
                                         const torch::nn::detail::ConvNdOptions<2>& options)
    : stride_(pair_of(options.stride())), padding_(explicit_padding(options)), groups_(options.groups()) {
  // Parameters (without gradient) so that the model's to() and its channels-last pass reach them.
  weight_ = register_parameter("weight", std::move(weight), /*requires_grad=*/false);
  bias_ = register_parameter("bias", std::move(bias), /*requires_grad=*/false);
}

torch::Tensor InferenceConv2dImpl::forward(const torch::Tensor& x) {
  return inference_conv2d(x, weight_, bias_, stride_, padding_, groups_);
}

}  // namespace spot::model
