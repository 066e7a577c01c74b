// got10k's OTB protocol: success (IoU > t) and precision (centre error <= t px) curves per
// sequence, averaged over sequences with equal weight.
#include <cmath>
#include <limits>

#include "internal.hpp"
#include "spot/eval/protocols.hpp"

namespace spot::eval {

namespace {
constexpr int kIouBins = 21;
constexpr int kCeBins = 51;

struct Curves {
  std::vector<double> success = std::vector<double>(kIouBins, 0.0);
  std::vector<double> precision = std::vector<double>(kCeBins, 0.0);
};

Curves sequence_curves(const SequenceEvalInput& s, const TrackerOutput& out) {
  const int init = init_frame(s);
  const int n = static_cast<int>(s.groundtruth.size());
  const std::vector<double> thr_iou = detail::linspace(0.0, 1.0, kIouBins);
  std::vector<long> succ(kIouBins, 0), prec(kCeBins, 0);
  for (int k = init; k < n; ++k) {
    const geometry::MaybeBox& gt = s.groundtruth[static_cast<std::size_t>(k)];
    // got10k overwrites the first prediction with the GT (boxes[0] = anno[0]).
    const geometry::MaybeBox& pred = k == init ? gt : out.boxes[static_cast<std::size_t>(k)];
    if (!detail::present(gt) || !detail::present(pred)) continue;  // NaN: fails every threshold
    const double iou = geometry::iou_got10k(*pred, *gt);
    const double ce = detail::center_error_got10k(*pred, *gt);
    for (int t = 0; t < kIouBins; ++t) succ[t] += iou > thr_iou[static_cast<std::size_t>(t)];
    for (int t = 0; t < kCeBins; ++t) prec[t] += ce <= static_cast<double>(t);
  }
  Curves c;
  const double frames = n - init;  // GT-absent and absent-prediction frames stay in the denominator
  for (int t = 0; t < kIouBins; ++t) c.success[static_cast<std::size_t>(t)] = succ[t] / frames;
  for (int t = 0; t < kCeBins; ++t) c.precision[static_cast<std::size_t>(t)] = prec[t] / frames;
  return c;
}

nlohmann::json metrics(const Curves& c) {
  nlohmann::json m;
  m["success_auc"] = detail::number(detail::np_mean(c.success));
  m["success_rate_0.5"] = detail::number(c.success[kIouBins / 2]);
  m["precision_at_20px"] = detail::number(c.precision[20]);
  m["success_curve"] = detail::numbers(c.success);
  m["precision_curve"] = detail::numbers(c.precision);
  return m;
}
}  // namespace

nlohmann::json evaluate_otb(const std::vector<SequenceEvalInput>& sequences,
                            const ResultsBySequence& results) {
  detail::check_inputs(sequences, results, "", false);
  nlohmann::json per_seq = nlohmann::json::object();
  Curves sum;
  for (const auto& s : sequences) {
    const Curves c = sequence_curves(s, detail::output_for(results, s.name));
    per_seq[s.name] = metrics(c);
    for (int t = 0; t < kIouBins; ++t) sum.success[t] += c.success[t];
    for (int t = 0; t < kCeBins; ++t) sum.precision[t] += c.precision[t];
  }
  // Equal weight per sequence (np.mean over axis 0), then the scores from the averaged curves.
  const double count = sequences.empty() ? std::nan("") : static_cast<double>(sequences.size());
  for (double& v : sum.success) v /= count;
  for (double& v : sum.precision) v /= count;
  return detail::protocol_result(per_seq, metrics(sum));
}

}  // namespace spot::eval
