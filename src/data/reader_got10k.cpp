// GOT-10k reader: <seq>/groundtruth.txt (x,y,w,h) + absence.label / cover.label (one integer per
// line) + frames <seq>/00000001.jpg. A target is absent where absence.label says 1.
#include "spot/data/annotation_parser.hpp"
#include "spot/data/format_reader.hpp"
#include "spot/data/reader_support.hpp"

namespace spot::data {
namespace {

bool is_got10k_sequence(const std::filesystem::path& dir) {
  return has_file(dir, "groundtruth.txt") && has_file(dir, "absence.label");
}

std::vector<Sequence> read_got10k_sequence(const std::filesystem::path& dir) {
  Sequence s;
  s.name = folder_name(dir);
  s.format = "got10k";
  s.frames = require_images(dir, "00000001.jpg, ... next to groundtruth.txt");
  const std::filesystem::path gt_file = dir / "groundtruth.txt";
  s.groundtruth = read_box_file(gt_file, BoxEncoding::kXywh);
  check_frame_count(gt_file, s.groundtruth.size(), s.frames.size(), dir,
                    "GOT-10k test sequences annotate only the first frame and are not supported");
  // absence.label is required (it is what makes the folder GOT-10k); cover levels 0-8 and
  // cut_by_image are kept as attributes when shipped.
  for (const std::string label : {"absence", "cover", "cut_by_image"}) {
    if (label != "absence" && !has_file(dir, label + ".label")) continue;
    const std::filesystem::path file = dir / (label + ".label");
    std::vector<int> values = read_int_values(file);
    check_frame_count(file, values.size(), s.frames.size(), dir);
    s.attributes[label] = std::move(values);
  }
  const std::vector<int>& absence = s.attributes["absence"];
  for (std::size_t i = 0; i < absence.size(); ++i) {
    if (absence[i] != 0) s.groundtruth[i] = std::nullopt;
  }
  return {s};
}

}  // namespace

FormatReader got10k_reader() {
  FormatReader r;
  r.name = "got10k";
  r.detect_sequence = is_got10k_sequence;
  r.accepts_sequence = is_got10k_sequence;
  r.read_sequence = read_got10k_sequence;
  return r;
}

}  // namespace spot::data
