// Which files count as frames (images, videos) and in what order a folder's images are played.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace spot::data {

// True for .jpg .jpeg .png .bmp (any letter case).
bool is_image_file(const std::filesystem::path& path);

// True for the video containers cv::VideoCapture usually opens: .avi .mp4 .mkv .mov .mpg .mpeg
// .m4v .wmv .webm .flv (any letter case). Says nothing about whether the file can be decoded.
bool is_video_file(const std::filesystem::path& path);

// Natural order: runs of digits compare by value ("img2" < "img10"), everything else bytewise.
// For the zero-padded names every dataset uses this equals plain name order.
bool natural_less(const std::string& a, const std::string& b);

// The image files directly inside `dir` (hidden files skipped), in natural name order; empty
// when there are none or `dir` is not a folder. Never throws.
std::vector<std::filesystem::path> list_images(const std::filesystem::path& dir);

// True when `dir` directly holds at least one image file. Never throws.
bool has_images(const std::filesystem::path& dir);

}  // namespace spot::data
