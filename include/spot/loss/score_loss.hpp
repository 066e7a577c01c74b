// ScoreLoss: which score-map loss training uses (the seed's max-point loss or a comparison
// baseline), its config names, and one entry point that builds the level's target and applies it.
#pragma once

#include <torch/types.h>

#include <string>

#include "spot/loss/max_point_loss.hpp"

namespace spot::loss {

enum class ScoreLoss {
  MaxPoint,       // "max-point": max_point_loss on inside_mask (K points per object)
  GaussianFocal,  // "focal": gaussian_focal_loss on gaussian_heatmap (CenterNet)
  BceAllPoints,   // "bce": bce_all_points_loss on inside_mask
};

// Accepts exactly "max-point", "focal" or "bce". Throws spot::Error listing the valid names.
ScoreLoss parse_score_loss(const std::string& name);
// The name parse_score_loss accepts.
std::string to_string(ScoreLoss loss);

struct ScoreLossOptions {
  PointLossOptions point;    // MaxPoint only
  double focal_alpha = 2.0;  // GaussianFocal only
  double focal_beta = 4.0;   // GaussianFocal only
  double min_sigma = 0.5;    // GaussianFocal only: smallest Gaussian sigma, in cells
};

// logits: [B,1,h,w] of a level with this stride; boxes: [B,4] (x, y, w, h) in search-image pixels;
// present: [B] bool. Builds the target for `kind` at this level and returns its scalar loss.
// Throws spot::Error as the functions it calls.
torch::Tensor score_loss(ScoreLoss kind, const torch::Tensor& logits, const torch::Tensor& boxes,
                         const torch::Tensor& present, double stride,
                         const ScoreLossOptions& options = {});

}  // namespace spot::loss
