// NanoTrack v3 backbone: module layout mirroring the original tensor names, tapped forward pass,
// by-name weight loading from a TorchScript archive, and the search for the weights file.
#include "spot/model/backbone.hpp"
#include "spot/model/inference_conv.hpp"
#include "spot/model/weights_path.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>
#include <system_error>
#include <utility>

#include <torch/script.h>

#include "spot/error.hpp"

namespace spot::model {

namespace {

namespace fs = std::filesystem;

// One stage of `mobilenetv3_small_v3` (NanoTrack/nanotrack/models/backbone/mobile_v3.py), with the
// _make_divisible(..., 8) widths already applied (hidden = expansion width, se = SE bottleneck).
struct StageSpec {
  int in, hidden, out, kernel, stride;
  int se;   // SE bottleneck width; 0 = no SE
  bool hs;  // hardswish (else ReLU)
  int total_stride;
};

constexpr std::array<StageSpec, NanoTrackBackboneImpl::kNumStages> kStages = {{
    {3, 0, 16, 3, 2, 0, true, 2},       // features.0: stem conv (hidden unused)
    {16, 16, 16, 3, 2, 8, false, 4},    // features.1: no expansion (in == hidden)
    {16, 72, 24, 3, 2, 0, false, 8},    // features.2
    {24, 88, 24, 3, 1, 0, false, 8},    // features.3
    {24, 96, 40, 5, 2, 24, true, 16},   // features.4
    {40, 240, 40, 5, 1, 64, true, 16},  // features.5
    {40, 240, 40, 5, 1, 64, true, 16},  // features.6
    {40, 120, 48, 5, 1, 32, true, 16},  // features.7
    {48, 144, 48, 5, 1, 40, true, 16},  // features.8
    {48, 288, 96, 5, 1, 72, true, 16},  // features.9
}};

const StageSpec& spec(int stage) {
  if (stage < 0 || stage >= NanoTrackBackboneImpl::kNumStages) {
    throw Error("NanoTrack backbone: stage " + std::to_string(stage) +
                " out of range (expected 0.." +
                std::to_string(NanoTrackBackboneImpl::kNumStages - 1) + ")");
  }
  return kStages[static_cast<size_t>(stage)];
}

torch::nn::Conv2d conv(int in, int out, int k, int stride, int groups = 1) {
  // Symmetric zero padding (k-1)/2, no bias: BatchNorm follows every conv.
  return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, k)
                               .stride(stride)
                               .padding((k - 1) / 2)
                               .groups(groups)
                               .bias(false));
}

torch::nn::BatchNorm2d bn(int channels) {
  return torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(channels).eps(1e-5).momentum(0.1));
}

// LibTorch 1.13 has no Hardswish / Hardsigmoid module; parameter-free, so a Functional keeps the
// Sequential indices (and thus the tensor names) aligned with the original.
// In place when no gradient is recorded (inference, frozen backbone): the input is always the
// previous layer's fresh output, used by nothing else, and a memory-bound pass fewer counts at
// stride 2-4. (In place with autograd would need hardswish's input for its backward.)
torch::nn::Functional hardswish() {
  return torch::nn::Functional([](torch::Tensor t) {
    return t.requires_grad() ? torch::hardswish(t) : torch::hardswish_(t);
  });
}

torch::nn::Functional hardsigmoid() {
  return torch::nn::Functional([](const torch::Tensor& t) { return torch::hardsigmoid(t); });
}

void push_activation(torch::nn::Sequential& seq, bool hs) {
  if (hs) {
    seq->push_back(hardswish());
  } else {
    seq->push_back(torch::nn::ReLU(torch::nn::ReLUOptions().inplace(true)));  // after BatchNorm: fresh
  }
}

// seq with every (Conv2d, BatchNorm2d) pair replaced by one convolution with a bias computing the
// same thing with the BatchNorm's running statistics (eval mode); for inference only.
torch::nn::Sequential fold_batch_norm(const torch::nn::Sequential& seq) {
  torch::NoGradGuard no_grad;
  torch::nn::Sequential out;
  const std::vector<torch::nn::AnyModule> parts(seq->begin(), seq->end());
  for (size_t i = 0; i < parts.size(); ++i) {
    auto* c = parts[i].ptr()->as<torch::nn::Conv2dImpl>();
    auto* b = i + 1 < parts.size() ? parts[i + 1].ptr()->as<torch::nn::BatchNorm2dImpl>() : nullptr;
    if (c == nullptr || b == nullptr) {
      out->push_back(parts[i]);
      continue;
    }
    const auto scale = b->weight / torch::sqrt(b->running_var + b->options.eps());  // [out]
    const auto weight = c->weight * scale.view({-1, 1, 1, 1});
    const auto conv_bias = c->bias.defined() ? c->bias : torch::zeros_like(scale);
    out->push_back(InferenceConv2d(weight, (conv_bias - b->running_mean) * scale + b->bias, c->options));
    ++i;  // the BatchNorm is folded in
  }
  return out;
}

