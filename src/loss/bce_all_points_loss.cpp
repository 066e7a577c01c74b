// bce_all_points_loss: BCE on every location, the dense baseline.
#include "spot/loss/bce_all_points_loss.hpp"

#include "checks.hpp"

namespace spot::loss {

torch::Tensor bce_all_points_loss(const torch::Tensor& logits, const torch::Tensor& inside) {
  constexpr const char* fn = "bce_all_points_loss";
  detail::check_map(fn, "logits", logits, 1, /*floating=*/true);
  detail::check_map(fn, "inside", inside, 1, /*floating=*/false);
  detail::check_same_shape(fn, "logits", logits, "inside", inside);
  return torch::binary_cross_entropy_with_logits(logits, inside.to(logits.scalar_type()));
}

}  // namespace spot::loss
