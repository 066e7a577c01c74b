// Helpers shared by the per-format readers: names, frames folders, count checks.
#include "spot/data/reader_support.hpp"

#include "spot/data/image_files.hpp"
#include "spot/error.hpp"

namespace spot::data {

std::string folder_name(const std::filesystem::path& path) {
  std::filesystem::path p = std::filesystem::absolute(path).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  return p.filename().string();
}

bool has_file(const std::filesystem::path& dir, const std::string& name) {
  std::error_code ec;
  return std::filesystem::is_regular_file(dir / name, ec);
}

std::vector<std::filesystem::path> require_images(const std::filesystem::path& dir,
                                                  const std::string& expected) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw Error("missing frames folder (expected " + expected + ")", dir.string());
  }
  std::vector<std::filesystem::path> images = list_images(dir);
  if (images.empty()) {
    throw Error("frames folder holds no .jpg/.jpeg/.png/.bmp image (expected " + expected + ")",
                dir.string());
  }
  return images;
}

void check_frame_count(const std::filesystem::path& file, std::size_t lines, std::size_t frames,
                       const std::filesystem::path& where, const std::string& note) {
  if (lines == frames) return;
  std::string message = "has " + std::to_string(lines) + " lines but " + where.string() +
                        " holds " + std::to_string(frames) + " frames; expected one line per frame";
  if (!note.empty()) message += " (" + note + ")";
  throw Error(message, file.string());
}

std::vector<int> fit_flags(std::vector<int> values, std::size_t frames,
                           const std::filesystem::path& file) {
  if (values.size() > frames) {
    throw Error("has " + std::to_string(values.size()) + " values but the sequence has " +
                    std::to_string(frames) + " frames; expected at most one value per frame",
                file.string());
  }
  values.resize(frames, 0);
  return values;
}

}  // namespace spot::data
