// Private helpers of the eval area: numpy-faithful grids and sums, the got10k centre errors, input
// checks and JSON conversion shared by the protocol files.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "spot/eval/evaluate.hpp"
#include "spot/geometry/box.hpp"

namespace spot::eval::detail {

// numpy.linspace(start, stop, num): start + k * ((stop - start) / (num - 1)), last point exactly
// `stop`. The toolkits' thresholds come from it, and t = 0.2 vs 0.2 + 1 ulp decides ties.
std::vector<double> linspace(double start, double stop, int num);

// numpy's pairwise summation (np.sum / np.mean of a contiguous float64 array), so averages agree
// with the toolkits to the last bits wherever that can flip a comparison (VOT's F argmax).
double np_sum(const std::vector<double>& values);
// np.mean: NaN for an empty vector.
double np_mean(const std::vector<double>& values);

// A prediction or GT box that is reported and finite.
bool present(const geometry::MaybeBox& box);

// got10k's centre errors, with its centre x + (w-1)/2 and its sqrt(dx*dx + dy*dy), so values that
// land exactly on a threshold compare as they do in the toolkit.
double center_error_got10k(const geometry::Box& prediction, const geometry::Box& groundtruth);
double normalized_center_error_got10k(const geometry::Box& prediction,
                                      const geometry::Box& groundtruth);

// Validates one results set against the sequences (see evaluate() for what throws). `label` names
// the results set in messages ("" when unknown).
void check_inputs(const std::vector<SequenceEvalInput>& sequences, const ResultsBySequence& results,
                  const std::string& label, bool needs_image_size);

// The output for a sequence (present after check_inputs()).
const TrackerOutput& output_for(const ResultsBySequence& results, const std::string& sequence);

// JSON number, or null when not finite.
nlohmann::json number(double value);
nlohmann::json numbers(const std::vector<double>& values);
// {"sequences": ..., "overall": ...}
nlohmann::json protocol_result(nlohmann::json sequences, nlohmann::json overall);

}  // namespace spot::eval::detail
