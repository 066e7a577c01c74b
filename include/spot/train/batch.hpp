// Batch: training pairs from the size-balanced sampler as tensors.
#pragma once

#include <cstdint>

#include <torch/torch.h>

#include "spot/data/size_balanced_sampler.hpp"

namespace spot::train {

struct Batch {
  torch::Tensor templates;       // [B,3,T,T] float BGR 0..255
  torch::Tensor template_boxes;  // [B,4] x,y,w,h in template pixels
  torch::Tensor search;          // [B,3,H,W] float BGR 0..255
  torch::Tensor search_boxes;    // [B,4] x,y,w,h in search pixels (zeros when absent)
  torch::Tensor present;         // [B] bool
};

// An 8-bit BGR image as a [3,H,W] float tensor (values 0..255, BGR kept: the backbone expects it).
torch::Tensor image_tensor(const cv::Mat& bgr);

// Pairs first .. first+count-1 of the sampler (deterministic in the indices).
Batch make_batch(const data::SizeBalancedSampler& sampler, std::uint64_t first, int count);

}  // namespace spot::train
