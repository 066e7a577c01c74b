// Shared helpers of the eval area (see internal.hpp): numpy-style grids and sums, got10k centre
// errors, input validation, JSON conversion.
#include "internal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "spot/error.hpp"

namespace spot::eval::detail {

std::vector<double> linspace(double start, double stop, int num) {
  std::vector<double> out;
  if (num <= 0) return out;
  out.resize(static_cast<std::size_t>(num));
  if (num == 1) {
    out[0] = start;
    return out;
  }
  // numpy computes k * step + start (not start + k * delta / div) and pins the last point.
  const double step = (stop - start) / (num - 1);
  for (int k = 0; k < num; ++k) out[static_cast<std::size_t>(k)] = k * step + start;
  out.back() = stop;
  return out;
}

namespace {
// numpy's DOUBLE_pairwise_sum: blocks of up to 128 summed with 8 accumulators, larger arrays split
// in halves rounded down to a multiple of 8.
double pairwise(const double* a, std::size_t n) {
  if (n < 8) {
    double res = 0.0;
    for (std::size_t i = 0; i < n; ++i) res += a[i];
    return res;
  }
  if (n <= 128) {
    double r[8];
    for (std::size_t j = 0; j < 8; ++j) r[j] = a[j];
    std::size_t i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (std::size_t j = 0; j < 8; ++j) r[j] += a[i + j];
    }
    double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) res += a[i];
    return res;
  }
  std::size_t n2 = n / 2;
  n2 -= n2 % 8;
  return pairwise(a, n2) + pairwise(a + n2, n - n2);
}
}  // namespace

double np_sum(const std::vector<double>& values) { return pairwise(values.data(), values.size()); }

double np_mean(const std::vector<double>& values) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  return np_sum(values) / static_cast<double>(values.size());
}

bool present(const geometry::MaybeBox& box) { return box.has_value() && box->finite(); }

double center_error_got10k(const geometry::Box& p, const geometry::Box& g) {
  const double dx = (p.x + (p.w - 1) / 2) - (g.x + (g.w - 1) / 2);
  const double dy = (p.y + (p.h - 1) / 2) - (g.y + (g.h - 1) / 2);
  return std::sqrt(dx * dx + dy * dy);
}

double normalized_center_error_got10k(const geometry::Box& p, const geometry::Box& g) {
  const double dx = ((p.x + (p.w - 1) / 2) - (g.x + (g.w - 1) / 2)) / std::max(1.0, g.w);
  const double dy = ((p.y + (p.h - 1) / 2) - (g.y + (g.h - 1) / 2)) / std::max(1.0, g.h);
  return std::sqrt(dx * dx + dy * dy);
}

void check_inputs(const std::vector<SequenceEvalInput>& sequences, const ResultsBySequence& results,
                  const std::string& label, bool needs_image_size) {
  const std::string who = label.empty() ? std::string("results") : "results '" + label + "'";
  std::set<std::string> names;
  for (const auto& s : sequences) {
    if (!names.insert(s.name).second)
      throw Error(fmt::format("sequence name '{}' appears twice in the dataset", s.name));
    init_frame(s);  // throws when no frame has a present GT box
    const std::size_t n = s.groundtruth.size();
    for (const auto& [attr, flags] : s.attributes) {
      if (flags.size() != n)
        throw Error(
            fmt::format("sequence '{}': attribute '{}' has {} values, expected {} (one per frame)",
                        s.name, attr, flags.size(), n));
    }
    if (needs_image_size && (s.image_size.width <= 0 || s.image_size.height <= 0))
      throw Error(
          fmt::format("sequence '{}': image size unknown ({}x{}); got10k, vot-lt and oxuva "
                      "crop boxes to the image",
                      s.name, s.image_size.width, s.image_size.height));
    const auto it = results.find(s.name);
    if (it == results.end())
      throw Error(fmt::format("{} have no output for sequence '{}'", who, s.name));
    const TrackerOutput& out = it->second;
    if (out.boxes.size() != n)
      throw Error(fmt::format("{}, sequence '{}': {} boxes, expected {} (one per GT frame)", who,
                              s.name, out.boxes.size(), n));
    if (!out.confidence.empty() && out.confidence.size() != n)
      throw Error(fmt::format("{}, sequence '{}': {} confidences, expected {} (one per GT frame)",
                              who, s.name, out.confidence.size(), n));
  }
}

const TrackerOutput& output_for(const ResultsBySequence& results, const std::string& sequence) {
  const auto it = results.find(sequence);
  if (it == results.end()) throw Error("results have no output for sequence '" + sequence + "'");
  return it->second;
}

nlohmann::json number(double value) {
  if (!std::isfinite(value)) return nullptr;
  return value;
}

nlohmann::json numbers(const std::vector<double>& values) {
  nlohmann::json out = nlohmann::json::array();
  for (double v : values) out.push_back(number(v));
  return out;
}

nlohmann::json protocol_result(nlohmann::json sequences, nlohmann::json overall) {
  nlohmann::json out = nlohmann::json::object();
  out["sequences"] = std::move(sequences);
  out["overall"] = std::move(overall);
  return out;
}

}  // namespace spot::eval::detail
