// got10k's LaSOT protocol: OTB's curves plus the normalised-precision curve, on the frames whose GT
// is present (NaN GT rows removed, unlike OTB).
#include <cmath>

#include "internal.hpp"
#include "spot/eval/protocols.hpp"

namespace spot::eval {

namespace {
constexpr int kIouBins = 21;
constexpr int kCeBins = 51;
constexpr int kNceBins = 51;

struct Curves {
  std::vector<double> success = std::vector<double>(kIouBins, 0.0);
  std::vector<double> precision = std::vector<double>(kCeBins, 0.0);
  std::vector<double> norm_precision = std::vector<double>(kNceBins, 0.0);
};

Curves sequence_curves(const SequenceEvalInput& s, const TrackerOutput& out) {
  const int init = init_frame(s);
  const int n = static_cast<int>(s.groundtruth.size());
  const std::vector<double> thr_iou = detail::linspace(0.0, 1.0, kIouBins);
  const std::vector<double> thr_nce = detail::linspace(0.0, 0.5, kNceBins);
  std::vector<long> succ(kIouBins, 0), prec(kCeBins, 0), nprec(kNceBins, 0);
  long valid = 0;
  for (int k = init; k < n; ++k) {
    const geometry::MaybeBox& gt = s.groundtruth[static_cast<std::size_t>(k)];
    if (!detail::present(gt)) continue;  // removed from numerator and denominator
    ++valid;
    const geometry::MaybeBox& pred = k == init ? gt : out.boxes[static_cast<std::size_t>(k)];
    if (!detail::present(pred)) continue;  // counted, fails every threshold
    const double iou = geometry::iou_got10k(*pred, *gt);
    const double ce = detail::center_error_got10k(*pred, *gt);
    const double nce = detail::normalized_center_error_got10k(*pred, *gt);
    for (int t = 0; t < kIouBins; ++t) succ[t] += iou > thr_iou[t];
    for (int t = 0; t < kCeBins; ++t) prec[t] += ce <= static_cast<double>(t);
    for (int t = 0; t < kNceBins; ++t) nprec[t] += nce <= thr_nce[t];
  }
  // valid >= 1: the init frame has a present GT box.
  Curves c;
  const double frames = static_cast<double>(valid);
  for (int t = 0; t < kIouBins; ++t) c.success[t] = succ[t] / frames;
  for (int t = 0; t < kCeBins; ++t) c.precision[t] = prec[t] / frames;
  for (int t = 0; t < kNceBins; ++t) c.norm_precision[t] = nprec[t] / frames;
  return c;
}

nlohmann::json metrics(const Curves& c) {
  nlohmann::json m;
  m["success_auc"] = detail::number(detail::np_mean(c.success));
  m["success_rate_0.5"] = detail::number(c.success[kIouBins / 2]);
  m["precision_at_20px"] = detail::number(c.precision[20]);
  m["normalized_precision_score"] = detail::number(detail::np_mean(c.norm_precision));
  m["success_curve"] = detail::numbers(c.success);
  m["precision_curve"] = detail::numbers(c.precision);
  m["normalized_precision_curve"] = detail::numbers(c.norm_precision);
  return m;
}
}  // namespace

nlohmann::json evaluate_lasot(const std::vector<SequenceEvalInput>& sequences,
                              const ResultsBySequence& results) {
  detail::check_inputs(sequences, results, "", false);
  nlohmann::json per_seq = nlohmann::json::object();
  Curves sum;
  for (const auto& s : sequences) {
    const Curves c = sequence_curves(s, detail::output_for(results, s.name));
    per_seq[s.name] = metrics(c);
    for (int t = 0; t < kIouBins; ++t) sum.success[t] += c.success[t];
    for (int t = 0; t < kCeBins; ++t) sum.precision[t] += c.precision[t];
    for (int t = 0; t < kNceBins; ++t) sum.norm_precision[t] += c.norm_precision[t];
  }
  const double count = sequences.empty() ? std::nan("") : static_cast<double>(sequences.size());
  for (double& v : sum.success) v /= count;
  for (double& v : sum.precision) v /= count;
  for (double& v : sum.norm_precision) v /= count;
  return detail::protocol_result(per_seq, metrics(sum));
}

}  // namespace spot::eval
