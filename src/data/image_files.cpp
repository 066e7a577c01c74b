// Frame file recognition and the natural order of a folder's images.
#include "spot/data/image_files.hpp"

#include <algorithm>
#include <cctype>
#include <system_error>

namespace spot::data {
namespace {

std::string lower_extension(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_hidden(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  return !name.empty() && name[0] == '.';
}

}  // namespace

bool is_image_file(const std::filesystem::path& path) {
  static const std::vector<std::string> kExtensions = {".jpg", ".jpeg", ".png", ".bmp"};
  const std::string ext = lower_extension(path);
  return std::find(kExtensions.begin(), kExtensions.end(), ext) != kExtensions.end();
}

bool is_video_file(const std::filesystem::path& path) {
  static const std::vector<std::string> kExtensions = {".avi",  ".mp4", ".mkv", ".mov",  ".mpg",
                                                       ".mpeg", ".m4v", ".wmv", ".webm", ".flv"};
  const std::string ext = lower_extension(path);
  return std::find(kExtensions.begin(), kExtensions.end(), ext) != kExtensions.end();
}

bool natural_less(const std::string& a, const std::string& b) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      // Compare digit runs by value: skip leading zeros, then longer run = larger number.
      std::size_t ie = i, je = j;
      while (ie < a.size() && is_digit(a[ie])) ++ie;
      while (je < b.size() && is_digit(b[je])) ++je;
      std::size_t iz = i, jz = j;
      while (iz + 1 < ie && a[iz] == '0') ++iz;
      while (jz + 1 < je && b[jz] == '0') ++jz;
      if (ie - iz != je - jz) return ie - iz < je - jz;
      const int c = a.compare(iz, ie - iz, b, jz, je - jz);
      if (c != 0) return c < 0;
      i = ie;
      j = je;
    } else {
      if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
      ++i;
      ++j;
    }
  }
  if (a.size() - i != b.size() - j) return a.size() - i < b.size() - j;
  // Equal by value ("01" vs "1"): fall back to bytes so the order is total and deterministic.
  return a < b;
}

std::vector<std::filesystem::path> list_images(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> images;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const auto& p = it->path();
    if (is_hidden(p) || !is_image_file(p)) continue;
    std::error_code fec;
    if (!it->is_regular_file(fec)) continue;
    images.push_back(p);
  }
  std::sort(images.begin(), images.end(),
            [](const std::filesystem::path& a, const std::filesystem::path& b) {
              return natural_less(a.filename().string(), b.filename().string());
            });
  return images;
}

bool has_images(const std::filesystem::path& dir) {
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code fec;
    if (!is_hidden(it->path()) && is_image_file(it->path()) && it->is_regular_file(fec)) {
      return true;
    }
  }
  return false;
}

}  // namespace spot::data
