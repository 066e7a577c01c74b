// Frame access for a Sequence: image files via imread, video files via a sequential VideoCapture.
#include "spot/data/frame_reader.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "spot/error.hpp"

namespace spot::data {
namespace {

// Callers get 8-bit BGR whatever the video decoder delivers (some give gray or BGRA).
cv::Mat to_bgr(cv::Mat frame) {
  if (frame.channels() == 1) cv::cvtColor(frame, frame, cv::COLOR_GRAY2BGR);
  if (frame.channels() == 4) cv::cvtColor(frame, frame, cv::COLOR_BGRA2BGR);
  if (frame.depth() != CV_8U) frame.convertTo(frame, CV_8U);
  return frame;
}

std::unique_ptr<cv::VideoCapture> open_video(const std::filesystem::path& path) {
  auto capture = std::make_unique<cv::VideoCapture>(path.string());
  if (!capture->isOpened()) {
    throw Error("cannot open video (unsupported container or codec, or a corrupt file)",
                path.string());
  }
  return capture;
}

}  // namespace

cv::Mat read_image(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw Error("image file not found", path.string());
  // IMREAD_COLOR gives 8-bit BGR for gray, 16-bit and alpha images alike.
  cv::Mat image = cv::imread(path.string(), cv::IMREAD_COLOR);
  if (image.empty()) {
    throw Error("cannot decode image (corrupt file or unsupported encoding)", path.string());
  }
  return image;
}

FrameReader::FrameReader(const Sequence& sequence) : sequence_(&sequence), size_(sequence.size()) {
  const std::string source = sequence.video.empty() ? sequence.name : sequence.video.string();
  if (size_ <= 0) throw Error("sequence '" + sequence.name + "' has no frames", source);
  if (!sequence.video.empty()) capture_ = open_video(sequence.video);
}

cv::Mat FrameReader::read(int index) {
  if (index < 0 || index >= size_) {
    throw Error("frame index " + std::to_string(index) + " out of range (expected 0.." +
                    std::to_string(size_ - 1) + ")",
                sequence_->video.empty() ? sequence_->name : sequence_->video.string());
  }
  if (sequence_->video.empty())
    return read_image(sequence_->frames[static_cast<std::size_t>(index)]);

  const std::string video = sequence_->video.string();
  // Seeking with CAP_PROP_POS_FRAMES is inexact for many codecs; re-open and decode forward.
  if (index < next_video_index_) {
    capture_ = open_video(sequence_->video);
    next_video_index_ = 0;
  }
  while (next_video_index_ < index) {
    if (!capture_->grab()) {
      throw Error("cannot decode frame " + std::to_string(next_video_index_) + " of the video",
                  video);
    }
    ++next_video_index_;
  }
  cv::Mat frame;
  if (!capture_->read(frame) || frame.empty()) {
    throw Error("cannot decode frame " + std::to_string(index) + " of the video", video);
  }
  ++next_video_index_;
  return to_bgr(frame);
}

geometry::ImageSize first_frame_size(const Sequence& sequence) {
  FrameReader reader(sequence);
  const cv::Mat frame = reader.read(0);
  return {frame.cols, frame.rows};
}

}  // namespace spot::data
