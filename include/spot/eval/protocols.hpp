// The six protocols, one function each, plus the toolkit-specific measures they are built on.
// Definitions follow ../shared/docs/metrics.md (the toolkits' code, quirks included).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "spot/eval/evaluate.hpp"
#include "spot/geometry/box.hpp"

namespace spot::eval {

// Each evaluate_<protocol>() scores one results set on `sequences` and returns
//   {"sequences": {"<seq>": M}, "overall": M}
// with M as listed below; undefined values are null. All frames before a sequence's init frame
// (see init_frame()) are ignored. An absent prediction (nullopt or a non-finite box) counts as
// below:
//   otb / lasot / got10k: fails every threshold (IoU 0, centre error +inf) like got10k's NaN rows;
//   vot-lt: an empty region;  oxuva / point: "reported absent".
// Each throws spot::Error on the input problems evaluate() lists.

// got10k ExperimentOTB. M: success_auc, success_rate_0.5, precision_at_20px, success_curve (21
// points, IoU > linspace(0,1,21)), precision_curve (51 points, centre error <= 0..50 px). GT-absent
// frames stay in the denominator and fail. overall: per-sequence curves averaged, scores read from
// them.
nlohmann::json evaluate_otb(const std::vector<SequenceEvalInput>& sequences,
                            const ResultsBySequence& results);

// got10k ExperimentLaSOT: otb's M plus normalized_precision_score (mean of the 51 points) and
// normalized_precision_curve (error <= linspace(0,0.5,51)). GT-absent frames are removed.
nlohmann::json evaluate_lasot(const std::vector<SequenceEvalInput>& sequences,
                              const ResultsBySequence& results);

// got10k ExperimentGOT10k (val). M: ao, sr50, sr75, success_curve_101 (IoU > linspace(0,1,101)).
// Frames after the init frame whose GT is present and, when the sequence has a "cover" attribute,
// cover > 0. IoU bounded by the image (negative x / y moved to 0). overall: frames pooled.
nlohmann::json evaluate_got10k(const std::vector<SequenceEvalInput>& sequences,
                               const ResultsBySequence& results);

// VOT long-term precision / recall (resolution 100). M: precision, recall, f_score (at the first
// argmax of F), thresholds, curve_precision, curve_recall, curve_f. In JSON the sweep's first and
// last thresholds (+inf and -inf) are the strings "inf" and "-inf". A sequence's M uses thresholds
// from its own confidences; overall pools them and averages Pr / Re over sequences.
// Missing confidences (no file, empty line) read as 0, as in the VOT toolkit.
nlohmann::json evaluate_vot_lt(const std::vector<SequenceEvalInput>& sequences,
                               const ResultsBySequence& results);

// OxUvA. M: TPR, TNR, GM, MaxGM (null when undefined) and the counts TP, FN, FP, TN over the frames
// after the init frame; TP needs iou_clipped >= 0.5. overall: counts summed over all frames.
nlohmann::json evaluate_oxuva(const std::vector<SequenceEvalInput>& sequences,
                              const ResultsBySequence& results);

// SPOT's point criterion over the frames after the init frame. M: point_hit_rate (present frames
// whose GT box, closed, contains the predicted box's centre), absent_accuracy (absent frames the
// tracker reports absent; null without absent frames), by_size: {"<bin>": {frames, point_hit_rate}}
// for the GT's sqrt(w*h) bins point_size_bins(). overall: frames pooled (same keys) plus
// point_hit_rate_seq_mean and absent_accuracy_seq_mean (means over sequences where defined).
// reacquisition: {returns (GT-absent runs followed by a present frame), reacquired (hit before the
// target left again or the sequence ended), median_frames and max_frames from the return to the
// first hit over the re-acquired ones (0 = hit on the return frame; null when none); held: the same
// keys for the first of hits_in_a_row (3) hits in a row, counted from the return to the run's first
// frame (a return shorter than 3 frames cannot be held)}.
nlohmann::json evaluate_point(const std::vector<SequenceEvalInput>& sequences,
                              const ResultsBySequence& results);

// Bin labels of the point protocol, in size order: "0-8", "8-16", "16-32", "32-64", "64-128",
// "128+".
std::vector<std::string> point_size_bins();
// The index into point_size_bins() of a box of size sqrt(w*h) = `size` px.
std::size_t point_size_bin(double size);

// --- Measures, exposed for tests and for callers that need one number. ---

// VOT raster overlap (vot/region/raster.py): x, y, w, h rounded half-to-even, pixels x..x+w-1,
// rasterised inside the image. Absent = Special (empty). Two empty regions give 1 (more exactly: 1
// whenever the union of the two regions' pixel bounds is a single row or column), an empty and a
// non-empty region give 0, as does a pair whose union lies outside the image.
double vot_overlap(const geometry::MaybeBox& prediction, const geometry::MaybeBox& groundtruth,
                   geometry::ImageSize image);

// VOT's determine_thresholds(scores, 100): NaN dropped, sorted descending, more than 98 scores
// subsampled at round(linspace(d, n-d, 98)) with d = floor(n/98); +inf first and -inf last.
std::vector<double> vot_thresholds(std::vector<double> confidences);

// OxUvA's MaxGM, computed analytically as the toolkit does (max_geometric_mean_line): the best
// sqrt(((1-p)TNR + p) * ((1-p)TPR)) over p in [0,1], checking both endpoints and, when the
// quadratic is concave, its vertex. NaN when either rate is NaN.
double oxuva_max_gm(double tpr, double tnr);

}  // namespace spot::eval
