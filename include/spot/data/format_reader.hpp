// The interface between load_dataset() and the per-format readers (src/data/reader_*.cpp): how
// each format is recognised from file names and how its folders are read.
// Internal to spot_data (public only so tests and readers can include it).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "spot/data/sequence.hpp"

namespace spot::data {

// One dataset format. Recognition functions only look at names of files and folders (cheap, never
// throw); read functions parse everything and throw spot::Error on bad input. A null function
// means the format has no such layout.
struct FormatReader {
  using Probe = bool (*)(const std::filesystem::path& dir);
  using Read = std::vector<Sequence> (*)(const std::filesystem::path& dir);

  std::string name;
  // Auto-detection: `dir` looks like one sequence of this format.
  Probe detect_sequence = nullptr;
  // --format <name>: this reader can read `dir` as one sequence (may accept more than detection,
  // e.g. dtb70 reads any OTB-layout folder).
  Probe accepts_sequence = nullptr;
  // Reads one sequence folder; usually one Sequence (OTB folders with groundtruth_rect.1.txt and
  // groundtruth_rect.2.txt give two).
  Read read_sequence = nullptr;
  // Layouts holding one or more sequences in a shared tree (UAV123 anno/ + data_seq/, UAVDT
  // <seq>_gt.txt beside <seq>/); used for auto-detection and --format alike.
  Probe detect_dataset = nullptr;
  Read read_dataset = nullptr;
};

// The formats with annotation files, in auto-detection priority order (the first match wins).
const std::vector<FormatReader>& format_readers();

FormatReader otb_reader();
FormatReader dtb70_reader();
FormatReader uav123_reader();
FormatReader uavdt_reader();
FormatReader tld_reader();
FormatReader lasot_reader();
FormatReader got10k_reader();
FormatReader vot_reader();
FormatReader generic_reader();

// OTB layout (<dir>/groundtruth_rect*.txt + <dir>/img/), shared by otb and dtb70; `format` is
// stored in Sequence::format.
bool has_otb_layout(const std::filesystem::path& dir);
std::vector<Sequence> read_otb_layout(const std::filesystem::path& dir, const std::string& format);

// A folder of images without ground truth: one Sequence named after the folder, format "images".
// Throws spot::Error when the folder holds no image.
Sequence read_image_folder(const std::filesystem::path& dir);

// A video file without ground truth: one Sequence named after the file's stem, format "video",
// with video_frame_count from the container (counted by decoding when the container does not
// say). Throws spot::Error naming the file when it cannot be opened or its first frame decoded.
Sequence read_video_file(const std::filesystem::path& path);

}  // namespace spot::data
