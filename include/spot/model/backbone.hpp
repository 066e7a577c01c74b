// NanoTrackBackbone: the pretrained NanoTrack v3 backbone (a MobileNetV3-Small variant trained for
// tracking), re-implemented module for module so its weights load by name, with multi-level taps.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <torch/torch.h>

namespace spot::model {

// File name of the weights under weights/ (see weights/README.md for source, licence, checksum).
inline constexpr char kNanoTrackWeightsFile[] = "nanotrack_v3_backbone.pt";

// Stages features.0 .. features.9 of NanoTrack v3 (SiamTrackers' `mobilenetv3_small_v3`):
//
//   stage | block                              | channels | stride
//   0     | conv3x3 s2 + BN + hardswish        | 16       | 2
//   1     | dw3x3 s2, ReLU, SE, pw             | 16       | 4
//   2, 3  | expand, dw3x3 (s2, s1), ReLU, pw   | 24       | 8
//   4..6  | expand, dw5x5 (s2, s1, s1), SE, HS | 40       | 16
//   7, 8  | expand, dw5x5, SE, hardswish       | 48       | 16
//   9     | expand, dw5x5, SE, hardswish       | 96       | 16
//
// Submodule names mirror the original tensor names (features.<i>[.conv].<j>...), so
// named_parameters()/named_buffers() keys equal those of the shipped weights file (190 tensors,
// 282,368 learnable parameters). A freshly constructed module has PyTorch's default random
// initialisation; call load_pretrained() for the trained weights, and eval() for inference
// (in train() mode the BatchNorm layers normalise with batch statistics).
class NanoTrackBackboneImpl : public torch::nn::Module {
 public:
  static constexpr int kNumStages = 10;

  NanoTrackBackboneImpl();

  // x: [B, 3, H, W] float32, BGR channel order, raw pixel values 0..255 (no mean/std
  // normalisation), as NanoTrack's own tracker feeds it. Any H, W >= 1.
  // taps: stage indices in [0, kNumStages), in any order, repeats allowed; must not be empty.
  // Returns one tensor per tap, in the order of `taps`:
  //   out[k]: [B, stage_channels(taps[k]), ceil(H / s), ceil(W / s)], s = stage_stride(taps[k])
  // (e.g. 1x3x360x640 -> stage 1 [1,16,90,160], stage 3 [1,24,45,80], stage 9 [1,96,23,40]).
  // Only stages 0 .. max(taps) are run. The SE blocks average over the whole map, so every output
  // depends on the whole input, not only on a receptive field.
  // Throws spot::Error when taps is empty or holds an index out of range, or when x is not a
  // 4-d floating-point tensor with 3 channels.
  std::vector<torch::Tensor> forward(const torch::Tensor& x, const std::vector<int>& taps);
  // The same, calling on_tap(k, out[k]) as soon as tap k's stage is done (before the deeper stages
  // run), so that a caller can start work on shallow maps while the backbone goes on.
  using TapCallback = std::function<void(size_t, const torch::Tensor&)>;
  std::vector<torch::Tensor> forward(const torch::Tensor& x, const std::vector<int>& taps, const TapCallback& on_tap);

  // Output channels / total stride (relative to the input) of a stage; spatial output size for an
  // input extent n is stage_output_size(stage, n) = ceil(n / stage_stride(stage)).
  // Throw spot::Error when stage is outside [0, kNumStages).
  static int stage_channels(int stage);
  static int stage_stride(int stage);
  static std::int64_t stage_output_size(int stage, std::int64_t input_extent);

  // Copies every parameter and buffer, by name, from a TorchScript archive such as
  // weights/nanotrack_v3_backbone.pt (a module holding the tensors under their original dotted
  // names) into this module's tensors in place (they keep their device), without recording
  // gradients.
  // All-or-nothing: every check runs before anything is copied, so on a throw the module is
  // unchanged. Throws spot::Error naming `path` when the file does not exist or is not a readable
  // TorchScript archive, or when a tensor of this module is missing from it, the archive holds a
  // tensor this module does not have, or a tensor's shape or dtype differs.
  // Does not change train()/eval() mode.
  void load_pretrained(const std::string& path);

  // For inference: folds every BatchNorm (its running statistics) into the convolution before it
  // and drops it. Same outputs up to float rounding, one pass over each map fewer. Parameter names
  // change (no more BatchNorm tensors), so load_pretrained() no longer applies afterwards.
  // Throws spot::Error in train() mode, where BatchNorm uses batch statistics.
  void fuse_batch_norm();

 private:
  // Children "0".."9": stage 0 is a Sequential (conv, BN, hardswish); stages 1..9 are inverted
  // residual blocks with a `conv` Sequential (see backbone.cpp). A ModuleList because LibTorch's
  // Sequential cannot hold a Sequential.
  torch::nn::ModuleList features_{nullptr};
};
TORCH_MODULE(NanoTrackBackbone);

// Locates the NanoTrack v3 weights file. Checks, in order, and returns the first that exists as
// a regular file:
//   1. explicit_path, when not empty — and then only it: a given path that does not exist throws
//      (a mistyped --weights must not silently fall back to other weights);
//   2. $SPOT_WEIGHTS_DIR/nanotrack_v3_backbone.pt, when the variable is set;
//   3. <directory of the running executable>/../weights/nanotrack_v3_backbone.pt
//      (./build/spot in a source tree);
//   4. <directory of the running executable>/../../weights/nanotrack_v3_backbone.pt
//      (./build/tests/test_x, ./build/bench/bench_x);
//   5. <source tree>/weights/nanotrack_v3_backbone.pt as configured at build time.
// Existence is all that is checked; load_pretrained() validates the contents.
// Throws spot::Error listing every place tried when none exists.
std::string find_backbone_weights(const std::string& explicit_path = "");

}  // namespace spot::model
