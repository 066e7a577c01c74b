// The extension module spot._spot (re-exported by the package spot): SPOT's trackers, datasets,
// synthetic generator, evaluator and model export, with spot::Error raised as spot.Error.
#include "bindings.hpp"
#include "spot/error.hpp"

PYBIND11_MODULE(_spot, m) {
  namespace py = pybind11;
  m.doc() = "SPOT: long-term tracking of small targets, searching the whole frame every frame";
  // spot::Error means "bad input" (a file, a value, a box): a ValueError to Python code, so
  // `except ValueError` catches it along with the argument checks done in the bindings.
  py::register_exception<spot::Error>(m, "Error", PyExc_ValueError);
  spot::python::bind_tracker(m);
  spot::python::bind_data(m);
  spot::python::bind_eval(m);
  spot::python::bind_export(m);
}
