// validate_init: the argument checks every Tracker::init() runs first.
#include "spot/track/validate.hpp"

#include <fmt/format.h>

#include "spot/error.hpp"

namespace spot::track {

void validate_init(const cv::Mat& frame, const geometry::Box& box) {
  if (frame.empty()) throw Error("tracker init: the frame is empty");
  if (frame.depth() != CV_8U || (frame.channels() != 3 && frame.channels() != 1)) {
    throw Error("tracker init: expected an 8-bit BGR or grey frame");
  }
  if (!box.non_empty()) {
    throw Error(fmt::format("tracker init: box {},{},{},{} must be finite with w > 0 and h > 0",
                            box.x, box.y, box.w, box.h));
  }
  const geometry::Box visible =
      geometry::crop_to_image(box, {frame.cols, frame.rows});
  if (visible.area() <= 0) {
    throw Error(fmt::format("tracker init: box {},{},{},{} lies outside the {}x{} frame", box.x,
                            box.y, box.w, box.h, frame.cols, frame.rows));
  }
}

}  // namespace spot::track
