// VOT long-term precision / recall / F: raster overlap with VOT's empty-region rules, the quantile
// threshold sweep, per-sequence curves averaged over sequences.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "internal.hpp"
#include "spot/eval/protocols.hpp"

namespace spot::eval {

namespace {
constexpr std::size_t kResolution = 100;  // PrecisionRecallCurve.resolution

// A VOT region: Special (empty) or a rectangle with x, y, w, h rounded to integers.
struct Region {
  bool special = true;
  double x = 0, y = 0, w = 0, h = 0;
};
// Inclusive pixel bounds (left, top, right, bottom), as _region_bounds returns them.
struct Bounds {
  double l = 0, t = 0, r = 0, b = 0;
};

Region region_of(const geometry::MaybeBox& box) {
  if (!detail::present(box)) return {};
  // np.round: half to even, which nearbyint gives under the default rounding mode.
  return {false, std::nearbyint(box->x), std::nearbyint(box->y), std::nearbyint(box->w),
          std::nearbyint(box->h)};
}

Bounds bounds_of(const Region& r) {
  if (r.special) return {0, 0, 0, 0};  // _TYPE_EMPTY bounds
  return {r.x, r.y, r.x + r.w - 1, r.y + r.h - 1};
}

// The pixels rasterize_rectangle sets inside raster bounds `R`; false when none (this also covers
// w <= 0 or h <= 0, whose slices are empty).
bool raster(const Region& r, const Bounds& R, Bounds& mask) {
  if (r.special) return false;
  if (r.x > R.r || r.x + r.w - 1 < R.l || r.y > R.b || r.y + r.h - 1 < R.t) return false;
  mask = {std::max(R.l, r.x), std::max(R.t, r.y), std::min(R.r, r.x + r.w - 1),
          std::min(R.b, r.y + r.h - 1)};
  return mask.r >= mask.l && mask.b >= mask.t;
}

double pixels(const Bounds& m) { return (m.r - m.l + 1) * (m.b - m.t + 1); }

struct SequenceData {
  std::vector<double> overlaps;    // frames init..N-1
  std::vector<double> confidence;  // same frames; NaN allowed
  double n_visible = 0;            // GT frames that are not Special
};

SequenceData sequence_data(const SequenceEvalInput& s, const TrackerOutput& out) {
  const std::size_t init = static_cast<std::size_t>(init_frame(s));
  SequenceData d;
  for (std::size_t k = init; k < s.groundtruth.size(); ++k) {
    const geometry::MaybeBox& gt = s.groundtruth[k];
    // VOT's trajectory holds Special(1) at the init frame, with no confidence (read as 0).
    const geometry::MaybeBox pred = k == init ? std::nullopt : out.boxes[k];
    double conf = 0.0;
    if (k != init && !out.confidence.empty()) conf = out.confidence[k].value_or(0.0);
    d.overlaps.push_back(vot_overlap(pred, gt, s.image_size));
    d.confidence.push_back(conf);
    if (detail::present(gt)) d.n_visible += 1;
  }
  return d;
}

// compute_tpr_curves: for each threshold, the frames with confidence >= threshold.
void tpr_curves(const SequenceData& d, const std::vector<double>& thresholds,
                std::vector<double>& precision, std::vector<double>& recall) {
  precision.assign(thresholds.size(), 0.0);
  recall.assign(thresholds.size(), 0.0);
  std::vector<double> subset;
  for (std::size_t i = 0; i < thresholds.size(); ++i) {
    subset.clear();
    for (std::size_t k = 0; k < d.overlaps.size(); ++k) {
      if (d.confidence[k] >= thresholds[i]) subset.push_back(d.overlaps[k]);  // NaN never passes
    }
    if (subset.empty()) {
      precision[i] = 1.0;
      recall[i] = 0.0;
    } else {
      precision[i] = detail::np_mean(subset);
      recall[i] = detail::np_sum(subset) / d.n_visible;
    }
  }
}

nlohmann::json threshold_json(double t) {
  if (t == std::numeric_limits<double>::infinity()) return "inf";
  if (t == -std::numeric_limits<double>::infinity()) return "-inf";
  return detail::number(t);
}

// F curve and the best point (FScoreCurve + PrecisionRecall with beta = 1), NaN points skipped.
nlohmann::json summarize(const std::vector<double>& thresholds, const std::vector<double>& pr,
                         const std::vector<double>& re) {
  std::vector<double> f(pr.size());
  std::size_t best = pr.size();
  for (std::size_t i = 0; i < pr.size(); ++i) {
    f[i] = (2.0 * pr[i] * re[i]) / (pr[i] + re[i]);
    if (std::isnan(f[i])) continue;
    if (best == pr.size() || f[i] > f[best]) best = i;  // first argmax
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  nlohmann::json m;
  m["precision"] = detail::number(best < pr.size() ? pr[best] : nan);
  m["recall"] = detail::number(best < pr.size() ? re[best] : nan);
  m["f_score"] = detail::number(best < pr.size() ? f[best] : nan);
  nlohmann::json thr = nlohmann::json::array();
  for (double t : thresholds) thr.push_back(threshold_json(t));
  m["thresholds"] = thr;
  m["curve_precision"] = detail::numbers(pr);
  m["curve_recall"] = detail::numbers(re);
  m["curve_f"] = detail::numbers(f);
  return m;
}
}  // namespace

double vot_overlap(const geometry::MaybeBox& prediction, const geometry::MaybeBox& groundtruth,
                   geometry::ImageSize image) {
  const Region a = region_of(prediction), b = region_of(groundtruth);
  const Bounds ba = bounds_of(a), bb = bounds_of(b);
  const Bounds u{std::min(ba.l, bb.l), std::min(ba.t, bb.t), std::max(ba.r, bb.r),
                 std::max(ba.b, bb.b)};
  // "Two empty regions are considered to be identical": VOT tests the union's bounds, so this also
  // fires for any pair whose union is one pixel row or column.
  if (u.l >= u.r || u.t >= u.b) return 1.0;
  const Bounds R{std::max(0.0, u.l), std::max(0.0, u.t), std::min(image.width - 1.0, u.r),
                 std::min(image.height - 1.0, u.b)};
  if (R.l >= R.r || R.t >= R.b) return 0.0;  // outside the image
  Bounds ma, mb;
  const bool ha = raster(a, R, ma);
  const bool hb = raster(b, R, mb);
  const double area_a = ha ? pixels(ma) : 0.0;
  const double area_b = hb ? pixels(mb) : 0.0;
  double inter = 0.0;
  if (ha && hb) {
    const Bounds i{std::max(ma.l, mb.l), std::max(ma.t, mb.t), std::min(ma.r, mb.r),
                   std::min(ma.b, mb.b)};
    if (i.r >= i.l && i.b >= i.t) inter = pixels(i);
  }
  const double uni = area_a + area_b - inter;
  return uni > 0 ? inter / uni : 0.0;
}

std::vector<double> vot_thresholds(std::vector<double> confidences) {
  confidences.erase(std::remove_if(confidences.begin(), confidences.end(),
                                   [](double c) { return std::isnan(c); }),
                    confidences.end());
  std::sort(confidences.begin(), confidences.end(), std::greater<double>());
  std::vector<double> thresholds;
  const std::size_t n = confidences.size();
  if (n > kResolution - 2) {
    const std::size_t delta = n / (kResolution - 2);
    const std::vector<double> idx =
        detail::linspace(static_cast<double>(delta), static_cast<double>(n - delta),
                         static_cast<int>(kResolution - 2));
    for (double i : idx)
      thresholds.push_back(confidences[static_cast<std::size_t>(std::nearbyint(i))]);
  } else {
    thresholds = confidences;
  }
  thresholds.insert(thresholds.begin(), std::numeric_limits<double>::infinity());
  thresholds.push_back(-std::numeric_limits<double>::infinity());
  return thresholds;
}

nlohmann::json evaluate_vot_lt(const std::vector<SequenceEvalInput>& sequences,
                               const ResultsBySequence& results) {
  detail::check_inputs(sequences, results, "", true);
  std::vector<SequenceData> data;
  std::vector<double> pooled;
  nlohmann::json per_seq = nlohmann::json::object();
  std::vector<double> pr, re;
  for (const auto& s : sequences) {
    data.push_back(sequence_data(s, detail::output_for(results, s.name)));
    const SequenceData& d = data.back();
    // A sequence alone: the sweep over its own confidences.
    const std::vector<double> thr = vot_thresholds(d.confidence);
    tpr_curves(d, thr, pr, re);
    per_seq[s.name] = summarize(thr, pr, re);
    pooled.insert(pooled.end(), d.confidence.begin(), d.confidence.end());
  }
  const std::vector<double> thr = vot_thresholds(pooled);
  std::vector<double> pr_sum(thr.size(), 0.0), re_sum(thr.size(), 0.0);
  for (const SequenceData& d : data) {
    tpr_curves(d, thr, pr, re);
    for (std::size_t i = 0; i < thr.size(); ++i) {
      pr_sum[i] += pr[i];
      re_sum[i] += re[i];
    }
  }
  const double count =
      data.empty() ? std::numeric_limits<double>::quiet_NaN() : static_cast<double>(data.size());
  for (std::size_t i = 0; i < thr.size(); ++i) {
    pr_sum[i] /= count;
    re_sum[i] /= count;
  }
  return detail::protocol_result(per_seq, summarize(thr, pr_sum, re_sum));
}

}  // namespace spot::eval
