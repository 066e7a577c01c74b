// spot.Tracker: SPOT's tracker and the OpenCV baselines behind one Python class, with the GIL
// released while they compute so other Python threads keep running.
#include <fmt/format.h>

#include <memory>
#include <mutex>
#include <utility>

#include "bindings.hpp"
#include "spot/api/tracker_factory.hpp"

namespace spot::python {

namespace {

class PyTracker {
 public:
  explicit PyTracker(std::unique_ptr<track::Tracker> tracker) : tracker_(std::move(tracker)) {}

  void init(const py::handle& frame, const py::handle& box) {
    py::array array;
    const cv::Mat mat = frame_view(frame, array);
    const geometry::Box b = box_from_python(box);
    py::gil_scoped_release release;
    const std::lock_guard<std::mutex> lock(mutex_);
    tracker_->init(mat, b);
  }

  py::tuple update(const py::handle& frame) {
    py::array array;
    const cv::Mat mat = frame_view(frame, array);
    track::TrackResult r;
    {
      py::gil_scoped_release release;
      const std::lock_guard<std::mutex> lock(mutex_);
      r = tracker_->update(mat);
    }
    return py::make_tuple(box_to_python(r.box), r.score, r.present);
  }

  std::string name() const { return tracker_->name(); }

 private:
  std::unique_ptr<track::Tracker> tracker_;
  // One tracker is a sequential state machine: two Python threads calling it at once (possible
  // once the GIL is released) must take turns.
  std::mutex mutex_;
};

std::unique_ptr<PyTracker> make(const std::string& name, const track::SpotTrackerConfig& config) {
  std::unique_ptr<track::Tracker> tracker;
  {
    py::gil_scoped_release release;  // loading weights takes a moment
    tracker = api::make_tracker(name, config);
  }
  return std::make_unique<PyTracker>(std::move(tracker));
}

// The tracker config file first (as --tracker-config), then the keyword options over it.
track::SpotTrackerConfig spot_config(const py::object& weights, const py::object& config_file,
                                     const py::dict& options) {
  track::SpotTrackerConfig config;
  if (!config_file.is_none())
    config = track::load_spot_tracker_config(path_from_python(config_file, "config").string());
  set_fields(options, config.fields(), "spot.Tracker",
             {{"online", config.online.fields()}, {"association", config.association.fields()},
              {"refine", config.refine.fields()}, {"local", config.local.fields()}});
  if (!weights.is_none()) config.weights = path_from_python(weights, "weights").string();
  return config;
}

}  // namespace

void bind_tracker(py::module_& m) {
  py::class_<PyTracker>(m, "Tracker", R"doc(
A single-object tracker: ``init(frame, box)`` once, then ``update(frame)`` for every later frame.

``spot.Tracker(weights=None, config=None, **options)`` is SPOT's own tracker: it scores the whole
frame every update, so it finds the target again after it left the view. ``weights`` is a model
file from ``spot train`` (default: the shipped weights/spot_default.pt); ``config`` a tracker
settings file (TOML, as ``--tracker-config``, e.g. configs/tracker-default.toml); ``options`` are
that file's keys, overriding it (presence_threshold, input_scale, threads, ...; its sections as
dicts: online={"enabled": False}, association={...}); an unknown one raises TypeError listing the
valid ones. ``spot.Tracker.baseline(name)`` gives an OpenCV baseline.

Frames are numpy uint8 arrays, HxWx3 BGR (as cv2.imread / cv2.VideoCapture give them) or HxW grey,
C-contiguous. Boxes are (x, y, w, h) in pixels.
)doc")
      .def(py::init(
               [](const py::object& weights, const py::object& config, const py::kwargs& options) {
                 return make("spot", spot_config(weights, config, options));
               }),
           py::arg("weights") = py::none(), py::arg("config") = py::none())
      .def_static(
          "baseline", [](const std::string& name) { return make(name, {}); }, py::arg("name"),
          "An OpenCV baseline by name (csrt, kcf, mil, mosse, medianflow, tld, tld-stock, "
          "boosting); also accepts 'spot'.")
      .def("init", &PyTracker::init, py::arg("frame"), py::arg("box"),
           "Starts tracking the target in box (x, y, w, h) of frame. Raises spot.Error when the "
           "box is empty, not finite or outside the frame.")
      .def("update", &PyTracker::update, py::arg("frame"),
           "Finds the target in the next frame: ((x, y, w, h), score, present). present=False "
           "means the tracker says the target is not visible (the box is then the last one).")
      .def_property_readonly("name", &PyTracker::name, "Short identifier, e.g. 'spot' or 'csrt'")
      .def("__repr__",
           [](const PyTracker& t) { return fmt::format("spot.Tracker('{}')", t.name()); });

  m.def(
      "baseline", [](const std::string& name) { return make(name, {}); }, py::arg("name"),
      "Same as spot.Tracker.baseline(name).");
  m.def("tracker_names", &api::tracker_names,
        "Names spot.Tracker.baseline() accepts: 'spot' and the OpenCV baselines.");
}

}  // namespace spot::python
