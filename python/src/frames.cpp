// NumPy frames <-> cv::Mat: the checks that keep a wrong array from reaching OpenCV or LibTorch.
#include <fmt/format.h>

#include <climits>
#include <cstring>

#include "bindings.hpp"

namespace spot::python {

namespace {

std::string shape_of(const py::array& a) { return py::str(a.attr("shape")).cast<std::string>(); }

}  // namespace

cv::Mat frame_view(const py::handle& frame, py::array& array, const char* what) {
  if (!py::isinstance<py::array>(frame)) {
    throw py::type_error(fmt::format(
        "{} must be a numpy.ndarray (uint8, HxWx3 BGR as cv2.imread gives, or HxW grey), got {}",
        what, py::type::of(frame).attr("__name__").cast<std::string>()));
  }
  array = py::reinterpret_borrow<py::array>(frame);
  if (array.dtype().kind() != 'u' || array.itemsize() != 1) {
    throw py::value_error(fmt::format(
        "{} must have dtype uint8 (8-bit BGR, as OpenCV gives), got {}; convert with e.g. "
        "np.clip({}, 0, 255).astype(np.uint8)",
        what, py::str(array.dtype()).cast<std::string>(), what));
  }
  const bool colour = array.ndim() == 3 && (array.shape(2) == 3 || array.shape(2) == 1);
  if (array.ndim() != 2 && !colour) {
    throw py::value_error(
        fmt::format("{} must have shape (H, W, 3) (BGR) or (H, W) (grey), got shape {}", what,
                    shape_of(array)));
  }
  if (array.shape(0) == 0 || array.shape(1) == 0)
    throw py::value_error(fmt::format("{} is empty (shape {})", what, shape_of(array)));
  if (array.shape(0) > INT_MAX / 4 || array.shape(1) > INT_MAX / 4)
    throw py::value_error(fmt::format("{} is too large (shape {})", what, shape_of(array)));
  // Row-strided views could be wrapped by a cv::Mat, but channel- or column-strided ones cannot;
  // one rule that the error message can explain beats a rule about which views happen to work.
  if (!(array.flags() & py::array::c_style)) {
    throw py::value_error(
        fmt::format("{} is not C-contiguous (a slice, or a transposed or reversed view such as "
                    "frame[:, :, ::-1]); pass np.ascontiguousarray({})",
                    what, what));
  }
  const int type = (array.ndim() == 3 && array.shape(2) == 3) ? CV_8UC3 : CV_8UC1;
  return cv::Mat(static_cast<int>(array.shape(0)), static_cast<int>(array.shape(1)), type,
                 const_cast<void*>(array.data()));
}

py::array frame_to_numpy(const cv::Mat& frame) {
  const cv::Mat m = frame.isContinuous() ? frame : frame.clone();
  std::vector<py::ssize_t> shape{m.rows, m.cols};
  if (m.channels() > 1) shape.push_back(m.channels());
  py::array_t<std::uint8_t> out(shape);
  std::memcpy(out.mutable_data(), m.data, m.total() * m.elemSize());
  return std::move(out);
}

}  // namespace spot::python
