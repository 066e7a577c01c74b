// OxUvA: TP / FN / FP / TN per frame after the init frame (TP needs iou_clip >= 0.5), TPR, TNR, GM
// and MaxGM; dataset level sums the counts over all frames.
#include <cmath>
#include <limits>

#include "internal.hpp"
#include "spot/eval/protocols.hpp"

namespace spot::eval {

namespace {
struct Counts {
  long tp = 0, fn = 0, fp = 0, tn = 0;
};

Counts sequence_counts(const SequenceEvalInput& s, const TrackerOutput& out) {
  const std::size_t init = static_cast<std::size_t>(init_frame(s));
  Counts c;
  for (std::size_t k = init + 1; k < s.groundtruth.size(); ++k) {
    const geometry::MaybeBox& gt = s.groundtruth[k];
    const geometry::MaybeBox& pred = out.boxes[k];
    if (detail::present(gt)) {
      // iou_clipped is 0 for an empty (zero-size) box, so such a prediction is an FN.
      if (detail::present(pred) && geometry::iou_clipped(*pred, *gt, s.image_size) >= 0.5)
        ++c.tp;
      else
        ++c.fn;
    } else {
      if (detail::present(pred))
        ++c.fp;
      else
        ++c.tn;
    }
  }
  return c;
}

// util.geometric_mean(a, b): 0 when either is 0, else exp(mean(log)).
double geometric_mean(double a, double b) {
  if (a == 0.0 || b == 0.0) return 0.0;
  return std::exp((std::log(a) + std::log(b)) / 2.0);
}

nlohmann::json metrics(const Counts& c) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const long pos = c.tp + c.fn, neg = c.tn + c.fp;
  const double tpr = pos > 0 ? static_cast<double>(c.tp) / pos : nan;
  const double tnr = neg > 0 ? static_cast<double>(c.tn) / neg : nan;
  const bool both = pos > 0 && neg > 0;
  nlohmann::json m;
  m["TPR"] = detail::number(tpr);
  m["TNR"] = detail::number(tnr);
  m["GM"] = detail::number(both ? geometric_mean(tpr, tnr) : nan);
  m["MaxGM"] = detail::number(both ? oxuva_max_gm(tpr, tnr) : nan);
  m["TP"] = c.tp;
  m["FN"] = c.fn;
  m["FP"] = c.fp;
  m["TN"] = c.tn;
  return m;
}
}  // namespace

double oxuva_max_gm(double tpr, double tnr) {
  if (std::isnan(tpr) || std::isnan(tnr)) return std::numeric_limits<double>::quiet_NaN();
  // max_geometric_mean_line(x1=TNR, y1=TPR, x2=1, y2=0): the operating point moves on the segment
  // from (TNR, TPR) to (1, 0) as a fraction th of predictions is switched to absent.
  const double x1 = tnr, y1 = tpr, x2 = 1.0, y2 = 0.0;
  const double a = (x1 - x2) * (y1 - y2);
  const double b = -y1 * (x1 - x2) - x1 * (y1 - y2);
  auto h = [&](double th) {
    return std::sqrt(((1 - th) * x1 + th * x2) * ((1 - th) * y1 + th * y2));
  };
  double best = std::max(h(0.0), h(1.0));
  if (a < 0) {  // concave: the vertex may be inside [0, 1]
    const double th = -b / (2 * a);
    if (0 <= th && th <= 1) best = std::max(best, h(th));
  }
  return best;
}

nlohmann::json evaluate_oxuva(const std::vector<SequenceEvalInput>& sequences,
                              const ResultsBySequence& results) {
  detail::check_inputs(sequences, results, "", true);
  nlohmann::json per_seq = nlohmann::json::object();
  Counts total;
  for (const auto& s : sequences) {
    const Counts c = sequence_counts(s, detail::output_for(results, s.name));
    per_seq[s.name] = metrics(c);
    total.tp += c.tp;
    total.fn += c.fn;
    total.fp += c.fp;
    total.tn += c.tn;
  }
  return detail::protocol_result(per_seq, metrics(total));
}

}  // namespace spot::eval
