// Helpers the per-format dataset readers share: folder names, locating frames, count checks.
// Internal to spot_data (public only so tests and readers can include it).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace spot::data {

// The last component of `path`, ignoring a trailing separator and resolving "." / "..".
std::string folder_name(const std::filesystem::path& path);

// True when `dir/name` is a regular file.
bool has_file(const std::filesystem::path& dir, const std::string& name);

// The images of the frames folder `dir` in natural order. Throws spot::Error naming `dir` when
// it is missing ("missing frames folder") or holds no image; `expected` says what should be there.
std::vector<std::filesystem::path> require_images(const std::filesystem::path& dir,
                                                  const std::string& expected);

// Throws spot::Error naming `file` when `lines` != `frames`, stating both counts and `where` the
// frames were looked for; `note` (may be empty) is appended to explain the format's rule.
void check_frame_count(const std::filesystem::path& file, std::size_t lines, std::size_t frames,
                       const std::filesystem::path& where, const std::string& note = {});

// `values` padded with zeros to `frames` entries (VOT tags may stop after the last flagged
// frame). Throws spot::Error naming `file` when there are more values than frames.
std::vector<int> fit_flags(std::vector<int> values, std::size_t frames,
                           const std::filesystem::path& file);

}  // namespace spot::data
