// ScoreLoss names and the dispatch from a level's logits + GT to the chosen score loss.
#include "spot/loss/score_loss.hpp"

#include "spot/error.hpp"
#include "spot/loss/bce_all_points_loss.hpp"
#include "spot/loss/gaussian_focal_loss.hpp"
#include "spot/loss/gaussian_heatmap.hpp"
#include "spot/loss/inside_mask.hpp"

namespace spot::loss {

ScoreLoss parse_score_loss(const std::string& name) {
  for (const auto kind : {ScoreLoss::MaxPoint, ScoreLoss::GaussianFocal, ScoreLoss::BceAllPoints})
    if (name == to_string(kind)) return kind;
  throw Error("unknown score loss '" + name + "' (valid names: max-point, focal, bce)");
}

std::string to_string(ScoreLoss loss) {
  switch (loss) {
    case ScoreLoss::MaxPoint:
      return "max-point";
    case ScoreLoss::GaussianFocal:
      return "focal";
    case ScoreLoss::BceAllPoints:
      return "bce";
  }
  throw Error("to_string: invalid ScoreLoss value " + std::to_string(static_cast<int>(loss)));
}

torch::Tensor score_loss(ScoreLoss kind, const torch::Tensor& logits, const torch::Tensor& boxes,
                         const torch::Tensor& present, double stride,
                         const ScoreLossOptions& options) {
  if (!logits.defined() || logits.dim() != 4) throw Error("score_loss: logits must be [B,1,h,w]");
  const int h = static_cast<int>(logits.size(2));
  const int w = static_cast<int>(logits.size(3));
  switch (kind) {
    case ScoreLoss::MaxPoint:
      return max_point_loss(logits, inside_mask(boxes, present, h, w, stride), present,
                            options.point);
    case ScoreLoss::GaussianFocal:
      return gaussian_focal_loss(logits,
                                 gaussian_heatmap(boxes, present, h, w, stride, options.min_sigma),
                                 options.focal_alpha, options.focal_beta);
    case ScoreLoss::BceAllPoints:
      return bce_all_points_loss(logits, inside_mask(boxes, present, h, w, stride));
  }
  throw Error("score_loss: invalid ScoreLoss value " + std::to_string(static_cast<int>(kind)));
}

}  // namespace spot::loss
