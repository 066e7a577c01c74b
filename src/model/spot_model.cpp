// SpotModel: necks, template-conditioned responses, fusion and box head.
#include "spot/model/spot_model.hpp"

#include <algorithm>
#include <future>
#include <memory>

#include "spot/error.hpp"
#include "spot/model/inference_conv.hpp"

namespace spot::model {

namespace F = torch::nn::functional;

LevelHeadImpl::LevelHeadImpl(int in_channels, int channels) {
  using torch::nn::Conv2dOptions;
  neck1_ = register_module("neck1", torch::nn::Conv2d(Conv2dOptions(in_channels, channels, 3).padding(1)));
  neck2_ = register_module("neck2", torch::nn::Conv2d(Conv2dOptions(channels, channels, 1)));
  // +1 input channel: the cosine similarity map, which is scale-free and helps early training.
  resp1_ = register_module("resp1", torch::nn::Conv2d(Conv2dOptions(channels + 1, channels, 3).padding(1)));
  resp2_ = register_module("resp2", torch::nn::Conv2d(Conv2dOptions(channels, channels, 3).padding(1)));
  score_ = register_module("score", torch::nn::Conv2d(Conv2dOptions(channels, 1, 1)));
}

bool LevelHeadImpl::inference_path() const {
  return resp1_cosine_weight_.defined() && !torch::GradMode::is_enabled();
}

torch::Tensor LevelHeadImpl::conv(torch::nn::Conv2d& c, const torch::Tensor& x) {
  return inference_path() ? inference_conv2d(*c, x) : c->forward(x);
}

torch::Tensor LevelHeadImpl::neck(const torch::Tensor& feats) {
  return conv(neck2_, conv(neck1_, feats).relu_());  // in place: a convolution's output, used once
}

std::pair<torch::Tensor, torch::Tensor> LevelHeadImpl::respond(const torch::Tensor& search,
                                                               const torch::Tensor& kernel) {
  const auto k = F::normalize(kernel, F::NormalizeFuncOptions().dim(1).eps(1e-6)).unsqueeze(-1).unsqueeze(-1);
  const auto product = search * k;                                        // [B,C,h,w]
  const auto cosine = product.sum(1, true) / (search.norm(2, 1, true) + 1e-6);  // [B,1,h,w]
  torch::Tensor hidden;
  if (inference_path()) {
    // resp1 over [product, cosine] = conv(product) + the cosine channel's 3x3 windows x its weights.
    const int64_t b = search.size(0), h = search.size(2), w = search.size(3);
    hidden = inference_conv2d(product, resp1_product_weight_, resp1_->bias, {1, 1}, {1, 1}, 1);
    const auto windows = F::unfold(cosine, F::UnfoldFuncOptions({3, 3}).padding(1));  // [B, 9, h*w]
    const auto from_cosine = torch::matmul(windows.transpose(1, 2), resp1_cosine_weight_);  // [B, h*w, C]
    hidden.add_(from_cosine.view({b, h, w, -1}).permute({0, 3, 1, 2})).relu_();
  } else {
    hidden = resp1_(torch::cat({product, cosine}, 1)).relu_();
  }
  hidden = conv(resp2_, hidden).relu_();
  return {conv(score_, hidden), hidden};
}

void LevelHeadImpl::split_response_conv() {
  torch::NoGradGuard no_grad;
  const auto& weight = resp1_->weight;  // [C, C+1, 3, 3]
  const int64_t c = weight.size(1) - 1;
  resp1_product_weight_ = weight.narrow(1, 0, c).contiguous(torch::MemoryFormat::ChannelsLast);
  // unfold() orders a window's 9 values row by row, as the weight's 3x3 is stored.
  resp1_cosine_weight_ = weight.narrow(1, c, 1).reshape({weight.size(0), 9}).t().contiguous();
}

SpotModelImpl::SpotModelImpl(const ModelConfig& config) : config_(config) {
  config_.validate();
  backbone_ = register_module("backbone", NanoTrackBackbone());
  if (config_.pretrained) backbone_->load_pretrained(find_backbone_weights(config_.backbone_weights));
  heads_ = register_module("heads", torch::nn::ModuleList());
  int box_in = 0;
  for (size_t i = 0; i < config_.levels.size(); ++i) {
    heads_->push_back(LevelHead(NanoTrackBackboneImpl::stage_channels(config_.levels[i]), config_.channels_of(i)));
    box_in += config_.channels_of(i);
  }
  const auto L = static_cast<int64_t>(config_.levels.size());
  fusion_weights_ = register_parameter("fusion_weights", torch::full({L}, 1.0 / L));
  fusion_bias_ = register_parameter("fusion_bias", torch::zeros({1}));
  using torch::nn::Conv2dOptions;
  box1_ = register_module("box1", torch::nn::Conv2d(Conv2dOptions(box_in, config_.box_channels, 3).padding(1)));
  box2_ = register_module("box2", torch::nn::Conv2d(Conv2dOptions(config_.box_channels, 4, 1)));
  if (config_.freeze_backbone) {
    for (auto& p : backbone_->parameters()) p.set_requires_grad(false);
  }
  train(true);
}

void SpotModelImpl::train(bool on) {
  if (on && inference_only_) {
    throw Error("SpotModel: train() after prepare_for_inference() (its BatchNorm layers are folded away)");
  }
  torch::nn::Module::train(on);
  if (config_.freeze_backbone && backbone_) backbone_->eval();
}

void SpotModelImpl::prepare_for_inference() {
  if (inference_only_) return;
  train(false);
  torch::NoGradGuard no_grad;
  backbone_->fuse_batch_norm();
  for (auto& p : parameters()) {
    if (p.dim() == 4) p.set_data(p.contiguous(torch::MemoryFormat::ChannelsLast));
  }
  for (auto& head : *heads_) head->as<LevelHeadImpl>()->split_response_conv();
  inference_only_ = true;
}

std::vector<torch::Tensor> SpotModelImpl::trainable_parameters() {
  std::vector<torch::Tensor> out;
  for (auto& p : parameters())
    if (p.requires_grad()) out.push_back(p);
  return out;
}

std::vector<torch::Tensor> SpotModelImpl::backbone_features(const torch::Tensor& images) {
  if (config_.freeze_backbone) {
    torch::NoGradGuard no_grad;
    return backbone_->forward(images, config_.levels);
  }
  return backbone_->forward(images, config_.levels);
}

std::vector<torch::Tensor> SpotModelImpl::encode_template(const torch::Tensor& images, const torch::Tensor& boxes) {
  const auto feats = backbone_features(images);
  const int64_t B = images.size(0), g = config_.template_grid;
  const double H = images.size(2), W = images.size(3);
  // Sample points: a g x g grid of cell centres inside each box, in normalised [-1, 1] coordinates
  // of the image (align_corners = false: -1 and 1 are the image's outer edges).
  const auto steps = (torch::arange(g, torch::kFloat32) + 0.5) / g;                    // [g]
  const auto bx = boxes.index({torch::indexing::Slice(), 0}).unsqueeze(1);             // [B,1]
  const auto by = boxes.index({torch::indexing::Slice(), 1}).unsqueeze(1);
  const auto bw = boxes.index({torch::indexing::Slice(), 2}).unsqueeze(1);
  const auto bh = boxes.index({torch::indexing::Slice(), 3}).unsqueeze(1);
  const auto xs = (bx + bw * steps.unsqueeze(0)) * (2.0 / W) - 1.0;                    // [B,g]
  const auto ys = (by + bh * steps.unsqueeze(0)) * (2.0 / H) - 1.0;
  const auto grid = torch::stack({xs.unsqueeze(1).expand({B, g, g}), ys.unsqueeze(2).expand({B, g, g})}, -1);
  std::vector<torch::Tensor> kernels;
  for (size_t l = 0; l < feats.size(); ++l) {
    auto* head = heads_[l]->as<LevelHeadImpl>();
    const auto n = head->neck(feats[l]);
    // The feature map covers ceil(H/s) * s px, slightly more than H: rescale the grid to its extent.
    const double s = NanoTrackBackboneImpl::stage_stride(config_.levels[l]);
    const auto g_scaled = grid.clone();
    g_scaled.select(-1, 0).add_(1.0).mul_(W / (n.size(3) * s)).sub_(1.0);
    g_scaled.select(-1, 1).add_(1.0).mul_(H / (n.size(2) * s)).sub_(1.0);
    const auto samples = F::grid_sample(n, g_scaled, F::GridSampleFuncOptions().align_corners(false).padding_mode(torch::kBorder));
    kernels.push_back(samples.mean({2, 3}));  // [B,C]
  }
  return kernels;
}

ModelOutput SpotModelImpl::forward(const torch::Tensor& search, const std::vector<torch::Tensor>& kernels,
                                   bool with_boxes) {
  using Response = std::pair<torch::Tensor, torch::Tensor>;  // {logits, hidden} of one level
  const size_t levels = config_.levels.size();
  if (kernels.size() != levels) {
    throw Error("SpotModel::forward: " + std::to_string(kernels.size()) + " template kernels for " +
                std::to_string(levels) + " levels");
  }
  auto respond = [this, &kernels](size_t l, const torch::Tensor& feats) {
    auto* head = heads_[l]->as<LevelHeadImpl>();
    return head->respond(head->neck(feats), kernels[l]);
  };
  std::vector<std::future<Response>> pending(levels);
  // Whatever happens, no task outlives this call (they use this model and the kernels).
  struct WaitForAll {
    std::vector<std::future<Response>>& futures;
    ~WaitForAll() {
      for (auto& f : futures)
        if (f.valid()) f.wait();
    }
  } wait_for_all{pending};
  std::vector<torch::Tensor> feats;
  if (concurrent_levels_ && !torch::GradMode::is_enabled() && levels > 1) {
    const int deepest = *std::max_element(config_.levels.begin(), config_.levels.end());
    feats = backbone_->forward(search, config_.levels, [&](size_t l, const torch::Tensor& f) {
      if (config_.levels[l] == deepest) return;  // nothing left to overlap with: done below
      auto task = std::make_shared<std::packaged_task<Response()>>([respond, l, f] { return respond(l, f); });
      pending[l] = task->get_future();
      at::launch([task] { (*task)(); });
    });
  } else {
    feats = backbone_features(search);
  }
  ModelOutput out;
  std::vector<torch::Tensor> hidden;
  for (size_t l = 0; l < feats.size(); ++l) {
    auto [logits, h] = pending[l].valid() ? pending[l].get() : respond(l, feats[l]);
    out.level_logits.push_back(logits);
    out.level_strides.push_back(NanoTrackBackboneImpl::stage_stride(config_.levels[l]));
    hidden.push_back(h);
  }
  // Fuse at the finest level's resolution.
  const auto size = std::vector<int64_t>{out.level_logits[0].size(2), out.level_logits[0].size(3)};
  out.fused_stride = out.level_strides[0];
  auto up = [&](const torch::Tensor& t) {
    if (t.size(2) == size[0] && t.size(3) == size[1]) return t;
    return F::interpolate(t, F::InterpolateFuncOptions().size(size).mode(torch::kBilinear).align_corners(false));
  };
  torch::Tensor fused = fusion_bias_.view({1, 1, 1, 1}).expand({search.size(0), 1, size[0], size[1]});
  for (size_t l = 0; l < out.level_logits.size(); ++l) {
    fused = fused + fusion_weights_[static_cast<int64_t>(l)] * up(out.level_logits[l]);
  }
  out.fused_logits = fused;
  out.features = feats;
  if (!with_boxes) {
    out.hidden = std::move(hidden);
    return out;
  }
  std::vector<torch::Tensor> box_in;
  for (const auto& h : hidden) box_in.push_back(up(h));
  out.ltrb = ltrb_from(box2_(box1_(torch::cat(box_in, 1)).relu_()), out.fused_stride);
  return out;
}

torch::Tensor SpotModelImpl::ltrb_from(const torch::Tensor& raw, double stride) {
  // exp keeps distances positive; scaled by the stride so the initial guess is about one cell.
  return torch::exp(raw.clamp(-6.0, 6.0)) * stride;
}

torch::Tensor SpotModelImpl::box_at(const ModelOutput& out, int64_t i, int64_t j) {
  if (out.ltrb.defined()) return out.ltrb.index({0, torch::indexing::Slice(), i, j});
  // The 3x3 window of fused-grid cells around (i, j), zero outside the grid (box1's padding). Each
  // level's hidden map is sampled there bilinearly with the same coordinates interpolate() uses
  // (align_corners = false, edges clamped), so box1 at the window's centre gives exactly what it
  // gives there on the whole upsampled map, without upsampling the whole map every frame.
  const int64_t H = out.fused_logits.size(2), W = out.fused_logits.size(3);
  const auto opts = torch::TensorOptions().dtype(out.hidden.at(0).scalar_type()).device(out.hidden[0].device());
  const auto offsets = torch::arange(-1, 2, opts);
  const auto rows = offsets + static_cast<double>(i), cols = offsets + static_cast<double>(j);
  const auto gy = ((rows + 0.5) * (2.0 / H) - 1.0).view({3, 1}).expand({3, 3});
  const auto gx = ((cols + 0.5) * (2.0 / W) - 1.0).view({1, 3}).expand({3, 3});
  const auto grid = torch::stack({gx, gy}, -1).unsqueeze(0);  // [1,3,3,2]
  const auto inside = ((rows >= 0) & (rows < H)).view({3, 1}) & ((cols >= 0) & (cols < W)).view({1, 3});
  std::vector<torch::Tensor> parts;
  for (const auto& h : out.hidden) {
    parts.push_back(F::grid_sample(h.narrow(0, 0, 1), grid,
                                   F::GridSampleFuncOptions().align_corners(false).padding_mode(torch::kBorder)));
  }
  const auto window = torch::cat(parts, 1) * inside.to(opts.dtype());
  const auto raw = box2_(box1_(window).relu_()).index({0, torch::indexing::Slice(), 1, 1});
  return ltrb_from(raw, out.fused_stride);
}

}  // namespace spot::model
