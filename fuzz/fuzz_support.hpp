// Helpers the fuzz targets share: a private scratch folder for parsers that read only from files,
// splitting one input into several files, and the one way a target reports a finding.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace spot::fuzz {

// A finding the sanitizers cannot see (a broken contract: e.g. a parsed box with a NaN size).
// Aborting is what libFuzzer (and the replay test) record as a crash, with the input saved.
[[noreturn]] inline void finding(const char* what) {
  std::fprintf(stderr, "FUZZ FINDING: %s\n", what);
  std::abort();
}

#define SPOT_FUZZ_CHECK(cond)                  \
  do {                                         \
    if (!(cond)) ::spot::fuzz::finding(#cond); \
  } while (0)

// An expected rejection (spot::Error). Silent, unless SPOT_FUZZ_VERBOSE is set: then the message is
// printed, to check that seed inputs get past the first error they can meet.
inline void rejected(const std::exception& e) {
  static const bool verbose = std::getenv("SPOT_FUZZ_VERBOSE") != nullptr;
  if (verbose) std::fprintf(stderr, "rejected: %s\n", e.what());
}

inline void accepted(const char* what) {
  static const bool verbose = std::getenv("SPOT_FUZZ_VERBOSE") != nullptr;
  if (verbose) std::fprintf(stderr, "accepted: %s\n", what);
}

// One scratch folder per process (tmpfs when there is one: every input rewrites files there), kept
// for the whole run and removed at exit.
inline const std::filesystem::path& scratch_dir() {
  static const std::filesystem::path dir = [] {
    std::error_code ec;
    const std::filesystem::path base = std::filesystem::is_directory("/dev/shm", ec)
                                           ? std::filesystem::path("/dev/shm")
                                           : std::filesystem::temp_directory_path();
    std::filesystem::path d = base / ("spot-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    static struct Cleanup {
      std::filesystem::path p;
      ~Cleanup() {
        std::error_code ignored;
        std::filesystem::remove_all(p, ignored);
      }
    } cleanup{d};
    return d;
  }();
  return dir;
}

// Empties the scratch folder and returns it.
inline std::filesystem::path fresh_scratch_dir() {
  const std::filesystem::path& d = scratch_dir();
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(d, ec)) {
    std::filesystem::remove_all(entry.path(), ec);
  }
  return d;
}

inline void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// The input cut at each occurrence of `separator` (a line of its own in the seed files, so seeds
// stay readable), into at most `max_parts` parts; the last part keeps the rest.
inline std::vector<std::string> split_input(const std::uint8_t* data, std::size_t size,
                                            const std::string& separator, std::size_t max_parts) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (parts.size() + 1 < max_parts) {
    const std::size_t at = text.find(separator, start);
    if (at == std::string::npos) break;
    parts.push_back(text.substr(start, at - start));
    start = at + separator.size();
  }
  parts.push_back(text.substr(start));
  return parts;
}

}  // namespace spot::fuzz
