// giou_loss: 1 - GIoU (Rezatofighi et al., CVPR 2019) on the positive locations, averaged per
// object.
#include "spot/loss/giou_loss.hpp"

#include <fmt/format.h>

#include "checks.hpp"
#include "spot/error.hpp"
#include "spot/loss/box_decoding.hpp"

namespace spot::loss {
namespace {

// a, b: [P,4] (x, y, w, h). Returns [P] GIoU in [-1, 1].
torch::Tensor giou(const torch::Tensor& a, const torch::Tensor& b) {
  // eps keeps degenerate (zero-area) boxes finite; it moves a perfect match's GIoU by ~1e-7/area.
  constexpr double eps = 1e-7;
  const auto ax1 = a.select(1, 0), ay1 = a.select(1, 1);
  const auto ax2 = ax1 + a.select(1, 2), ay2 = ay1 + a.select(1, 3);
  const auto bx1 = b.select(1, 0), by1 = b.select(1, 1);
  const auto bx2 = bx1 + b.select(1, 2), by2 = by1 + b.select(1, 3);
  const auto inter = (torch::min(ax2, bx2) - torch::max(ax1, bx1)).clamp_min(0) *
                     (torch::min(ay2, by2) - torch::max(ay1, by1)).clamp_min(0);
  const auto area_a = (ax2 - ax1).clamp_min(0) * (ay2 - ay1).clamp_min(0);
  const auto area_b = (bx2 - bx1).clamp_min(0) * (by2 - by1).clamp_min(0);
  const auto uni = area_a + area_b - inter;
  const auto hull =
      (torch::max(ax2, bx2) - torch::min(ax1, bx1)) * (torch::max(ay2, by2) - torch::min(ay1, by1));
  return inter / (uni + eps) - (hull - uni) / (hull + eps);
}

}  // namespace

torch::Tensor giou_loss(const torch::Tensor& ltrb, const torch::Tensor& boxes,
                        const torch::Tensor& positive_mask, double stride) {
  constexpr const char* fn = "giou_loss";
  detail::check_map(fn, "ltrb", ltrb, 4, /*floating=*/true);
  detail::check_map(fn, "positive_mask", positive_mask, 1, /*floating=*/false);
  detail::check_same_shape(fn, "ltrb[:, :1]", ltrb.slice(1, 0, 1), "positive_mask", positive_mask);
  if (!boxes.defined() || boxes.dim() != 2 || boxes.size(1) != 4 || !boxes.is_floating_point())
    throw Error(fmt::format("{}: boxes must be floating [B,4] (x, y, w, h), got {}", fn,
                            detail::shape_string(boxes)));
  detail::check_batch(fn, "boxes", boxes, ltrb.size(0));
  detail::check_stride(fn, stride);

  const int64_t batch = ltrb.size(0);
  const int64_t n = ltrb.size(2) * ltrb.size(3);
  const auto per_item = positive_mask.reshape({batch, n}).to(boxes.device());
  const auto counts = per_item.sum(1);  // [B] positives per item
  const auto has_positive = counts > 0;
  if (!has_positive.any().item<bool>()) return ltrb.sum() * 0;
  detail::check_box_rows(fn, boxes, has_positive);

  // Only positive locations are gathered, so NaN rows of other items never enter the graph.
  const auto mask = positive_mask.reshape({batch * n}).to(ltrb.device());
  const auto pred = decode_boxes(ltrb, stride).permute({0, 2, 3, 1}).reshape({batch * n, 4});
  const auto gt =
      boxes.to(ltrb.options()).unsqueeze(1).expand({batch, n, 4}).reshape({batch * n, 4});
  const auto item = torch::arange(batch, per_item.options().dtype(torch::kLong))
                        .repeat_interleave(n)
                        .to(ltrb.device());
  const auto selected_item = item.index({mask});
  const auto loss = 1 - giou(pred.index({mask}), gt.index({mask}));  // [P]
  // Each item's positives share weight 1, so an object's size does not set its weight.
  const auto weight = 1 / counts.to(ltrb.options()).index_select(0, selected_item);
  return (loss * weight).sum() / has_positive.sum().to(ltrb.scalar_type());
}

}  // namespace spot::loss
