// SynthConfig: every option of the synthetic long-term small-object generator (`spot synth`), with
// its default; loaded from TOML, overridable by flags, validated in one place.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "spot/util/config_fields.hpp"

namespace spot::data {

struct SynthConfig {
  // Frames
  int width = 640;            // frame width, px
  int height = 360;           // frame height, px
  int sequences = 10;         // number of sequences
  int frames = 300;           // frames per sequence
  std::uint64_t seed = 1;     // same seed -> byte-identical dataset
  int jpeg_quality = 90;      // JPEG quality of the written frames (1..100)

  // Target size: sqrt(w*h) in px at the sequence's reference scale
  std::string size_distribution = "uniform-log";  // uniform-log | imbalanced | bins
  double size_min = 2.0;                          // smallest target size, px
  double size_max = 128.0;                        // largest target size, px
  // For size_distribution = "bins": [lo, hi) size ranges, one chosen uniformly per sequence, then
  // uniform in log-size inside it.
  std::vector<std::pair<double, double>> size_bins;
  double aspect_min = 0.5;    // w/h range of the target
  double aspect_max = 2.0;
  double scale_change = 0.3;  // size varies within x(1 +- scale_change) over a sequence

  // Motion and long-term events
  double speed = 2.5;                  // mean target speed, px/frame
  int absence_events_min = 1;          // per sequence: leave-the-frame or full-occlusion events
  int absence_events_max = 2;
  double leave_frame_share = 0.5;      // probability an absence event is "leaves the frame"
  int absence_frames_min = 10;         // length of one absence, frames
  int absence_frames_max = 40;

  // Clutter and imaging
  double distractor_share = 0.5;  // fraction of sequences with look-alike distractors
  int distractors_max = 3;        // 1..distractors_max distractors in those sequences
  double camera_pan = 0.8;        // max camera pan speed, px/frame
  double camera_shake = 0.7;      // std of per-frame camera shake, px
  double illumination = 0.25;     // amplitude of the global brightness change (0 = none)
  double blur_share = 0.1;        // fraction of frames with motion blur
  double noise_sigma = 3.0;       // std of additive Gaussian pixel noise (0 = none)

  // Optional real material: a dataset folder (any layout SPOT reads) whose frames become
  // backgrounds and, with target_source = "real", whose GT boxes become target patches.
  std::string backgrounds;
  std::string target_source = "procedural";  // procedural | real

  util::Fields fields();  // every scalar option by its TOML key (size_bins aside)

  // Throws spot::Error naming `source` (a file or "command line") and the bad key when a value is
  // out of range (inverted size range, 0 frames, unknown distribution, ...).
  void validate(const std::string& source = "config") const;
};

// Reads a TOML file (keys as the field names above, optionally inside a [synth] table); unknown keys
// and wrong types are errors naming the file and line. Missing keys keep their defaults.
SynthConfig load_synth_config(const std::filesystem::path& path);

// The target-size distribution the config describes.
struct SizeDistribution;
SizeDistribution size_distribution_of(const SynthConfig& config);

// The config as JSON (written next to every generated dataset).
nlohmann::json to_json(const SynthConfig& config);

}  // namespace spot::data
