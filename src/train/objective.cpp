// The training objective: weighted score losses (levels + fused) plus the GIoU box loss.
#include "spot/train/objective.hpp"

#include "spot/loss/giou_loss.hpp"
#include "spot/loss/inside_mask.hpp"
#include "spot/loss/score_loss.hpp"

namespace spot::train {

LossParts compute_loss(const model::ModelOutput& out, const Batch& batch, const LossConfig& c) {
  loss::ScoreLossOptions options;
  options.point = {c.k, c.positive_gate, c.negative_gate};
  const loss::ScoreLoss kind = loss::parse_score_loss(c.score);
  LossParts parts;
  torch::Tensor total = torch::zeros({});
  for (size_t l = 0; l < out.level_logits.size(); ++l) {
    const auto v = loss::score_loss(kind, out.level_logits[l], batch.search_boxes, batch.present,
                                    out.level_strides[l], options);
    parts.levels.push_back(v.item<double>());
    if (c.level_weight > 0) total = total + c.level_weight * v;
  }
  const auto fused = loss::score_loss(kind, out.fused_logits, batch.search_boxes, batch.present,
                                      out.fused_stride, options);
  parts.fused = fused.item<double>();
  total = total + c.fused_weight * fused;
  const auto positives = loss::inside_mask(batch.search_boxes, batch.present,
                                           static_cast<int>(out.ltrb.size(2)),
                                           static_cast<int>(out.ltrb.size(3)), out.fused_stride);
  const auto box = loss::giou_loss(out.ltrb, batch.search_boxes, positives, out.fused_stride);
  parts.box = box.item<double>();
  parts.total = total + c.box_weight * box;
  return parts;
}

}  // namespace spot::train
