// FrameReader: reads the frames of a Sequence in order, from image files or a video file.
#pragma once

#include <memory>

#include <opencv2/core/mat.hpp>
#include <opencv2/videoio.hpp>

#include "spot/data/sequence.hpp"

namespace spot::data {

// Reads one image as 8-bit BGR. Throws spot::Error naming the file when it is missing or
// unreadable.
cv::Mat read_image(const std::filesystem::path& path);

// Keeps a pointer to the Sequence: the Sequence must outlive the reader.
class FrameReader {
 public:
  // Throws spot::Error when the sequence has no frames or its video cannot be opened.
  explicit FrameReader(const Sequence& sequence);
  int size() const { return size_; }
  // Frame `index` (0-based) as 8-bit BGR. Sequential access is fast; for a video, going backwards
  // re-opens it. Throws spot::Error on an unreadable frame (naming the file / video and index) or
  // an index outside [0, size()).
  cv::Mat read(int index);

 private:
  const Sequence* sequence_;
  int size_ = 0;
  std::unique_ptr<cv::VideoCapture> capture_;
  int next_video_index_ = 0;
};

// Width and height of the sequence's first frame (reads it). Throws as FrameReader / read().
geometry::ImageSize first_frame_size(const Sequence& sequence);

}  // namespace spot::data
