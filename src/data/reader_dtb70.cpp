// DTB70 reader: the OTB layout (<seq>/groundtruth_rect.txt + <seq>/img/00001.jpg) under its own
// name. Auto-detection tells the two apart by a hint in the path, else by the image-number width.
#include <algorithm>
#include <cctype>

#include "spot/data/format_reader.hpp"
#include "spot/data/image_files.hpp"

namespace spot::data {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The files carry no format name, so look at the sequence folder and the two above it ("dtb70/
// Gull2" vs "OTB100/Crossing"); failing that, DTB70 numbers images with 5 digits and OTB mostly
// with 4. Only Sequence::format depends on this guess: both are read the same way.
bool looks_like_dtb70(const std::filesystem::path& dir) {
  std::filesystem::path p = std::filesystem::absolute(dir).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  for (int level = 0; level < 3 && !p.filename().empty(); ++level, p = p.parent_path()) {
    const std::string name = lower(p.filename().string());
    if (name.find("dtb") != std::string::npos) return true;
    if (name.find("otb") != std::string::npos) return false;
  }
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir / "img", ec), end; !ec && it != end;
       it.increment(ec)) {
    if (!is_image_file(it->path())) continue;
    const std::string stem = it->path().stem().string();
    return stem.size() == 5 &&
           std::all_of(stem.begin(), stem.end(), [](unsigned char c) { return std::isdigit(c); });
  }
  return false;
}

}  // namespace

FormatReader dtb70_reader() {
  FormatReader r;
  r.name = "dtb70";
  r.detect_sequence = [](const std::filesystem::path& dir) {
    return has_otb_layout(dir) && looks_like_dtb70(dir);
  };
  r.accepts_sequence = has_otb_layout;
  r.read_sequence = [](const std::filesystem::path& dir) { return read_otb_layout(dir, "dtb70"); };
  return r;
}

}  // namespace spot::data
