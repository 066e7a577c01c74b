// load_dataset / detect_format: finds the sequences under a root (one sequence, a dataset, a folder
// of datasets, an image folder or a video), reads each with its format's reader, names them
// uniquely.
#include "spot/data/dataset.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "spot/data/annotation_parser.hpp"
#include "spot/data/format_reader.hpp"
#include "spot/data/image_files.hpp"
#include "spot/data/reader_support.hpp"
#include "spot/error.hpp"

namespace spot::data {
namespace {

namespace fs = std::filesystem;

enum class Kind { kSequence, kDataset, kImages, kVideo };

// One thing to read: a sequence folder, a dataset tree, an image folder or a video file.
struct Entry {
  fs::path path;
  std::string format;
  Kind kind = Kind::kSequence;
  std::string group;  // sub-dataset folder name when found one level down, else empty
};

struct Scan {
  std::vector<Entry> entries;
  std::vector<fs::path> unrecognised;
};

const std::string& layout_hint() {
  static const std::string kHint =
      "one of: <seq>/groundtruth_rect.txt + img/ (otb, dtb70); anno/UAV123_10fps/<seq>.txt + "
      "data_seq/UAV123_10fps/ (uav123); <seq>_gt.txt + <seq>/ (uavdt); gt.txt + images (tld); "
      "groundtruth.txt + full_occlusion.txt + out_of_view.txt + img/ (lasot); groundtruth.txt + "
      "absence.label + images (got10k); groundtruth.txt + sequence or *.tag (vot); "
      "groundtruth.txt + color/ or img/ (generic); a folder of images (images); a video file "
      "(video)";
  return kHint;
}

bool is_hidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::vector<fs::path> list_dir(const fs::path& dir, bool folders) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (is_hidden(it->path())) continue;
    std::error_code tec;
    if (folders ? it->is_directory(tec) : it->is_regular_file(tec)) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end(), [](const fs::path& a, const fs::path& b) {
    return natural_less(a.filename().string(), b.filename().string());
  });
  return out;
}

// Subfolders holding sequences. VOT and GOT-10k roots name theirs in list.txt; then only those
// count, so other folders (results, masks, ...) may sit beside them.
std::vector<fs::path> sequence_folders(const fs::path& dir) {
  if (!has_file(dir, "list.txt")) return list_dir(dir, true);
  const fs::path list = dir / "list.txt";
  const std::vector<std::string> lines = read_text_lines(list);
  std::vector<fs::path> folders;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::vector<std::string> fields = split_fields(lines[i]);
    if (fields.empty()) continue;
    const fs::path folder = dir / fields.front();
    std::error_code ec;
    if (fields.size() != 1 || !fs::is_directory(folder, ec)) {
      throw Error("expected the name of a sequence folder beside list.txt, found '" + lines[i] +
                      "' (no folder " + folder.string() + ")",
                  list.string(), static_cast<long>(i + 1));
    }
    folders.push_back(folder);
  }
  return folders;
}

