// Helpers for the loss tests: small hand-written maps, GT batches, and spot::Error message capture.
#pragma once

#include "support/errors.hpp"

#include <gtest/gtest.h>
#include <torch/types.h>

#include <functional>
#include <string>
#include <vector>

#include "spot/error.hpp"

namespace spot::test {

// A [1,1,h,w] float map from row-major values, as a leaf that records gradients.
inline torch::Tensor score_map(const std::vector<float>& values, int h, int w) {
  return torch::tensor(values, torch::kFloat).reshape({1, 1, h, w}).detach().requires_grad_(true);
}

// A [1,1,h,w] bool mask with true at the given (i, j) cells.
inline torch::Tensor cells(const std::vector<std::pair<int, int>>& ij, int h, int w) {
  auto m = torch::zeros({1, 1, h, w}, torch::kBool);
  for (const auto& [i, j] : ij) m[0][0][i][j] = true;
  return m;
}

// boxes [B,4] float and present [B] bool from rows; a row of all NaN marks "absent".
struct Gt {
  torch::Tensor boxes;
  torch::Tensor present;
};
inline Gt gt(const std::vector<std::vector<float>>& rows) {
  std::vector<float> flat;
  std::vector<char> present;
  for (const auto& r : rows) {
    flat.insert(flat.end(), r.begin(), r.end());
    present.push_back(r[0] == r[0] ? 1 : 0);  // NaN != NaN
  }
  const auto b = static_cast<int64_t>(rows.size());
  auto p = torch::zeros({b}, torch::kBool);
  for (int64_t i = 0; i < b; ++i) p[i] = present[static_cast<size_t>(i)] != 0;
  return {torch::tensor(flat, torch::kFloat).reshape({b, 4}), p};
}

// The (i, j) cells where a [1,1,h,w] tensor is non-zero, row-major.
inline std::vector<std::pair<int, int>> nonzero_cells(const torch::Tensor& t) {
  std::vector<std::pair<int, int>> out;
  const auto m = t.detach().reshape({t.size(-2), t.size(-1)}).ne(0);
  for (int i = 0; i < m.size(0); ++i)
    for (int j = 0; j < m.size(1); ++j)
      if (m[i][j].item<bool>()) out.emplace_back(i, j);
  return out;
}

}  // namespace spot::test
