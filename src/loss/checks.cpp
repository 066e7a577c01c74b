// Argument checks shared by the loss functions (see checks.hpp).
#include "checks.hpp"

#include <fmt/format.h>

#include <cmath>
#include <sstream>

#include "spot/error.hpp"

namespace spot::loss::detail {

std::string shape_string(const torch::Tensor& t) {
  if (!t.defined()) return "undefined";
  std::ostringstream out;
  out << t.sizes();
  return out.str();
}

void check_gt(const char* fn, const torch::Tensor& boxes, const torch::Tensor& present) {
  if (!boxes.defined() || boxes.dim() != 2 || boxes.size(1) != 4)
    throw Error(
        fmt::format("{}: boxes must be [B,4] (x, y, w, h), got {}", fn, shape_string(boxes)));
  if (boxes.scalar_type() != torch::kFloat && boxes.scalar_type() != torch::kDouble)
    throw Error(fmt::format("{}: boxes must be float32 or float64, got {}", fn,
                            std::string(c10::toString(boxes.scalar_type()))));
  if (!present.defined() || present.dim() != 1 || present.size(0) != boxes.size(0))
    throw Error(fmt::format("{}: present must be [B] = [{}] to match boxes {}, got {}", fn,
                            boxes.size(0), shape_string(boxes), shape_string(present)));
  if (present.scalar_type() != torch::kBool)
    throw Error(fmt::format("{}: present must be bool, got {}", fn,
                            std::string(c10::toString(present.scalar_type()))));
  if (present.device() != boxes.device())
    throw Error(fmt::format("{}: boxes and present must be on the same device", fn));
}

void check_map(const char* fn, const char* name, const torch::Tensor& t, int64_t channels,
               bool floating) {
  if (!t.defined() || t.dim() != 4 || t.size(1) != channels || t.size(2) < 1 || t.size(3) < 1)
    throw Error(fmt::format("{}: {} must be [B,{},h,w] with h, w >= 1, got {}", fn, name, channels,
                            shape_string(t)));
  const bool ok = floating ? t.is_floating_point() : t.scalar_type() == torch::kBool;
  if (!ok)
    throw Error(fmt::format("{}: {} must be {}, got {}", fn, name, floating ? "floating" : "bool",
                            std::string(c10::toString(t.scalar_type()))));
}

void check_same_shape(const char* fn, const char* name_a, const torch::Tensor& a,
                      const char* name_b, const torch::Tensor& b) {
  if (a.sizes() != b.sizes())
    throw Error(fmt::format("{}: {} must have the shape of {} {}, got {}", fn, name_b, name_a,
                            shape_string(a), shape_string(b)));
  if (a.device() != b.device())
    throw Error(fmt::format("{}: {} and {} must be on the same device", fn, name_a, name_b));
}

void check_batch(const char* fn, const char* name, const torch::Tensor& t, int64_t batch) {
  if (t.size(0) != batch)
    throw Error(
        fmt::format("{}: {} has batch size {}, expected B = {}", fn, name, t.size(0), batch));
}

void check_stride(const char* fn, double stride) {
  if (!(stride > 0.0) || !std::isfinite(stride))
    throw Error(fmt::format("{}: stride must be a finite number > 0, got {}", fn, stride));
}

void check_grid(const char* fn, int h, int w, double stride) {
  if (h < 1 || w < 1)
    throw Error(fmt::format("{}: the map size must be at least 1x1, got h = {}, w = {}", fn, h, w));
  check_stride(fn, stride);
}

void check_box_rows(const char* fn, const torch::Tensor& boxes, const torch::Tensor& rows) {
  const auto finite = torch::isfinite(boxes).all(1);
  const auto non_negative = (boxes.select(1, 2) >= 0) & (boxes.select(1, 3) >= 0);
  const auto bad = rows & ~(finite & non_negative);
  if (bad.any().item<bool>()) {
    const auto first = bad.nonzero().select(1, 0)[0].item<int64_t>();
    const auto row = boxes[first].to(torch::kDouble).contiguous();
    const auto* v = row.data_ptr<double>();
    throw Error(
        fmt::format("{}: GT box of item {} must be finite with w >= 0 and h >= 0, got "
                    "(x, y, w, h) = ({}, {}, {}, {})",
                    fn, first, v[0], v[1], v[2], v[3]));
  }
}

torch::Tensor zero_absent(const torch::Tensor& boxes, const torch::Tensor& present) {
  return torch::where(present.unsqueeze(1), boxes, torch::zeros_like(boxes));
}

}  // namespace spot::loss::detail
