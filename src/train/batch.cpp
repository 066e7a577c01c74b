// Turning sampler pairs into batch tensors.
#include "spot/train/batch.hpp"

#include "spot/error.hpp"
#include "spot/model/image_tensor.hpp"

namespace spot::train {

torch::Tensor image_tensor(const cv::Mat& bgr) {
  if (bgr.empty() || bgr.type() != CV_8UC3) throw Error("image_tensor: expected a non-empty 8-bit BGR image");
  return model::bgr_image_tensor(bgr.data, bgr.rows, bgr.cols, bgr.step);
}

Batch make_batch(const data::SizeBalancedSampler& sampler, std::uint64_t first, int count) {
  std::vector<torch::Tensor> templates, search;
  auto tboxes = torch::zeros({count, 4}), sboxes = torch::zeros({count, 4});
  auto present = torch::zeros({count}, torch::kBool);
  auto tb = tboxes.accessor<float, 2>(), sb = sboxes.accessor<float, 2>();
  auto pr = present.accessor<bool, 1>();
  for (int i = 0; i < count; ++i) {
    const data::TrainingPair p = sampler.sample(first + static_cast<std::uint64_t>(i));
    templates.push_back(image_tensor(p.template_image));
    search.push_back(image_tensor(p.search_image));
    const auto& t = p.template_box;
    tb[i][0] = float(t.x), tb[i][1] = float(t.y), tb[i][2] = float(t.w), tb[i][3] = float(t.h);
    if (p.plan.search_box) {
      const auto& s = *p.plan.search_box;
      sb[i][0] = float(s.x), sb[i][1] = float(s.y), sb[i][2] = float(s.w), sb[i][3] = float(s.h);
      pr[i] = true;
    }
  }
  return {torch::stack(templates), tboxes, torch::stack(search), sboxes, present};
}

}  // namespace spot::train
