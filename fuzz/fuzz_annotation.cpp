// Fuzz target: the annotation text every dataset reader shares (data/annotation_parser): box rows
// in the three encodings (x,y,w,h for OTB / UAV123 / DTB70 / UAVDT / LaSOT / GOT-10k / generic; TLD
// corners; VOT rectangles, polygons and "0" rows) and the integer flag files (LaSOT
// full_occlusion / out_of_view, GOT-10k absence / cover / cut_by_image, VOT tags). The first byte
// picks the kind, the rest is the file's contents. Contract checked on success: one entry per line,
// every present box finite with w >= 0 and h >= 0 (the readers promise it).
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "spot/data/annotation_parser.hpp"
#include "spot/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using spot::data::BoxEncoding;
  if (size < 1) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  // Documented never to throw: outside the try, so any exception is a finding.
  const std::vector<std::string> lines = spot::data::split_text_lines(text);
  for (const std::string& line : lines) spot::data::split_fields(line);
  try {
    const int kind = data[0] % 4;
    if (kind == 3) {
      spot::data::parse_int_lines(lines, "flags.label");
      return 0;
    }
    const BoxEncoding encoding = kind == 0   ? BoxEncoding::kXywh
                                 : kind == 1 ? BoxEncoding::kCorners
                                             : BoxEncoding::kVot;
    const auto boxes = spot::data::parse_box_lines(lines, encoding, "groundtruth.txt");
    SPOT_FUZZ_CHECK(boxes.size() == lines.size());
    for (const auto& b : boxes) {
      if (!b) continue;
      SPOT_FUZZ_CHECK(b->finite());
      SPOT_FUZZ_CHECK(b->w >= 0 && b->h >= 0);
    }
    spot::fuzz::accepted("boxes");
  } catch (const spot::Error& e) {
    spot::fuzz::rejected(e);
  }
  return 0;
}
