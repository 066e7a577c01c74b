// UAVDT (single-object benchmark) reader: <seq>_gt.txt (x,y,w,h) beside the frames folder
// <seq>/img000001.jpg. A folder may hold one such pair (one sequence) or many (a whole dataset).
#include <algorithm>
#include <string_view>

#include "spot/data/annotation_parser.hpp"
#include "spot/data/format_reader.hpp"
#include "spot/data/reader_support.hpp"

namespace spot::data {
namespace {

constexpr std::string_view kSuffix = "_gt.txt";

// The <seq>_gt.txt files in `dir`, sorted.
std::vector<std::filesystem::path> gt_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code fec;
    if (name.size() > kSuffix.size() &&
        name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0 &&
        it->is_regular_file(fec)) {
      files.push_back(it->path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string sequence_name(const std::filesystem::path& gt_file) {
  const std::string name = gt_file.filename().string();
  return name.substr(0, name.size() - kSuffix.size());
}

// Needs a gt file *with* its frames folder: a lone "*_gt.txt" is too common a name to claim.
bool is_uavdt_tree(const std::filesystem::path& dir) {
  for (const std::filesystem::path& file : gt_files(dir)) {
    std::error_code ec;
    if (std::filesystem::is_directory(dir / sequence_name(file), ec)) return true;
  }
  return false;
}

std::vector<Sequence> read_uavdt_tree(const std::filesystem::path& dir) {
  std::vector<Sequence> sequences;
  for (const std::filesystem::path& file : gt_files(dir)) {
    Sequence s;
    s.name = sequence_name(file);
    s.format = "uavdt";
    const std::filesystem::path folder = dir / s.name;
    s.frames = require_images(folder, s.name + "/img000001.jpg, ... beside " + s.name + "_gt.txt");
    s.groundtruth = read_box_file(file, BoxEncoding::kXywh);
    check_frame_count(file, s.groundtruth.size(), s.frames.size(), folder);
    sequences.push_back(std::move(s));
  }
  return sequences;
}

}  // namespace

FormatReader uavdt_reader() {
  FormatReader r;
  r.name = "uavdt";
  r.detect_dataset = is_uavdt_tree;
  r.read_dataset = read_uavdt_tree;
  return r;
}

}  // namespace spot::data
