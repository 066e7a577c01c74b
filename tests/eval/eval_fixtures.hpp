// Small builders for the eval tests: sequences and tracker outputs written out frame by frame, so
// every expected number can be worked out by hand next to the test.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "spot/eval/evaluate.hpp"
#include "spot/eval/results_io.hpp"
#include "spot/geometry/box.hpp"

namespace spot::test {

inline geometry::MaybeBox box(double x, double y, double w, double h) {
  return geometry::Box{x, y, w, h};
}
inline const geometry::MaybeBox absent = std::nullopt;

inline eval::SequenceEvalInput sequence(std::string name, std::vector<geometry::MaybeBox> gt,
                                        geometry::ImageSize size = {100, 100}) {
  eval::SequenceEvalInput s;
  s.name = std::move(name);
  s.groundtruth = std::move(gt);
  s.image_size = size;
  return s;
}

inline eval::TrackerOutput output(std::vector<geometry::MaybeBox> boxes,
                                  std::vector<std::optional<double>> confidence = {}) {
  eval::TrackerOutput o;
  o.boxes = std::move(boxes);
  o.confidence = std::move(confidence);
  return o;
}

inline eval::ResultsBySequence results(const std::string& seq, eval::TrackerOutput o) {
  eval::ResultsBySequence r;
  r.emplace(seq, std::move(o));
  return r;
}

// n copies of a box.
inline std::vector<geometry::MaybeBox> repeat(const geometry::MaybeBox& b, int n) {
  return std::vector<geometry::MaybeBox>(static_cast<std::size_t>(n), b);
}

}  // namespace spot::test
