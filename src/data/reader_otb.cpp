// OTB-2013/2015 reader: <seq>/groundtruth_rect.txt (x,y,w,h; ',' TAB or space) +
// <seq>/img/0001.jpg. The layout is shared with DTB70 (reader_dtb70.cpp), which differs only in its
// format name.
#include <algorithm>
#include <regex>
#include <utility>

#include "spot/data/annotation_parser.hpp"
#include "spot/data/format_reader.hpp"
#include "spot/data/reader_support.hpp"

namespace spot::data {
namespace {

// groundtruth_rect.<k>.txt files, by k: OTB-2015 ships two targets of Jogging and Skating2 this
// way, and Human4's only annotation as groundtruth_rect.2.txt.
std::vector<std::pair<int, std::filesystem::path>> numbered_gt_files(
    const std::filesystem::path& dir) {
  static const std::regex kNumbered(R"(groundtruth_rect\.(\d+)\.txt)");
  std::vector<std::pair<int, std::filesystem::path>> files;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::smatch m;
    const std::string name = it->path().filename().string();
    // Cheap prefix test first: detection runs this over folders of thousands of frames.
    if (name.rfind("groundtruth_rect.", 0) == 0 && std::regex_match(name, m, kNumbered))
      files.emplace_back(std::stoi(m[1].str()), it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

bool has_otb_layout(const std::filesystem::path& dir) {
  return has_file(dir, "groundtruth_rect.txt") || !numbered_gt_files(dir).empty();
}

std::vector<Sequence> read_otb_layout(const std::filesystem::path& dir, const std::string& format) {
  const std::string name = folder_name(dir);
  // Take groundtruth_rect.txt when present; only without it do the numbered files define the
  // targets, one sequence each ("<seq>-<k>" like the OTB toolkit) when there are several.
  std::vector<std::pair<std::string, std::filesystem::path>> targets;
  if (has_file(dir, "groundtruth_rect.txt")) {
    targets.emplace_back(name, dir / "groundtruth_rect.txt");
  } else {
    const auto numbered = numbered_gt_files(dir);
    for (const auto& [k, file] : numbered) {
      targets.emplace_back(numbered.size() == 1 ? name : name + "-" + std::to_string(k), file);
    }
  }
  const std::filesystem::path img = dir / "img";
  const std::vector<std::filesystem::path> frames = require_images(img, "img/0001.jpg, ...");

  std::vector<Sequence> sequences;
  for (const auto& [seq_name, file] : targets) {
    Sequence s;
    s.name = seq_name;
    s.format = format;
    s.frames = frames;
    s.groundtruth = read_box_file(file, BoxEncoding::kXywh);
    check_frame_count(file, s.groundtruth.size(), frames.size(), img,
                      "sequences whose annotation starts at a frame offset are not supported");
    sequences.push_back(std::move(s));
  }
  return sequences;
}

FormatReader otb_reader() {
  FormatReader r;
  r.name = "otb";
  r.detect_sequence = has_otb_layout;
  r.accepts_sequence = has_otb_layout;
  r.read_sequence = [](const std::filesystem::path& dir) { return read_otb_layout(dir, "otb"); };
  return r;
}

}  // namespace spot::data
