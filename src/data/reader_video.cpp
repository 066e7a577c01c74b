// Reader for a video file without ground truth, decoded by cv::VideoCapture.
#include <cmath>
#include <opencv2/core/mat.hpp>
#include <opencv2/videoio.hpp>

#include "spot/data/format_reader.hpp"
#include "spot/error.hpp"

namespace spot::data {

Sequence read_video_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw Error("video file not found", path.string());
  cv::VideoCapture capture(path.string());
  if (!capture.isOpened()) {
    throw Error("cannot open video (unsupported container or codec, or a corrupt file)",
                path.string());
  }
  cv::Mat frame;
  if (!capture.read(frame) || frame.empty()) {
    throw Error("cannot decode the first frame of the video", path.string());
  }
  const double reported = capture.get(cv::CAP_PROP_FRAME_COUNT);
  int count = std::isfinite(reported) ? static_cast<int>(std::lround(reported)) : 0;
  if (count <= 0) {
    // Some streams (raw MPEG, broken indices) do not state a length: count by decoding.
    count = 1;
    while (capture.grab()) ++count;
  }
  Sequence s;
  s.name = path.stem().string();
  s.format = "video";
  s.video = path;
  s.video_frame_count = count;
  return s;
}

}  // namespace spot::data
