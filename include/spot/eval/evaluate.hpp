// The evaluator's entry points: what a sequence looks like to the metrics (no OpenCV), loading a
// results folder against it, and evaluate(), which runs the requested protocols into one JSON
// report.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "spot/eval/results_io.hpp"
#include "spot/geometry/box.hpp"

namespace spot::eval {

// One annotated sequence, as every protocol sees it.
struct SequenceEvalInput {
  std::string name;                                    // result files are <name>.txt
  std::vector<geometry::MaybeBox> groundtruth;         // one per frame, nullopt = target absent
  std::map<std::string, std::vector<int>> attributes;  // per-frame flags; "cover" is used by got10k
  geometry::ImageSize image_size;  // frame size; needed by got10k, vot-lt and oxuva
};

// Tracker outputs of one results set, by sequence name.
using ResultsBySequence = std::map<std::string, TrackerOutput>;

// The init frame of a sequence: its first frame with a present GT box, where trackers are
// initialised. Every protocol ignores the frames before it and treats it as the toolkits treat
// frame 0 (otb/lasot: prediction replaced by the GT and counted; got10k/oxuva/point: excluded;
// vot-lt: the prediction is Special with confidence 0). Throws spot::Error naming the sequence when
// no frame has a present box.
int init_frame(const SequenceEvalInput& sequence);

// The protocol names evaluate() accepts, in report order: otb, lasot, got10k, vot-lt, oxuva, point.
std::vector<std::string> protocol_names();

// Turns "otb,point" (or "all", or a list of such items) into protocol names, in the order given and
// without duplicates. Throws spot::Error listing the valid names on an unknown one.
std::vector<std::string> parse_protocols(const std::vector<std::string>& items);

// Reads <dir>/<sequence>.txt (+ optional confidence / time files) for every sequence. Throws
// spot::Error naming the file when a sequence's results file is missing, or when its line count (or
// the confidence file's) differs from the GT frame count ("N lines, expected M").
ResultsBySequence load_results(const std::filesystem::path& dir,
                               const std::vector<SequenceEvalInput>& sequences);

// Runs `protocols` (names from protocol_names()) on every results set and returns
//   {"<protocol>": {"<results name>": {"sequences": {"<seq>": M}, "overall": M}}}
// where M holds the protocol's metrics (see protocols.hpp); undefined values (0/0, NaN) are null.
// Throws spot::Error on an unknown protocol (listing the valid ones), duplicate sequence names, a
// sequence without any present GT box, a results set lacking a sequence or whose box / confidence
// count differs from the sequence's frame count, a GT attribute whose length differs from the frame
// count, or a missing image size when got10k, vot-lt or oxuva is requested.
nlohmann::json evaluate(const std::vector<SequenceEvalInput>& sequences,
                        const std::map<std::string, ResultsBySequence>& results_by_name,
                        const std::vector<std::string>& protocols);

}  // namespace spot::eval
