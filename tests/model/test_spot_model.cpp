// SpotModel: the box at one location (box_at, used by the tracker to skip the box head over the
// whole map) equals the full box head's answer there, borders included; the inference-only form
// (BatchNorm folded, channels-last weights) computes what the trained form computes.
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "spot/error.hpp"
#include "spot/model/spot_model.hpp"

namespace {

// A randomly initialised model (no pretrained backbone), the same for the same seed.
spot::model::SpotModel untrained_model(uint64_t seed) {
  torch::manual_seed(seed);
  spot::model::ModelConfig config;
  config.pretrained = false;
  return spot::model::SpotModel(config);
}

// Template kernels from a random 64x64 template with a 16x16 target box.
std::vector<torch::Tensor> random_template_kernels(spot::model::SpotModel& model) {
  return model->encode_template(torch::rand({1, 3, 64, 64}) * 255, torch::tensor({{20.f, 20.f, 16.f, 16.f}}));
}

TEST(SpotModel, BoxAtOneLocationEqualsTheFullBoxHead) {
  auto model = untrained_model(4);
  model->eval();
  torch::NoGradGuard no_grad;
  const auto search = torch::rand({1, 3, 72, 120}) * 255;
  const auto kernels = random_template_kernels(model);
  const auto full = model->forward(search, kernels);
  const auto lean = model->forward(search, kernels, /*with_boxes=*/false);
  EXPECT_FALSE(lean.ltrb.defined());
  EXPECT_TRUE(torch::equal(full.fused_logits, lean.fused_logits));
  const int64_t h = full.ltrb.size(2), w = full.ltrb.size(3);
  for (const auto& [i, j] : std::vector<std::pair<int64_t, int64_t>>{{0, 0}, {h - 1, w - 1}, {0, w - 1}, {h / 2, w / 3}}) {
    const auto expected = full.ltrb.index({0, torch::indexing::Slice(), i, j});
    EXPECT_TRUE(torch::allclose(model->box_at(lean, i, j), expected, 1e-5, 1e-5)) << i << "," << j;
    EXPECT_TRUE(torch::equal(model->box_at(full, i, j), expected));
  }
}

TEST(SpotModel, PreparedForInferenceGivesTheSameOutputs) {
  auto model = untrained_model(5);
  torch::NoGradGuard no_grad;
  // A fresh BatchNorm (mean 0, variance 1, scale 1, shift 0) is nearly the identity: give every one
  // other statistics so that folding it wrongly shows.
  for (auto& b : model->named_buffers()) {
    if (b.key().find("running_mean") != std::string::npos) b.value().copy_(torch::randn_like(b.value()) * 0.3);
    if (b.key().find("running_var") != std::string::npos) b.value().copy_(torch::rand_like(b.value()) + 0.5);
  }
  for (auto& p : model->named_parameters()) {
    if (p.key().find(".1.weight") != std::string::npos && p.value().dim() == 1) {
      p.value().copy_(torch::rand_like(p.value()) + 0.5);
    }
  }
  model->eval();
  const auto search = torch::rand({1, 3, 72, 120}) * 255;
  const auto tmpl = torch::rand({1, 3, 64, 64}) * 255;
  const auto boxes = torch::tensor({{20.f, 20.f, 16.f, 16.f}});
  const auto kernels = model->encode_template(tmpl, boxes);
  const auto before = model->forward(search, kernels, /*with_boxes=*/false);
  const auto box_before = model->box_at(before, 5, 7);
  const size_t buffers_before = model->named_buffers().size();

  model->prepare_for_inference();
  EXPECT_TRUE(model->prepared_for_inference());
  EXPECT_LT(model->named_buffers().size(), buffers_before);  // the BatchNorm layers are gone
  const auto kernels_after = model->encode_template(tmpl, boxes);
  const auto after = model->forward(search, kernels_after, /*with_boxes=*/false);
  auto close = [](const torch::Tensor& a, const torch::Tensor& b) {
    return torch::allclose(a.contiguous(), b.contiguous(), 1e-3, 1e-3);
  };
  for (size_t l = 0; l < kernels.size(); ++l) EXPECT_TRUE(close(kernels[l], kernels_after[l])) << "level " << l;
  for (size_t l = 0; l < before.features.size(); ++l) {
    EXPECT_TRUE(close(before.features[l] / 100, after.features[l] / 100)) << "features, level " << l;
  }
  EXPECT_TRUE(close(before.fused_logits, after.fused_logits));
  EXPECT_TRUE(close(box_before, model->box_at(after, 5, 7)));
  EXPECT_GT(before.fused_logits.std().item<double>(), 1e-3);  // not a constant map

  EXPECT_THROW(model->train(true), spot::Error);
  EXPECT_NO_THROW(model->prepare_for_inference());  // a second call changes nothing
}

TEST(SpotModel, ConcurrentLevelsGiveTheSameOutputs) {
  auto model = untrained_model(6);
  model->prepare_for_inference();
  torch::NoGradGuard no_grad;
  const auto search = torch::rand({1, 3, 90, 150}) * 255;
  const auto kernels = random_template_kernels(model);
  const auto serial = model->forward(search, kernels, /*with_boxes=*/false);
  model->set_concurrent_levels(true);
  for (int run = 0; run < 3; ++run) {  // the pool's threads are reused from the second run on
    const auto concurrent = model->forward(search, kernels, /*with_boxes=*/false);
    ASSERT_EQ(concurrent.level_logits.size(), serial.level_logits.size());
    for (size_t l = 0; l < serial.level_logits.size(); ++l) {
      EXPECT_TRUE(torch::allclose(concurrent.level_logits[l], serial.level_logits[l], 1e-5, 1e-5)) << "level " << l;
      EXPECT_TRUE(torch::allclose(concurrent.hidden[l], serial.hidden[l], 1e-5, 1e-5)) << "level " << l;
    }
    EXPECT_TRUE(torch::allclose(concurrent.fused_logits, serial.fused_logits, 1e-5, 1e-5));
    EXPECT_TRUE(torch::allclose(model->box_at(concurrent, 4, 9), model->box_at(serial, 4, 9), 1e-5, 1e-5));
  }
  // A wrong number of template kernels is one clear error, with or without the pool.
  EXPECT_THROW(model->forward(search, {kernels[0]}, /*with_boxes=*/false), spot::Error);
}

}  // namespace
