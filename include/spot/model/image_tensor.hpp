// An 8-bit interleaved BGR image (as OpenCV stores it) as the float tensor the backbone expects.
#pragma once

#include <cstddef>
#include <cstdint>

#include <torch/torch.h>

namespace spot::model {

// data: rows x cols x 3 bytes, `step` bytes per row -> [3, rows, cols] float32, values 0..255, BGR
// kept (NanoTrack was trained on BGR). Copies the pixels.
torch::Tensor bgr_image_tensor(const std::uint8_t* data, int rows, int cols, std::size_t step);

}  // namespace spot::model