// Squeeze-and-excitation: x * hardsigmoid(fc.2(relu(fc.0(mean_hw(x))))).
class SqueezeExciteImpl : public torch::nn::Module {
 public:
  SqueezeExciteImpl(int channels, int reduced) {
    fc_ = register_module(
        "fc", torch::nn::Sequential(torch::nn::Linear(channels, reduced), torch::nn::ReLU(),
                                    torch::nn::Linear(reduced, channels), hardsigmoid()));
  }

  // x: [B, C, h, w] -> [B, C, h, w]; the gate [B, C, 1, 1] averages over the whole map.
  torch::Tensor forward(const torch::Tensor& x) {
    const auto gate = fc_->forward(x.mean({2, 3}));  // [B, C]
    return x * gate.view({x.size(0), x.size(1), 1, 1});
  }

 private:
  torch::nn::Sequential fc_{nullptr};
};
TORCH_MODULE(SqueezeExcite);

// InvertedResidual of mobile_v3.py; the `conv` Sequential's indices are the tensor-name indices:
//   in == hidden: 0 dw, 1 BN, 2 act, 3 SE|Identity, 4 pw, 5 BN
//   otherwise:    0 pw, 1 BN, 2 act, 3 dw, 4 BN, 5 SE|Identity, 6 act, 7 pw, 8 BN
// (NB: SE before the activation in the expanded form, unlike torchvision's MobileNetV3.)
class InvertedResidualImpl : public torch::nn::Module {
 public:
  explicit InvertedResidualImpl(const StageSpec& s) : identity_(s.stride == 1 && s.in == s.out) {
    torch::nn::Sequential seq;
    auto se_or_identity = [&]() {
      if (s.se > 0) {
        seq->push_back(SqueezeExcite(s.hidden, s.se));
      } else {
        seq->push_back(torch::nn::Identity());
      }
    };
    if (s.in == s.hidden) {
      seq->push_back(conv(s.hidden, s.hidden, s.kernel, s.stride, s.hidden));
      seq->push_back(bn(s.hidden));
      push_activation(seq, s.hs);
      se_or_identity();
      seq->push_back(conv(s.hidden, s.out, 1, 1));
      seq->push_back(bn(s.out));
    } else {
      seq->push_back(conv(s.in, s.hidden, 1, 1));
      seq->push_back(bn(s.hidden));
      push_activation(seq, s.hs);
      seq->push_back(conv(s.hidden, s.hidden, s.kernel, s.stride, s.hidden));
      seq->push_back(bn(s.hidden));
      se_or_identity();
      push_activation(seq, s.hs);
      seq->push_back(conv(s.hidden, s.out, 1, 1));
      seq->push_back(bn(s.out));
    }
    conv_ = register_module("conv", seq);
  }

  // x: [B, in, h, w] -> [B, out, ceil(h / stride), ceil(w / stride)]
  torch::Tensor forward(const torch::Tensor& x) {
    return identity_ ? x + conv_->forward(x) : conv_->forward(x);
  }

  void fuse_batch_norm() { conv_ = replace_module("conv", fold_batch_norm(conv_)); }

 private:
  bool identity_;
  torch::nn::Sequential conv_{nullptr};
};
TORCH_MODULE(InvertedResidual);

std::string shape_string(c10::IntArrayRef sizes) {
  std::ostringstream os;
  os << sizes;
  return os.str();
}

// Reports up to a few problems in one line, with a count of the rest.
std::string join_problems(const std::vector<std::string>& problems) {
  constexpr size_t kShown = 4;
  std::string out;
  for (size_t i = 0; i < problems.size() && i < kShown; ++i) out += (i ? "; " : "") + problems[i];
  if (problems.size() > kShown) {
    out += "; and " + std::to_string(problems.size() - kShown) + " more";
  }
  return out;
}

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

}  // namespace

NanoTrackBackboneImpl::NanoTrackBackboneImpl() {
  torch::nn::ModuleList features;
  const auto& s0 = kStages[0];
  features->push_back(
      torch::nn::Sequential(conv(s0.in, s0.out, s0.kernel, s0.stride), bn(s0.out), hardswish()));
  for (int i = 1; i < kNumStages; ++i) features->push_back(InvertedResidual(spec(i)));
  features_ = register_module("features", features);
}

int NanoTrackBackboneImpl::stage_channels(int stage) { return spec(stage).out; }

int NanoTrackBackboneImpl::stage_stride(int stage) { return spec(stage).total_stride; }

std::int64_t NanoTrackBackboneImpl::stage_output_size(int stage, std::int64_t input_extent) {
  // Each stride-2 conv (k odd, pad (k-1)/2) maps n to floor((n-1)/2)+1 = ceil(n/2), and nested
  // ceilings of halvings equal one ceiling of the product.
  const std::int64_t s = spec(stage).total_stride;
  return (input_extent + s - 1) / s;
}

std::vector<torch::Tensor> NanoTrackBackboneImpl::forward(const torch::Tensor& x,
                                                          const std::vector<int>& taps) {
  return forward(x, taps, nullptr);
}

