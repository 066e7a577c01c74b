// Point-criterion validation of a model on held-apart pairs.
#include "spot/train/validation.hpp"

#include <algorithm>

#include "spot/train/batch.hpp"

namespace spot::train {

std::pair<torch::Tensor, torch::Tensor> top_points(const model::ModelOutput& out) {
  const auto& f = out.fused_logits;  // [B,1,h,w]
  const int64_t w = f.size(3);
  const auto flat = f.flatten(1);    // [B,h*w]
  const auto [maxv, idx] = flat.max(1);
  const auto xs = ((idx % w).to(torch::kFloat32) + 0.5) * out.fused_stride;
  const auto ys = ((idx / w).to(torch::kFloat32) + 0.5) * out.fused_stride;
  return {torch::stack({xs, ys}, 1), torch::sigmoid(maxv)};
}

ValidationResult validate_point_hit(model::SpotModel& model, const data::SizeBalancedSampler& sampler,
                                    int pairs, int batch) {
  torch::NoGradGuard no_grad;
  const bool was_training = model->is_training();
  model->eval();
  ValidationResult r;
  long hits = 0;
  double present_scores = 0, absent_scores = 0;
  for (int first = 0; first < pairs; first += batch) {
    const int n = std::min(batch, pairs - first);
    const Batch b = make_batch(sampler, static_cast<std::uint64_t>(first), n);
    const auto out = model->forward(b.search, model->encode_template(b.templates, b.template_boxes));
    const auto [points, scores] = top_points(out);
    const auto p = points.accessor<float, 2>();
    const auto s = scores.accessor<float, 1>();
    const auto box = b.search_boxes.accessor<float, 2>();
    const auto present = b.present.accessor<bool, 1>();
    for (int i = 0; i < n; ++i) {
      if (present[i]) {
        ++r.present_pairs;
        present_scores += s[i];
        hits += p[i][0] >= box[i][0] && p[i][0] <= box[i][0] + box[i][2] && p[i][1] >= box[i][1] &&
                p[i][1] <= box[i][1] + box[i][3];
      } else {
        ++r.absent_pairs;
        absent_scores += s[i];
      }
    }
  }
  if (r.present_pairs > 0) {
    r.point_hit_rate = static_cast<double>(hits) / r.present_pairs;
    r.present_score_mean = present_scores / r.present_pairs;
  }
  if (r.absent_pairs > 0) r.absent_score_mean = absent_scores / r.absent_pairs;
  model->train(was_training);
  return r;
}

}  // namespace spot::train
