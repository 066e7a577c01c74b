// Sequence: one video (image files or a video file) with optional per-frame ground truth.
// Every dataset reader produces these; trackers, the evaluator glue and the sampler consume them.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "spot/geometry/box.hpp"

namespace spot::data {

struct Sequence {
  std::string name;    // unique within its dataset, used for result file names (<name>.txt)
  std::string format;  // reader that produced it: "otb", "uav123", "tld", "generic", "video", ...
  // Frames in order: image files, or empty when `video` is set (frames come from the video file).
  std::vector<std::filesystem::path> frames;
  std::filesystem::path video;
  int video_frame_count = 0;  // frame count reported by the container when `video` is set
  // One entry per frame, std::nullopt where the target is absent; empty when there is no GT at all.
  std::vector<geometry::MaybeBox> groundtruth;
  // Optional per-frame 0/1 flags (e.g. LaSOT full_occlusion / out_of_view, GOT-10k cover levels).
  std::map<std::string, std::vector<int>> attributes;

  int size() const { return video.empty() ? static_cast<int>(frames.size()) : video_frame_count; }
  bool has_groundtruth() const { return !groundtruth.empty(); }
  // First frame index with a present GT box, or -1 when there is none.
  int first_annotated_frame() const;
};

}  // namespace spot::data
