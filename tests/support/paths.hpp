// Test helpers: where the shared evaluation data is, and scratch directories that clean up after
// themselves.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <random>
#include <string>

namespace spot::test {

// ../shared/data beside the repo root (or $SPOT_SHARED_DATA); nullopt when it is not there.
inline std::optional<std::filesystem::path> shared_data_dir() {
  if (const char* env = std::getenv("SPOT_SHARED_DATA")) {
    if (std::filesystem::is_directory(env)) return std::filesystem::path(env);
    return std::nullopt;
  }
  const auto p = std::filesystem::path(SPOT_SOURCE_DIR).parent_path() / "shared" / "data";
  if (std::filesystem::is_directory(p)) return p;
  return std::nullopt;
}

// A fresh empty directory under the system temp dir, removed when this object dies.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("spot_test_" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace spot::test

// Skips the current test with a message when ../shared/data is absent.
#define SPOT_REQUIRE_SHARED_DATA(var)                                                   \
  const auto var##_opt = ::spot::test::shared_data_dir();                              \
  if (!var##_opt) GTEST_SKIP() << "../shared/data not found (set SPOT_SHARED_DATA)"; \
  const std::filesystem::path var = *var##_opt
