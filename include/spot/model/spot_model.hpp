// SpotModel: scores every location of a whole frame for "this is the target", on several backbone
// levels (deep supervision) plus a fused map, and regresses a box at every location.
//
// Shapes (B = batch, H x W = search image, T x T = template image, L = number of levels):
//   encode_template(template [B,3,T,T] BGR 0..255, boxes [B,4] x,y,w,h in template px)
//       -> kernels[l]: [B, C_l]
//   forward(search [B,3,H,W] BGR 0..255, kernels)
//       -> level_logits[l]: [B,1,ceil(H/s_l),ceil(W/s_l)], s_l = stride of level l
//          fused_logits:    [B,1,h_0,w_0] at the finest selected stride s_0
//          ltrb:            [B,4,h_0,w_0] distances (px, >= 0) from each location's point
//                           ((j+0.5) s_0, (i+0.5) s_0) to the box's left, top, right, bottom sides
#pragma once

#include <vector>

#include <torch/torch.h>

#include "spot/model/backbone.hpp"
#include "spot/model/model_config.hpp"

namespace spot::model {

struct ModelOutput {
  std::vector<torch::Tensor> level_logits;
  std::vector<double> level_strides;
  torch::Tensor fused_logits;
  double fused_stride = 4.0;
  torch::Tensor ltrb;  // undefined when forward() was asked for no boxes (see box_at)
  // The levels' hidden maps at their own resolution (kept only when forward() computed no boxes):
  // box_at() resamples the few cells it needs instead of upsampling them all to the fused grid.
  std::vector<torch::Tensor> hidden;
  // The backbone's maps of the selected levels (strides in level_strides): what the tracker's online
  // target model learns on, so it costs no second backbone pass.
  std::vector<torch::Tensor> features;
};

// One level: neck on the backbone features, then a response to the template vector.
// Why a 1x1 "dynamic kernel" (the template as one vector, averaged over samples inside the box)
// instead of depth-wise cross-correlation with a spatial template: a 2-8 px target covers less than
// one stride-8/16 cell, so a spatial kernel would be mostly background and would have to be
// resized to the target's scale; a vector sampled inside the box has neither problem.
class LevelHeadImpl : public torch::nn::Module {
 public:
  LevelHeadImpl(int in_channels, int channels);
  // feats: [B,C_in,h,w] -> neck features [B,C,h,w]
  torch::Tensor neck(const torch::Tensor& feats);
  // search: neck features [B,C,h,w], kernel [B,C] -> {logits [B,1,h,w], hidden [B,C,h,w]}
  std::pair<torch::Tensor, torch::Tensor> respond(const torch::Tensor& search, const torch::Tensor& kernel);
  // For inference: splits resp1 into its C product channels (a convolution) and the cosine channel (a
  // 3x3 window times a [9, C] matrix), so that no (C+1)-channel map is concatenated and convolved
  // (17 channels ran 3-4x slower than 16 in oneDNN here). Same outputs up to float rounding; used
  // when no gradient is recorded.
  void split_response_conv();

 private:
  // After split_response_conv() and without gradient: the split resp1 and inference_conv2d.
  bool inference_path() const;
  // c(x); on the inference path inference_conv2d (oneDNN on the CPU).
  torch::Tensor conv(torch::nn::Conv2d& c, const torch::Tensor& x);
  torch::nn::Conv2d neck1_{nullptr}, neck2_{nullptr}, resp1_{nullptr}, resp2_{nullptr}, score_{nullptr};
  torch::Tensor resp1_product_weight_;  // [C, C, 3, 3] (split_response_conv)
  torch::Tensor resp1_cosine_weight_;   // [9, C]
};
TORCH_MODULE(LevelHead);

class SpotModelImpl : public torch::nn::Module {
 public:
  // Builds the model; loads the backbone weights when config.pretrained (throws spot::Error when
  // they cannot be found or read). config must be valid (see ModelConfig::validate).
  explicit SpotModelImpl(const ModelConfig& config);

  std::vector<torch::Tensor> encode_template(const torch::Tensor& images, const torch::Tensor& boxes);
  // with_boxes = false skips the box head over the whole map (most of the heads' cost at stride 4);
  // box_at() then gives the box at the locations that matter.
  ModelOutput forward(const torch::Tensor& search, const std::vector<torch::Tensor>& kernels, bool with_boxes = true);
  // ltrb [4] at fused-map cell (row i, column j) of batch item 0, equal to forward()'s ltrb there.
  torch::Tensor box_at(const ModelOutput& out, int64_t i, int64_t j);

  // Parameters that training updates (everything but a frozen backbone).
  std::vector<torch::Tensor> trainable_parameters();
  const ModelConfig& config() const { return config_; }
  // Keeps a frozen backbone in eval mode (BatchNorm statistics fixed) whatever train() says.
  // Throws spot::Error for train(true) after prepare_for_inference().
  void train(bool on = true) override;
  // For tracking only: eval mode, the backbone's BatchNorm folded into its convolutions, and every
  // convolution weight stored channels-last (oneDNN's native layout, so no reorder per call). Same
  // scores up to float rounding, in about two thirds of the time on CPU (docs/BENCHMARKS.md). The
  // model can no longer be trained, and its parameter names no longer match a checkpoint's.
  void prepare_for_inference();
  bool prepared_for_inference() const { return inference_only_; }
  // Without gradients, forward() can run every level's head but the deepest on LibTorch's inter-op
  // thread pool, each as soon as the backbone has produced its map, while the backbone goes on with
  // the deeper stages (the same numbers, computed in another order). Worth it with one intra-op
  // thread (torch::set_num_threads(1)): two cores then work on different layers, which wakes a
  // thread a few times per frame instead of at every operator (docs/BENCHMARKS.md). Off by default.
  void set_concurrent_levels(bool on) { concurrent_levels_ = on; }

 private:
  std::vector<torch::Tensor> backbone_features(const torch::Tensor& images);
  static torch::Tensor ltrb_from(const torch::Tensor& raw, double stride);

  ModelConfig config_;
  NanoTrackBackbone backbone_{nullptr};
  torch::nn::ModuleList heads_;
  torch::Tensor fusion_weights_;  // [L]
  torch::Tensor fusion_bias_;     // [1]
  torch::nn::Conv2d box1_{nullptr}, box2_{nullptr};
  bool inference_only_ = false;
  bool concurrent_levels_ = false;
};
TORCH_MODULE(SpotModel);

}  // namespace spot::model
