// Convolutions for a model prepared for inference (SpotModel::prepare_for_inference()): on the CPU
// they always take oneDNN's kernel. LibTorch 1.13 sends a 1x1 stride-1 convolution to its own GEMM
// path when it runs with one intra-op thread (the tracker's setting), and that path first copies
// the bias over the whole output and then accumulates; oneDNN writes the output once. Measured in
// docs/BENCHMARKS.md. Elsewhere (CUDA, builds without oneDNN, non-float) it is plain conv2d.
#pragma once

#include <torch/torch.h>

namespace spot::model {

// conv2d(x, weight, bias) with the given stride, padding and groups (dilation 1).
torch::Tensor inference_conv2d(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias,
                               torch::IntArrayRef stride, torch::IntArrayRef padding, int64_t groups);
// The same with a Conv2d module's weights and options (explicit padding, dilation 1).
torch::Tensor inference_conv2d(const torch::nn::Conv2dImpl& conv, const torch::Tensor& x);

// A Conv2d's weights and options behind inference_conv2d (no gradient; built by folding, never trained).
class InferenceConv2dImpl : public torch::nn::Module {
 public:
  InferenceConv2dImpl(torch::Tensor weight, torch::Tensor bias, const torch::nn::detail::ConvNdOptions<2>& options);
  torch::Tensor forward(const torch::Tensor& x);

 private:
  torch::Tensor weight_, bias_;
  std::vector<int64_t> stride_, padding_;
  int64_t groups_;
};
TORCH_MODULE(InferenceConv2d);

}  // namespace spot::model
