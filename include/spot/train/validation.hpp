// Validation on held-apart pairs with SPOT's point criterion: a pair is a hit when the fused map's
// top-scoring point lies inside the ground-truth box.
#pragma once

#include <cstdint>

#include "spot/data/size_balanced_sampler.hpp"
#include "spot/model/spot_model.hpp"

namespace spot::train {

struct ValidationResult {
  double point_hit_rate = 0.0;       // over pairs whose search image shows the target
  long present_pairs = 0;
  long absent_pairs = 0;
  double present_score_mean = 0.0;   // mean sigmoid(max fused logit) on present pairs
  double absent_score_mean = 0.0;    // ... on absent pairs (0 when there are none)
};

// Pairs 0 .. pairs-1 of `sampler`, in batches of `batch`; the model is put in eval mode and back.
ValidationResult validate_point_hit(model::SpotModel& model, const data::SizeBalancedSampler& sampler,
                                    int pairs, int batch);

// The image point of the fused map's maximum for each item: [B,2] (x, y) in search pixels, and the
// sigmoid of that maximum [B].
std::pair<torch::Tensor, torch::Tensor> top_points(const model::ModelOutput& out);

}  // namespace spot::train
