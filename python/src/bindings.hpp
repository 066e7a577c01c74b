// What the binding files of the Python module share: one bind_* function per part of the API (each
// in its own bind_*.cpp, called from module.cpp) and the conversions between Python and SPOT types.
// Every conversion raises a Python exception (ValueError / TypeError) naming the argument and what
// was expected, so bad input never reaches C++ code that could crash on it.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>  // in every file: type casters must agree across the module

#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <opencv2/core/mat.hpp>
#include <string>
#include <vector>

#include "spot/geometry/box.hpp"
#include "spot/util/config_fields.hpp"

namespace spot::python {

namespace py = pybind11;

void bind_tracker(py::module_& m);  // Tracker, baseline(), tracker_names()
void bind_data(py::module_& m);     // Sequence, FrameReader, load_dataset(), synth()
void bind_eval(py::module_& m);     // evaluate(), protocol_names(), read/write_results()
void bind_export(py::module_& m);   // export_model()

// A frame as OpenCV-Python gives it (numpy.ndarray, uint8, HxWx3 BGR or HxW grey, C-contiguous),
// viewed as a cv::Mat without copying: `array` must outlive the Mat. Raises TypeError when `frame`
// is not an ndarray and ValueError on another dtype, shape, an empty or non-contiguous array.
cv::Mat frame_view(const py::handle& frame, py::array& array, const char* what = "frame");

// A frame handed back to Python: HxWx3 (or HxW) uint8 ndarray owning a copy of the pixels.
py::array frame_to_numpy(const cv::Mat& frame);

// Four real numbers (x, y, w, h) from any sequence (tuple, list, ndarray). Raises ValueError
// otherwise; whether the box makes sense for a frame is the tracker's check (spot.Error).
geometry::Box box_from_python(const py::handle& box, const char* what = "box");
py::tuple box_to_python(const geometry::Box& box);

// Boxes (one per frame, None = absent) <-> float64 ndarray of shape (N, 4), NaN rows for absent.
py::array boxes_to_numpy(const std::vector<geometry::MaybeBox>& boxes);
std::vector<geometry::MaybeBox> boxes_from_python(const py::handle& boxes, const char* what);

// str or os.PathLike -> path; raises TypeError otherwise.
std::filesystem::path path_from_python(const py::handle& path, const char* what);

// A config section set by a dict-valued keyword, e.g. online={...} for [online] in a config file.
using FieldSections = std::vector<std::pair<std::string, util::Fields>>;

// Sets config fields from keyword arguments with Python's typing (int for int fields, int or float
// for float fields, bool for flags, str / os.PathLike for strings, lists for lists); a key naming
// one of `sections` takes a dict of that section's keys. Raises TypeError naming `what` on an
// unknown key (listing the valid ones) or a value of the wrong type.
void set_fields(const py::dict& kwargs, const util::Fields& fields, const std::string& what,
                const FieldSections& sections = {});

// The evaluator's JSON report as Python objects (dict / list / float / int / bool / None), exactly
// what json.loads gives for the file `spot eval --json` writes.
py::object json_to_python(const nlohmann::json& value);

}  // namespace spot::python
