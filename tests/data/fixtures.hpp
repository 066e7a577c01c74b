// Tiny on-disk datasets for the reader tests: frames written with cv::imwrite into a TempDir,
// annotation files written verbatim, and a helper to check spot::Error messages.
#pragma once

#include "support/errors.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <string>

#include "spot/error.hpp"

namespace spot::test {

namespace fs = std::filesystem;

inline void write_text(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// A small solid-colour image; the colour encodes `value` so tests can tell frames apart.
inline void write_image(const fs::path& path, int value = 0, int width = 8, int height = 6) {
  fs::create_directories(path.parent_path());
  const cv::Mat image(height, width, CV_8UC3, cv::Scalar(value % 256, 40, 200));
  ASSERT_TRUE(cv::imwrite(path.string(), image)) << path;
}

// Frames <dir>/<prefix><number><ext> for number = first .. first+count-1, zero-padded to `digits`.
inline void write_frames(const fs::path& dir, int count, int digits, const std::string& prefix = "",
                         const std::string& ext = ".jpg", int first = 1, int width = 8,
                         int height = 6) {
  for (int i = 0; i < count; ++i) {
    std::string number = std::to_string(first + i);
    number.insert(
        0, static_cast<std::size_t>(std::max(0, digits - static_cast<int>(number.size()))), '0');
    write_image(dir / (prefix + number + ext), i * 20, width, height);
  }
}


}  // namespace spot::test
