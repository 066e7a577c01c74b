// Reading and writing tracker results in the toolkits' layout: <seq>.txt (x,y,w,h per frame,
// nan,nan,nan,nan = absent), <seq>_confidence.value (one number per line; the init frame's may be
// empty), <seq>_time.txt (seconds per frame).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "spot/geometry/box.hpp"

namespace spot::eval {

struct TrackerOutput {
  std::vector<geometry::MaybeBox> boxes;          // one per frame, nullopt = reported absent
  std::vector<std::optional<double>> confidence;  // one per frame or empty when no file
  std::vector<double> seconds;                    // one per frame or empty when no file
};

// Writes the three files for `sequence` into `dir` (created if needed). Throws spot::Error on I/O failure.
void write_results(const std::filesystem::path& dir, const std::string& sequence,
                   const TrackerOutput& output);

// Reads <dir>/<sequence>.txt (required) and the optional confidence / time files. Accepts ',', TAB
// or space delimiters. Throws spot::Error (file:line: what was expected) on a missing file,
// non-numeric fields or a wrong field count. Does not check the frame count (the caller does).
TrackerOutput read_results(const std::filesystem::path& dir, const std::string& sequence);

// True when <dir>/<sequence>.txt exists, reads, and holds `frames` boxes: a sequence an earlier
// (interrupted) run already finished. A damaged file from a killed run is false (to be redone).
bool has_complete_results(const std::filesystem::path& dir, const std::string& sequence, int frames);

}  // namespace spot::eval