std::vector<torch::Tensor> NanoTrackBackboneImpl::forward(const torch::Tensor& x, const std::vector<int>& taps,
                                                          const TapCallback& on_tap) {
  if (taps.empty()) throw Error("NanoTrack backbone: no stage requested (taps is empty)");
  for (int t : taps) spec(t);  // throws on an index out of range
  if (x.dim() != 4 || x.size(1) != 3 || !x.is_floating_point()) {
    throw Error("NanoTrack backbone: expected a float [B, 3, H, W] BGR image tensor, got " +
                std::string(x.scalar_type() == torch::kFloat ? "float " : "non-float ") +
                shape_string(x.sizes()));
  }
  const int deepest = *std::max_element(taps.begin(), taps.end());
  std::vector<torch::Tensor> by_stage(static_cast<size_t>(deepest) + 1);
  std::vector<bool> wanted(by_stage.size(), false);
  for (int t : taps) wanted[static_cast<size_t>(t)] = true;

  torch::Tensor h = x;  // [B, C_i, ceil(H / s_i), ceil(W / s_i)] after stage i
  for (int i = 0; i <= deepest; ++i) {
    const auto& stage = features_[static_cast<size_t>(i)];
    h = i == 0 ? stage->as<torch::nn::SequentialImpl>()->forward(h)
               : stage->as<InvertedResidualImpl>()->forward(h);
    if (!wanted[static_cast<size_t>(i)]) continue;
    by_stage[static_cast<size_t>(i)] = h;
    if (on_tap) {
      for (size_t k = 0; k < taps.size(); ++k)
        if (taps[k] == i) on_tap(k, h);
    }
  }
  std::vector<torch::Tensor> out;
  out.reserve(taps.size());
  for (int t : taps) out.push_back(by_stage[static_cast<size_t>(t)]);
  return out;
}

void NanoTrackBackboneImpl::load_pretrained(const std::string& path) {
  if (!is_file(path)) {
    throw Error(
        "NanoTrack backbone weights: no such file (expected a TorchScript archive such as " +
            std::string(kNanoTrackWeightsFile) + ")",
        path);
  }
  torch::jit::Module archive;
  try {
    archive = torch::jit::load(path, torch::kCPU);
  } catch (const c10::Error& e) {
    throw Error(std::string("not a readable TorchScript archive: ") + e.what_without_backtrace(),
                path);
  } catch (const std::exception& e) {
    throw Error(std::string("not a readable TorchScript archive: ") + e.what(), path);
  }

  std::map<std::string, torch::Tensor> stored;
  for (const auto& p : archive.named_parameters(/*recurse=*/true)) stored[p.name] = p.value;
  for (const auto& b : archive.named_buffers(/*recurse=*/true)) stored[b.name] = b.value;

  std::vector<std::pair<std::string, torch::Tensor>> own;
  for (const auto& p : named_parameters(/*recurse=*/true)) own.emplace_back(p.key(), p.value());
  for (const auto& b : named_buffers(/*recurse=*/true)) own.emplace_back(b.key(), b.value());

  // Check everything first so that a bad file leaves the module untouched.
  std::vector<std::string> problems;
  std::map<std::string, bool> used;
  for (const auto& [name, mine] : own) {
    const auto it = stored.find(name);
    if (it == stored.end()) {
      problems.push_back("missing tensor '" + name + "' " + shape_string(mine.sizes()));
      continue;
    }
    used[name] = true;
    const auto& theirs = it->second;
    if (theirs.sizes() != mine.sizes()) {
      problems.push_back("tensor '" + name + "' has shape " + shape_string(theirs.sizes()) +
                         ", expected " + shape_string(mine.sizes()));
    } else if (theirs.scalar_type() != mine.scalar_type()) {
      problems.push_back("tensor '" + name + "' has dtype " +
                         std::string(c10::toString(theirs.scalar_type())) + ", expected " +
                         c10::toString(mine.scalar_type()));
    }
  }
  for (const auto& [name, t] : stored) {
    if (!used.count(name)) {
      problems.push_back("unexpected tensor '" + name + "' " + shape_string(t.sizes()));
    }
  }
  if (!problems.empty()) {
    throw Error("not the NanoTrack v3 backbone: " + join_problems(problems), path);
  }

  torch::NoGradGuard no_grad;
  for (auto& [name, mine] : own) mine.copy_(stored.at(name));
}

void NanoTrackBackboneImpl::fuse_batch_norm() {
  if (is_training()) throw Error("NanoTrack backbone: fuse_batch_norm() needs eval() mode (running statistics)");
  torch::nn::ModuleList fused;
  for (size_t i = 0; i < features_->size(); ++i) {
    if (i == 0) {
      fused->push_back(fold_batch_norm(torch::nn::Sequential(features_->ptr<torch::nn::SequentialImpl>(0))));
    } else {
      features_->ptr<InvertedResidualImpl>(i)->fuse_batch_norm();
      fused->push_back(features_->ptr(i));
    }
  }
  features_ = replace_module("features", fused);
}

std::string find_backbone_weights(const std::string& explicit_path) {
  return find_weights_file(kNanoTrackWeightsFile, "NanoTrack backbone weights", explicit_path);
}

}  // namespace spot::model
