// TLD dataset reader: <seq>/gt.txt with corners x1,y1,x2,y2 (floats; NaN rows = absent) and the
// frames 00001.jpg, ... in the same folder.
#include "spot/data/annotation_parser.hpp"
#include "spot/data/format_reader.hpp"
#include "spot/data/reader_support.hpp"

namespace spot::data {
namespace {

bool is_tld_sequence(const std::filesystem::path& dir) { return has_file(dir, "gt.txt"); }

std::vector<Sequence> read_tld_sequence(const std::filesystem::path& dir) {
  Sequence s;
  s.name = folder_name(dir);
  s.format = "tld";
  s.frames = require_images(dir, "00001.jpg, ... next to gt.txt");
  // Corners are continuous coordinates (w = x2 - x1, not the inclusive-pixel x2 - x1 + 1): TLD
  // writes sub-pixel floats, and this reproduces the median box sizes of ../shared/data's manifest.
  const std::filesystem::path file = dir / "gt.txt";
  s.groundtruth = read_box_file(file, BoxEncoding::kCorners);
  check_frame_count(file, s.groundtruth.size(), s.frames.size(), dir);
  return {s};
}

}  // namespace

FormatReader tld_reader() {
  FormatReader r;
  r.name = "tld";
  r.detect_sequence = is_tld_sequence;
  r.accepts_sequence = is_tld_sequence;
  r.read_sequence = read_tld_sequence;
  return r;
}

}  // namespace spot::data
