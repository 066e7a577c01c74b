// run_training: the training loop of `spot train` — knows models, losses and samplers, nothing of
// trackers. Writes into config.out: config.json, metrics.jsonl (one JSON object per logged step and
// per validation), curves.png, last.pt (resumable checkpoint, every checkpoint_every steps) and
// model.pt (final weights for the tracker).
#pragma once

#include "spot/train/distributed.hpp"
#include "spot/train/train_config.hpp"

namespace spot::train {

struct TrainOptions {
  bool resume = false;    // continue from <out>/last.pt (same data order and optimizer state)
  bool progress = true;   // progress bar on stderr (rank 0 only)
};

// Throws spot::Error on invalid data or config, an existing run in `out` without resume, or a
// checkpoint whose config differs from `config` (other than steps / out).
void run_training(const TrainConfig& config, const TrainOptions& options, DistributedContext& context);

// The learning rate at `step` (0-based): linear warm-up, then cosine decay to 5 % of config.lr.
double learning_rate(const TrainConfig& config, int step);

}  // namespace spot::train
