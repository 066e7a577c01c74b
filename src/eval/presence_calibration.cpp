// Presence calibration by balanced point accuracy over a grid of thresholds.
#include "spot/eval/presence_calibration.hpp"

#include <cmath>

#include <fmt/format.h>

#include "internal.hpp"
#include "spot/error.hpp"

namespace spot::eval {

PresenceCalibration calibrate_presence(const std::vector<SequenceEvalInput>& sequences,
                                       const ResultsBySequence& results) {
  detail::check_inputs(sequences, results, "", false);
  struct Frame {
    double score;
    bool hit;
  };
  std::vector<Frame> present;
  std::vector<double> absent;
  for (const auto& s : sequences) {
    const TrackerOutput& out = detail::output_for(results, s.name);
    if (out.confidence.size() != s.groundtruth.size()) {
      throw Error(fmt::format("presence calibration: sequence '{}' has no confidence file "
                              "(<seq>_confidence.value, written by `spot run`)", s.name));
    }
    for (std::size_t k = static_cast<std::size_t>(init_frame(s)) + 1; k < s.groundtruth.size(); ++k) {
      const double score = out.confidence[k].value_or(0.0);
      if (!detail::present(s.groundtruth[k])) {
        absent.push_back(score);
        continue;
      }
      if (!detail::present(out.boxes[k])) {
        throw Error(fmt::format("presence calibration: sequence '{}' frame {} has no box; run the tracker "
                                "with presence threshold 0 so every frame has one", s.name, k + 1));
      }
      present.push_back({score, geometry::contains(*s.groundtruth[k], out.boxes[k]->center())});
    }
  }
  if (present.empty() || absent.empty()) {
    throw Error(fmt::format("presence calibration needs GT-present and GT-absent frames (found {} and {}); "
                            "use a dataset with absences, e.g. one made by `spot synth`",
                            present.size(), absent.size()));
  }
  PresenceCalibration c;
  c.present_frames = static_cast<long>(present.size());
  c.absent_frames = static_cast<long>(absent.size());
  c.table = nlohmann::json::array();
  c.balanced_accuracy = -1;
  for (int i = 0; i <= 100; ++i) {
    const double t = i / 100.0;
    long hits = 0, rejected = 0;
    for (const Frame& f : present) hits += f.hit && f.score >= t;
    for (double a : absent) rejected += a < t;
    const double hit_rate = static_cast<double>(hits) / static_cast<double>(present.size());
    const double absent_acc = static_cast<double>(rejected) / static_cast<double>(absent.size());
    const double balanced = (hit_rate + absent_acc) / 2;
    c.table.push_back({{"threshold", t}, {"point_hit_rate", hit_rate}, {"absent_accuracy", absent_acc},
                       {"balanced_accuracy", balanced}});
    if (balanced > c.balanced_accuracy) {
      c.balanced_accuracy = balanced;
      c.threshold = t;
    }
  }
  return c;
}

}  // namespace spot::eval
