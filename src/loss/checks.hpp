// Argument checks shared by the loss functions: shapes, dtypes and GT validity, each failing with a
// spot::Error that names the function, the argument and the expected shape.
#pragma once

#include <torch/types.h>

#include <string>

namespace spot::loss::detail {

// "[2, 1, 4, 4]"
std::string shape_string(const torch::Tensor& t);

// boxes: [B,4] float32/float64; present: [B] bool, same device.
void check_gt(const char* fn, const torch::Tensor& boxes, const torch::Tensor& present);
// A 4-D map [B,channels,h,w]; `floating` requires a floating dtype, else bool.
void check_map(const char* fn, const char* name, const torch::Tensor& t, int64_t channels,
               bool floating);
// `b` has the same shape as `a` (named for the message).
void check_same_shape(const char* fn, const char* name_a, const torch::Tensor& a,
                      const char* name_b, const torch::Tensor& b);
// `t` has size `batch` along dimension 0.
void check_batch(const char* fn, const char* name, const torch::Tensor& t, int64_t batch);
void check_grid(const char* fn, int h, int w, double stride);
void check_stride(const char* fn, double stride);
// Every row of `boxes` [N,4] selected by `rows` [N] bool is finite with w >= 0 and h >= 0.
void check_box_rows(const char* fn, const torch::Tensor& boxes, const torch::Tensor& rows);

// boxes with the rows of absent items set to 0, so NaN rows cannot reach any arithmetic.
torch::Tensor zero_absent(const torch::Tensor& boxes, const torch::Tensor& present);

}  // namespace spot::loss::detail
