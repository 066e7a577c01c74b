// SpotModel: the box at one location (box_at, used by the tracker to skip the box head over the
// whole map) equals the full box head's answer there, borders included.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include "spot/model/spot_model.hpp"

namespace {

TEST(SpotModel, BoxAtOneLocationEqualsTheFullBoxHead) {
  torch::manual_seed(4);
  spot::model::ModelConfig config;
  config.pretrained = false;
  spot::model::SpotModel model(config);
  model->eval();
  torch::NoGradGuard no_grad;
  const auto search = torch::rand({1, 3, 72, 120}) * 255;
  const auto kernels = model->encode_template(torch::rand({1, 3, 64, 64}) * 255, torch::tensor({{20.f, 20.f, 16.f, 16.f}}));
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

}  // namespace
