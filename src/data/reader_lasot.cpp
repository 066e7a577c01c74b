// LaSOT reader: <seq>/groundtruth.txt (x,y,w,h) + full_occlusion.txt + out_of_view.txt (one line
// of comma-separated 0/1) + <seq>/img/00000001.jpg. The whole dataset (<class>/<class>-<n>/) is
// a folder of such folders one level down, which load_dataset handles.
#include "spot/data/annotation_parser.hpp"
#include "spot/data/format_reader.hpp"
#include "spot/data/reader_support.hpp"
#include "spot/error.hpp"

namespace spot::data {
namespace {

bool is_lasot_sequence(const std::filesystem::path& dir) {
  return has_file(dir, "groundtruth.txt") &&
         (has_file(dir, "full_occlusion.txt") || has_file(dir, "out_of_view.txt"));
}

std::vector<Sequence> read_lasot_sequence(const std::filesystem::path& dir) {
  Sequence s;
  s.name = folder_name(dir);
  s.format = "lasot";
  const std::filesystem::path img = dir / "img";
  s.frames = require_images(img, "img/00000001.jpg, ...");
  const std::filesystem::path gt_file = dir / "groundtruth.txt";
  s.groundtruth = read_box_file(gt_file, BoxEncoding::kXywh);
  check_frame_count(gt_file, s.groundtruth.size(), s.frames.size(), img);
  for (const std::string flag : {"full_occlusion", "out_of_view"}) {
    const std::filesystem::path file = dir / (flag + ".txt");
    if (!has_file(dir, flag + ".txt")) {
      throw Error(
          "missing file (LaSOT sequences need groundtruth.txt, full_occlusion.txt and "
          "out_of_view.txt)",
          file.string());
    }
    std::vector<int> values = read_int_values(file);
    check_frame_count(file, values.size(), s.frames.size(), img,
                      "one comma-separated 0/1 per frame");
    // LaSOT keeps a box on flagged frames; the target is not visible there, so it counts as absent.
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (values[i] != 0) s.groundtruth[i] = std::nullopt;
    }
    s.attributes[flag] = std::move(values);
  }
  return {s};
}

}  // namespace

FormatReader lasot_reader() {
  FormatReader r;
  r.name = "lasot";
  r.detect_sequence = is_lasot_sequence;
  r.accepts_sequence = is_lasot_sequence;
  r.read_sequence = read_lasot_sequence;
  return r;
}

}  // namespace spot::data
