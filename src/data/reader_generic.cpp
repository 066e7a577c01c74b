// Generic reader for hand-made sequences: <seq>/groundtruth.txt (x,y,w,h per line; ',' TAB or
// space; nan,nan,nan,nan = absent) with the frames in <seq>/color/ or <seq>/img/ (sorted by name).
#include "spot/data/annotation_parser.hpp"
#include "spot/data/format_reader.hpp"
#include "spot/data/reader_support.hpp"

namespace spot::data {
namespace {

std::filesystem::path frames_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  if (std::filesystem::is_directory(dir / "color", ec)) return dir / "color";
  return dir / "img";
}

bool is_generic_sequence(const std::filesystem::path& dir) {
  std::error_code ec;
  return has_file(dir, "groundtruth.txt") && std::filesystem::is_directory(frames_dir(dir), ec);
}

bool accepts_generic_sequence(const std::filesystem::path& dir) {
  return has_file(dir, "groundtruth.txt");
}

std::vector<Sequence> read_generic_sequence(const std::filesystem::path& dir) {
  Sequence s;
  s.name = folder_name(dir);
  s.format = "generic";
  const std::filesystem::path frames = frames_dir(dir);
  s.frames = require_images(frames, "the frames in color/ or img/ as .jpg/.jpeg/.png/.bmp");
  const std::filesystem::path gt_file = dir / "groundtruth.txt";
  s.groundtruth = read_box_file(gt_file, BoxEncoding::kXywh);
  check_frame_count(gt_file, s.groundtruth.size(), s.frames.size(), frames);
  return {s};
}

}  // namespace

FormatReader generic_reader() {
  FormatReader r;
  r.name = "generic";
  r.detect_sequence = is_generic_sequence;
  r.accepts_sequence = accepts_generic_sequence;
  r.read_sequence = read_generic_sequence;
  return r;
}

}  // namespace spot::data