const FormatReader* find_reader(const std::string& name) {
  for (const FormatReader& r : format_readers()) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

// `dir` as one sequence or one dataset tree of `format` ("auto": any, by detection priority).
std::optional<Entry> recognise(const fs::path& dir, const std::string& format) {
  for (const FormatReader& r : format_readers()) {
    if (format != "auto" && r.name != format) continue;
    if (r.detect_dataset && r.detect_dataset(dir)) return Entry{dir, r.name, Kind::kDataset, {}};
    const FormatReader::Probe probe = format == "auto" ? r.detect_sequence : r.accepts_sequence;
    if (probe && probe(dir)) return Entry{dir, r.name, Kind::kSequence, {}};
  }
  return std::nullopt;
}

// Recognises each subfolder; with `nested`, an unrecognised subfolder is tried as a dataset of
// its own (the shared data's <dataset>/<seq>, LaSOT's <class>/<class>-<n>).
Scan scan_children(const fs::path& dir, const std::string& format, bool nested) {
  Scan scan;
  for (const fs::path& child : sequence_folders(dir)) {
    if (std::optional<Entry> e = recognise(child, format)) {
      scan.entries.push_back(*e);
      continue;
    }
    Scan sub;
    if (nested) sub = scan_children(child, format, false);
    if (sub.entries.empty()) {
      scan.unrecognised.push_back(child);
      continue;
    }
    for (Entry& e : sub.entries) {
      e.group = folder_name(child);
      scan.entries.push_back(std::move(e));
    }
    scan.unrecognised.insert(scan.unrecognised.end(), sub.unrecognised.begin(),
                             sub.unrecognised.end());
  }
  return scan;
}

std::vector<Entry> video_entries(const fs::path& dir) {
  std::vector<Entry> entries;
  for (const fs::path& f : list_dir(dir, false)) {
    if (is_video_file(f)) entries.push_back({f, "video", Kind::kVideo, {}});
  }
  return entries;
}

std::vector<Entry> plan(const fs::path& root, const std::string& format) {
  std::error_code ec;
  if (fs::is_regular_file(root, ec)) {
    if ((format == "auto" && is_video_file(root)) || format == "video") {
      return {{root, "video", Kind::kVideo, {}}};
    }
    throw Error(
        "not a dataset folder, sequence folder, image folder or video file (expected a "
        "folder, or a video ending in .avi/.mp4/.mkv/.mov/.mpg/...)",
        root.string());
  }
  if (!fs::is_directory(root, ec)) throw Error("no such file or folder", root.string());
  if (list_dir(root, true).empty() && list_dir(root, false).empty()) {
    throw Error("empty folder (expected sequence folders, one sequence, images or a video)",
                root.string());
  }

  if (format == "images") {
    if (has_images(root)) return {{root, "images", Kind::kImages, {}}};
    std::vector<Entry> entries;
    for (const fs::path& child : list_dir(root, true)) {
      if (has_images(child)) entries.push_back({child, "images", Kind::kImages, {}});
    }
    if (entries.empty()) {
      throw Error("no images here or in its subfolders (expected .jpg/.jpeg/.png/.bmp files)",
                  root.string());
    }
    return entries;
  }
  if (format == "video") {
    std::vector<Entry> entries = video_entries(root);
    if (entries.empty()) throw Error("no video file in this folder", root.string());
    return entries;
  }

  if (std::optional<Entry> e = recognise(root, format)) return {*e};
  const Scan scan = scan_children(root, format, true);
  const std::string which = format == "auto" ? "any known format" : "format '" + format + "'";
  if (!scan.entries.empty()) {
    if (!scan.unrecognised.empty()) {
      throw Error("not a sequence in " + which + " (expected " + layout_hint() + ")",
                  scan.unrecognised.front().string());
    }
    return scan.entries;
  }
  if (format == "auto") {
    if (has_images(root)) return {{root, "images", Kind::kImages, {}}};
    std::vector<Entry> videos = video_entries(root);
    if (!videos.empty()) return videos;
  }
  throw Error("no dataset in " + which + " recognised here or in its subfolders (expected " +
                  layout_hint() + ")",
              root.string());
}

std::vector<Sequence> read_entry(const Entry& e) {
  switch (e.kind) {
    case Kind::kImages:
      return {read_image_folder(e.path)};
    case Kind::kVideo:
      return {read_video_file(e.path)};
    case Kind::kDataset:
      return find_reader(e.format)->read_dataset(e.path);
    case Kind::kSequence:
      break;
  }
  return find_reader(e.format)->read_sequence(e.path);
}

struct Named {
  Sequence sequence;
  std::string group;
  fs::path source;
};

// Names must be unique (results are saved as <name>.txt), compared ignoring case so results also
// survive case-insensitive file systems. Colliding sequences from different sub-datasets become
// "<sub-dataset>_<name>"; any collision left is an error.
void make_names_unique(std::vector<Named>& all, const fs::path& root) {
  std::map<std::string, std::vector<std::size_t>> by_name;
  for (std::size_t i = 0; i < all.size(); ++i) by_name[lower(all[i].sequence.name)].push_back(i);
  for (const auto& [key, indices] : by_name) {
    if (indices.size() < 2) continue;
    for (std::size_t i : indices) {
      if (!all[i].group.empty()) all[i].sequence.name = all[i].group + "_" + all[i].sequence.name;
    }
  }
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto [it, inserted] = seen.emplace(lower(all[i].sequence.name), i);
    if (!inserted) {
      throw Error("two sequences would both be named '" + all[i].sequence.name + "' (from " +
                      all[it->second].source.string() + " and " + all[i].source.string() +
                      "); expected unique names, ignoring case",
                  root.string());
    }
  }
}

void check_format_name(const std::string& format) {
  const std::vector<std::string>& valid = dataset_formats();
  if (format == "auto" || std::find(valid.begin(), valid.end(), format) != valid.end()) return;
  std::string list = "auto";
  for (const std::string& f : valid) list += ", " + f;
  throw Error("unknown dataset format '" + format + "' (valid formats: " + list + ")");
}

}  // namespace

const std::vector<std::string>& dataset_formats() {
  static const std::vector<std::string> kFormats = {"otb",     "dtb70",  "uav123", "uavdt",
                                                    "tld",     "lasot",  "got10k", "vot",
                                                    "generic", "images", "video"};
  return kFormats;
}

std::string detect_format(const std::filesystem::path& root) {
  std::set<std::string> formats;
  for (const Entry& e : plan(root, "auto")) formats.insert(e.format);
  std::string joined;
  for (const std::string& f : formats) joined += (joined.empty() ? "" : "+") + f;
  return joined;
}

std::vector<Sequence> load_dataset(const std::filesystem::path& root, const std::string& format) {
  check_format_name(format);
  std::vector<Named> all;
  for (const Entry& e : plan(root, format)) {
    for (Sequence& s : read_entry(e)) all.push_back({std::move(s), e.group, e.path});
  }
  make_names_unique(all, root);
  std::vector<Sequence> sequences;
  sequences.reserve(all.size());
  for (Named& n : all) sequences.push_back(std::move(n.sequence));
  std::sort(sequences.begin(), sequences.end(),
            [](const Sequence& a, const Sequence& b) { return a.name < b.name; });
  return sequences;
}

}  // namespace spot::data
