// UAV123 reader: anno/UAV123_10fps/<seq>.txt (x,y,w,h; NaN rows = absent) + frames in
// data_seq/UAV123_10fps/<folder>/000001.jpg (also anno/UAV123 + data_seq/UAV123, the 30 fps set).
// One sequence folder of the shared data and the whole dataset have the same tree.
#include <algorithm>
#include <regex>

#include "spot/data/annotation_parser.hpp"
#include "spot/data/format_reader.hpp"
#include "spot/data/reader_support.hpp"
#include "spot/error.hpp"

namespace spot::data {
namespace {

const std::vector<std::string>& subsets() {
  static const std::vector<std::string> kSubsets = {"UAV123_10fps", "UAV123"};
  return kSubsets;
}

std::vector<std::filesystem::path> anno_files(const std::filesystem::path& anno_dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(anno_dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::error_code fec;
    if (it->path().extension() == ".txt" && it->is_regular_file(fec)) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The first anno/<subset> folder holding annotation files; empty when there is none.
std::string find_subset(const std::filesystem::path& dir) {
  for (const std::string& subset : subsets()) {
    if (!anno_files(dir / "anno" / subset).empty()) return subset;
  }
  return {};
}

bool is_uav123_tree(const std::filesystem::path& dir) {
  std::error_code ec;
  return !find_subset(dir).empty() && std::filesystem::is_directory(dir / "data_seq", ec);
}

// Sub-sequences ("group3_2", "car1_1") share their video's folder ("group3", "car1"); standalone
// ones ("car1_s", "boat1") have their own.
std::filesystem::path image_folder(const std::filesystem::path& data_seq, const std::string& seq,
                                   const std::filesystem::path& anno_file) {
  std::error_code ec;
  if (std::filesystem::is_directory(data_seq / seq, ec)) return data_seq / seq;
  static const std::regex kSubSequence(R"((.+)_\d+)");
  std::smatch m;
  std::string expected = (data_seq / seq).string() + "/";
  if (std::regex_match(seq, m, kSubSequence)) {
    const std::filesystem::path video = data_seq / m[1].str();
    if (std::filesystem::is_directory(video, ec)) return video;
    expected += " or " + video.string() + "/";
  }
  throw Error("missing frames folder for this annotation (expected " + expected + ")",
              anno_file.string());
}

std::vector<Sequence> read_uav123_tree(const std::filesystem::path& dir) {
  const std::string subset = find_subset(dir);
  std::filesystem::path data_seq;
  std::error_code ec;
  // Prefer the frames of the same frame rate; fall back to the other set's folder.
  for (const std::string& s : {subset, std::string("UAV123_10fps"), std::string("UAV123")}) {
    if (std::filesystem::is_directory(dir / "data_seq" / s, ec)) {
      data_seq = dir / "data_seq" / s;
      break;
    }
  }
  if (data_seq.empty()) {
    throw Error("missing frames folder (expected data_seq/" + subset + "/<video>/000001.jpg, ...)",
                (dir / "data_seq" / subset).string());
  }
  std::vector<Sequence> sequences;
  for (const std::filesystem::path& file : anno_files(dir / "anno" / subset)) {
    Sequence s;
    s.name = file.stem().string();
    s.format = "uav123";
    const std::filesystem::path folder = image_folder(data_seq, s.name, file);
    s.frames = require_images(folder, "000001.jpg, ...");
    s.groundtruth = read_box_file(file, BoxEncoding::kXywh);
    check_frame_count(file, s.groundtruth.size(), s.frames.size(), folder,
                      "line i belongs to the i-th image of the folder, so a sub-sequence's folder "
                      "must hold only its own images");
    sequences.push_back(std::move(s));
  }
  return sequences;
}

}  // namespace

FormatReader uav123_reader() {
  FormatReader r;
  r.name = "uav123";
  r.detect_dataset = is_uav123_tree;
  r.read_dataset = read_uav123_tree;
  return r;
}

}  // namespace spot::data
