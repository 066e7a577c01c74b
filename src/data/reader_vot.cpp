// VOT / VOT-LT reader: <seq>/groundtruth.txt (x,y,w,h, or a polygon -> its axis-aligned bounds;
// NaN rows and VOT-LT's single "0" = absent), frames from the `sequence` file's channels.color
// pattern (else color/, else the folder itself), and every *.tag / *.label file as an attribute.
#include <algorithm>
#include <optional>

#include "spot/data/annotation_parser.hpp"
#include "spot/data/format_reader.hpp"
#include "spot/data/image_files.hpp"
#include "spot/data/reader_support.hpp"
#include "spot/error.hpp"

namespace spot::data {
namespace {

std::vector<std::filesystem::path> tag_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const auto ext = it->path().extension();
    std::error_code fec;
    if ((ext == ".tag" || ext == ".label") && it->is_regular_file(fec)) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The toolkit's `sequence` file or tag files mark VOT; groundtruth.txt + color/ alone is read by
// the generic reader, which gives the same boxes for x,y,w,h files.
bool is_vot_sequence(const std::filesystem::path& dir) {
  if (!has_file(dir, "groundtruth.txt")) return false;
  if (has_file(dir, "sequence")) return true;
  for (const auto& f : tag_files(dir)) {
    if (f.extension() == ".tag") return true;
  }
  return false;
}

bool accepts_vot_sequence(const std::filesystem::path& dir) {
  return has_file(dir, "groundtruth.txt");
}

// A frame-name pattern with one %d / %0Nd, parsed by hand: it comes from a data file and must
// never reach a real printf.
struct FramePattern {
  std::string prefix;
  std::string suffix;
  int width = 0;

  std::string name(int index) const {
    std::string number = std::to_string(index);
    if (static_cast<int>(number.size()) < width) number.insert(0, width - number.size(), '0');
    return prefix + number + suffix;
  }
};

std::optional<FramePattern> parse_pattern(const std::string& pattern) {
  const std::size_t pos = pattern.find('%');
  if (pos == std::string::npos) return std::nullopt;
  std::size_t end = pos + 1;
  int width = 0;
  while (end < pattern.size() && pattern[end] >= '0' && pattern[end] <= '9' && width <= 32) {
    width = width * 10 + (pattern[end] - '0');
    ++end;
  }
  if (end >= pattern.size() || pattern[end] != 'd' || width > 32) return std::nullopt;
  return FramePattern{pattern.substr(0, pos), pattern.substr(end + 1), width};
}

std::string trim(const std::string& s) {
  const std::size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") + 1 - b);
}

// Frames named by `channels.color=color\%08d.jpg`, numbered from 1. VOT sometimes writes the
// pattern with a Windows separator, so '\' is read as '/'. Empty when the file has no such key.
std::vector<std::filesystem::path> frames_from_sequence_file(const std::filesystem::path& dir) {
  const std::filesystem::path file = dir / "sequence";
  const std::vector<std::string> lines = read_text_lines(file);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::size_t eq = lines[i].find('=');
    if (eq == std::string::npos || trim(lines[i].substr(0, eq)) != "channels.color") continue;
    std::string text = trim(lines[i].substr(eq + 1));
    std::replace(text.begin(), text.end(), '\\', '/');
    const long line = static_cast<long>(i + 1);
    const std::optional<FramePattern> pattern = parse_pattern(text);
    if (!pattern) {
      throw Error(
          "channels.color pattern '" + text + "' has no frame number; expected e.g. color/%08d.jpg",
          file.string(), line);
    }
    std::vector<std::filesystem::path> frames;
    for (int index = 1;; ++index) {
      const std::filesystem::path frame = dir / pattern->name(index);
      std::error_code ec;
      if (!std::filesystem::is_regular_file(frame, ec)) break;
      frames.push_back(frame);
    }
    if (frames.empty()) {
      throw Error("no frame matches channels.color pattern '" + text + "' (expected " +
                      (dir / pattern->name(1)).string() + ")",
                  file.string(), line);
    }
    return frames;
  }
  return {};
}

std::vector<std::filesystem::path> vot_frames(const std::filesystem::path& dir) {
  if (has_file(dir, "sequence")) {
    std::vector<std::filesystem::path> frames = frames_from_sequence_file(dir);
    if (!frames.empty()) return frames;
  }
  std::error_code ec;
  // Before VOT2020 the frames sat next to groundtruth.txt.
  if (!std::filesystem::is_directory(dir / "color", ec) && has_images(dir)) return list_images(dir);
  return require_images(dir / "color", "color/00000001.jpg, ...");
}

std::vector<Sequence> read_vot_sequence(const std::filesystem::path& dir) {
  Sequence s;
  s.name = folder_name(dir);
  s.format = "vot";
  s.frames = vot_frames(dir);
  const std::filesystem::path gt_file = dir / "groundtruth.txt";
  s.groundtruth = read_box_file(gt_file, BoxEncoding::kVot);
  check_frame_count(gt_file, s.groundtruth.size(), s.frames.size(), s.frames.front().parent_path());
  for (const std::filesystem::path& file : tag_files(dir)) {
    s.attributes[file.stem().string()] = fit_flags(read_int_values(file), s.frames.size(), file);
  }
  return {s};
}

}  // namespace

FormatReader vot_reader() {
  FormatReader r;
  r.name = "vot";
  r.detect_sequence = is_vot_sequence;
  r.accepts_sequence = accepts_vot_sequence;
  r.read_sequence = read_vot_sequence;
  return r;
}

}  // namespace spot::data
