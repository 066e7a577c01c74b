// Presence calibration: from a tracker's run with "always present" (every frame has a box and a
// confidence), the confidence threshold below which it should report the target absent. Chosen to
// maximise the balanced accuracy of the point criterion,
//   (point hits among GT-present frames that stay present + GT-absent frames reported absent) / 2,
// so neither side wins by being common. Run it on validation data, never on the evaluation set.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "spot/eval/evaluate.hpp"

namespace spot::eval {

struct PresenceCalibration {
  double threshold = 0.5;          // the best one
  double balanced_accuracy = 0.0;  // at `threshold`
  long present_frames = 0, absent_frames = 0;
  nlohmann::json table;            // [{threshold, point_hit_rate, absent_accuracy, balanced_accuracy}] for 0, 0.01, ..., 1
};

// Frames after each sequence's init frame count. Throws spot::Error when a result has no confidence
// file, a present-GT frame has no box (the run must not report absence), or the data hold no
// GT-present or no GT-absent frame (nothing to balance).
PresenceCalibration calibrate_presence(const std::vector<SequenceEvalInput>& sequences,
                                       const ResultsBySequence& results);

}  // namespace spot::eval
