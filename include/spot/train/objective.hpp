// Objective: the training loss of a SpotModel output on a batch (score loss on every level = deep
// supervision, on the fused map, and GIoU on the boxes), with its parts for logging.
#pragma once

#include <string>
#include <vector>

#include <torch/torch.h>

#include "spot/model/spot_model.hpp"
#include "spot/train/batch.hpp"
#include "spot/train/train_config.hpp"

namespace spot::train {

struct LossParts {
  torch::Tensor total;              // scalar, differentiable
  std::vector<double> levels;       // score loss per level (detached values)
  double fused = 0.0;
  double box = 0.0;
};

LossParts compute_loss(const model::ModelOutput& out, const Batch& batch, const LossConfig& config);

}  // namespace spot::train
