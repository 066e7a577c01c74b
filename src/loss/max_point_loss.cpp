// max_point_loss: top-K hard positives and negatives per object, gated BCE, per-side means.
#include "spot/loss/max_point_loss.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "checks.hpp"
#include "spot/error.hpp"

namespace spot::loss {
namespace {

// One side of the loss. scores: [B,n]; member: [B,n] bool, the candidates of this side.
// Returns [B]: the mean gated BCE over the (at most k) highest-scoring candidates of each item, 0
// for an item without candidates.
torch::Tensor side_loss(const torch::Tensor& scores, const torch::Tensor& member, int64_t k,
                        bool positive, double gate) {
  const auto candidates = scores.masked_fill(~member, -std::numeric_limits<double>::infinity());
  const auto top = candidates.topk(k, /*dim=*/1);
  const auto& values = std::get<0>(top);  // [B,k]
  const auto& index = std::get<1>(top);
  // With fewer than k candidates topk also returns -inf fillers; they are not selected.
  const auto selected = member.gather(1, index);
  const auto zero = torch::zeros_like(values);
  const auto x = torch::where(selected, values, zero);  // no -inf enters the arithmetic below
  // The gate looks at the current score only; it decides, it is not differentiated.
  const auto p = torch::sigmoid(x.detach());
  const auto needs_push = positive ? p <= gate : p >= gate;
  // BCE with target 1 is -log(sigmoid(x)) = softplus(-x); with target 0 it is softplus(x).
  const auto bce = torch::softplus(positive ? -x : x);
  const auto loss = torch::where(selected & needs_push, bce, zero);
  const auto count = selected.sum(1).clamp_min(1).to(values.scalar_type());
  return loss.sum(1) / count;
}

}  // namespace

void PointLossOptions::validate() const {
  if (k < 0) throw Error(fmt::format("point loss: k must be >= 1 (or 0 for every point), got {}", k));
  if (!(positive_gate >= 0.0 && positive_gate <= 1.0))
    throw Error(fmt::format("point loss: positive_gate must be in [0, 1], got {}", positive_gate));
  if (!(negative_gate >= 0.0 && negative_gate <= 1.0))
    throw Error(fmt::format("point loss: negative_gate must be in [0, 1], got {}", negative_gate));
}

torch::Tensor max_point_loss(const torch::Tensor& logits, const torch::Tensor& inside,
                             const torch::Tensor& present, const PointLossOptions& options) {
  constexpr const char* fn = "max_point_loss";
  options.validate();
  detail::check_map(fn, "logits", logits, 1, /*floating=*/true);
  detail::check_map(fn, "inside", inside, 1, /*floating=*/false);
  detail::check_same_shape(fn, "logits", logits, "inside", inside);
  if (!present.defined() || present.dim() != 1 || present.scalar_type() != torch::kBool)
    throw Error(
        fmt::format("{}: present must be bool [B], got {}", fn, detail::shape_string(present)));
  detail::check_batch(fn, "present", present, logits.size(0));

  const int64_t batch = logits.size(0);
  const int64_t n = logits.size(2) * logits.size(3);
  const int64_t k = options.k == 0 ? n : std::min<int64_t>(options.k, n);
  const auto scores = logits.reshape({batch, n});
  const auto in = inside.reshape({batch, n}) & present.to(inside.device()).view({batch, 1});
  const auto positives = side_loss(scores, in, k, /*positive=*/true, options.positive_gate);
  const auto negatives = side_loss(scores, ~in, k, /*positive=*/false, options.negative_gate);
  return (positives + negatives).mean();
}

}  // namespace spot::loss
