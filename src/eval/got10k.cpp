// got10k's GOT-10k protocol: image-bounded IoU on the visible frames after the first, ao / sr
// pooled over all frames of all sequences.
#include <cmath>

#include "internal.hpp"
#include "spot/eval/protocols.hpp"

namespace spot::eval {

namespace {
constexpr int kBins = 101;

// Visible per GOT-10k's meta: cover > 0 when the dataset gives cover levels; otherwise a present GT
// box. A frame whose GT box is absent is never scored (the toolkit would compute a NaN IoU there).
bool visible(const SequenceEvalInput& s, std::size_t k) {
  if (!detail::present(s.groundtruth[k])) return false;
  const auto it = s.attributes.find("cover");
  return it == s.attributes.end() || it->second[k] > 0;
}

std::vector<double> sequence_ious(const SequenceEvalInput& s, const TrackerOutput& out) {
  const std::size_t init = static_cast<std::size_t>(init_frame(s));
  std::vector<double> ious;
  for (std::size_t k = init + 1; k < s.groundtruth.size(); ++k) {
    if (!visible(s, k)) continue;
    const geometry::MaybeBox& pred = out.boxes[k];
    // An absent prediction scores IoU 0: it fails every (strict) threshold and lowers ao.
    ious.push_back(detail::present(pred)
                       ? geometry::iou_got10k_bounded(*pred, *s.groundtruth[k], s.image_size)
                       : 0.0);
  }
  return ious;
}

nlohmann::json metrics(const std::vector<double>& ious) {
  const std::vector<double> thr = detail::linspace(0.0, 1.0, kBins);
  std::vector<double> curve(kBins, 0.0);
  std::vector<double> above_half;
  above_half.reserve(ious.size());
  for (double v : ious) above_half.push_back(v > 0.5 ? 1.0 : 0.0);
  if (ious.empty()) {
    curve.assign(kBins, std::nan(""));
  } else {
    for (int t = 0; t < kBins; ++t) {
      long c = 0;
      for (double v : ious) c += v > thr[t];
      curve[t] = static_cast<double>(c) / static_cast<double>(ious.size());
    }
  }
  nlohmann::json m;
  m["ao"] = detail::number(detail::np_mean(ious));
  m["sr50"] = detail::number(detail::np_mean(above_half));
  m["sr75"] = detail::number(curve[75]);
  m["success_curve_101"] = detail::numbers(curve);
  return m;
}
}  // namespace

nlohmann::json evaluate_got10k(const std::vector<SequenceEvalInput>& sequences,
                               const ResultsBySequence& results) {
  detail::check_inputs(sequences, results, "", true);
  nlohmann::json per_seq = nlohmann::json::object();
  std::vector<double> pooled;
  for (const auto& s : sequences) {
    const std::vector<double> ious = sequence_ious(s, detail::output_for(results, s.name));
    per_seq[s.name] = metrics(ious);
    pooled.insert(pooled.end(), ious.begin(), ious.end());  // np.concatenate in sequence order
  }
  return detail::protocol_result(per_seq, metrics(pooled));
}

}  // namespace spot::eval
