// The evaluator from Python: spot.evaluate() runs the very function `spot eval` runs and returns
// its JSON report as a dict, plus reading / writing result files in the toolkits' layout.
#include <fmt/format.h>

#include <cmath>
#include <optional>

#include "bindings.hpp"
#include "spot/api/dataset_evaluation.hpp"
#include "spot/eval/evaluate.hpp"
#include "spot/eval/results_io.hpp"

namespace spot::python {

namespace {

// str / os.PathLike ("[NAME=]DIR", as `spot eval --results`), a list of those, or {name: dir}.
std::vector<api::ResultsSet> results_sets(const py::handle& results) {
  std::vector<api::ResultsSet> sets;
  if (py::isinstance<py::dict>(results)) {
    for (const auto& [name, dir] : py::reinterpret_borrow<py::dict>(results)) {
      sets.push_back({py::str(name).cast<std::string>(), path_from_python(dir, "results[name]")});
    }
  } else if (py::isinstance<py::list>(results) || py::isinstance<py::tuple>(results)) {
    for (const auto& item : results)
      sets.push_back(api::parse_results_set(path_from_python(item, "results[i]").string()));
  } else {
    sets.push_back(api::parse_results_set(path_from_python(results, "results").string()));
  }
  return sets;
}

std::vector<std::string> protocol_list(const py::handle& protocols) {
  if (py::isinstance<py::str>(protocols)) return {protocols.cast<std::string>()};
  if (py::isinstance<py::list>(protocols) || py::isinstance<py::tuple>(protocols)) {
    std::vector<std::string> out;
    for (const auto& p : protocols) {
      if (!py::isinstance<py::str>(p))
        throw py::type_error("protocols must be a str ('otb,point', 'all') or a list of str");
      out.push_back(p.cast<std::string>());
    }
    return out;
  }
  throw py::type_error("protocols must be a str ('otb,point', 'all') or a list of str");
}

// Per-frame optional numbers <-> float64 array with NaN for "none".
py::array optional_numbers_to_numpy(const std::vector<std::optional<double>>& values) {
  py::array_t<double> out(static_cast<py::ssize_t>(values.size()));
  auto a = out.mutable_unchecked<1>();
  for (size_t i = 0; i < values.size(); ++i)
    a(static_cast<py::ssize_t>(i)) = values[i].value_or(NAN);
  return std::move(out);
}

std::vector<double> numbers_from_python(const py::handle& values, const char* what) {
  std::vector<double> out;
  if (values.is_none()) return out;
  if (py::isinstance<py::str>(values) || !PySequence_Check(values.ptr()))
    throw py::value_error(fmt::format("{} must be a sequence of numbers (one per frame)", what));
  for (const auto& v : values) {
    if (!PyNumber_Check(v.ptr()) || py::isinstance<py::str>(v))
      throw py::value_error(
          fmt::format("{} must hold numbers, got {}", what, py::repr(v).cast<std::string>()));
    out.push_back(py::cast<double>(py::float_(py::reinterpret_borrow<py::object>(v))));
  }
  return out;
}

}  // namespace

void bind_eval(py::module_& m) {
  m.def(
      "evaluate",
      [](const py::object& dataset, const py::object& results, const py::object& protocols,
         const std::string& format, const py::object& image_size) {
        api::DatasetEvaluation request;
        request.dataset = path_from_python(dataset, "dataset");
        request.format = format;
        request.results = results_sets(results);
        request.protocols = protocol_list(protocols);
        if (!image_size.is_none()) {
          std::pair<int, int> size{0, 0};
          try {
            size = image_size.cast<std::pair<int, int>>();
          } catch (const py::cast_error&) {
          }
          if (size.first <= 0 || size.second <= 0)
            throw py::value_error("image_size must be (width, height) with positive integers");
          request.image_size = geometry::ImageSize{size.first, size.second};
        }
        nlohmann::json report;
        {
          py::gil_scoped_release release;
          report = api::evaluate_dataset(request).report;
        }
        return json_to_python(report);
      },
      py::arg("dataset"), py::arg("results"), py::arg("protocols") = "all",
      py::arg("format") = "auto", py::arg("image_size") = py::none(),
      R"doc(
Scores result folders (<seq>.txt per sequence, as `spot run` writes) on a dataset's ground truth
with the toolkits' protocols and returns the report `spot eval --json` writes, as a dict:
{protocol: {results name: {"sequences": {seq: metrics}, "overall": metrics}}}.

results: a folder ("[NAME=]DIR" like --results), a list of them, or {name: folder}.
protocols: "all", "otb,point" or a list (otb, lasot, got10k, vot-lt, oxuva, point).
image_size: (width, height) for every sequence (default: each sequence's first frame, read only
when got10k, vot-lt or oxuva need it).
)doc");
  m.def("protocol_names", &eval::protocol_names,
        "The protocols evaluate() knows, in report order.");

  m.def(
      "read_results",
      [](const py::object& dir, const std::string& sequence) {
        const eval::TrackerOutput out = eval::read_results(path_from_python(dir, "dir"), sequence);
        py::dict d;
        d["boxes"] = boxes_to_numpy(out.boxes);
        d["confidence"] = out.confidence.empty() ? py::object(py::none())
                                                 : optional_numbers_to_numpy(out.confidence);
        d["seconds"] = out.seconds.empty()
                           ? py::object(py::none())
                           : py::object(py::array_t<double>(
                                 static_cast<py::ssize_t>(out.seconds.size()), out.seconds.data()));
        return d;
      },
      py::arg("dir"), py::arg("sequence"),
      "Reads <dir>/<sequence>.txt (+ _confidence.value, _time.txt when present): {'boxes': (N, 4) "
      "array with NaN rows for absent, 'confidence': (N,) array with NaN for none, or None, "
      "'seconds': (N,) array or None}.");
  m.def(
      "write_results",
      [](const py::object& dir, const std::string& sequence, const py::object& boxes,
         const py::object& confidence, const py::object& seconds) {
        eval::TrackerOutput out;
        out.boxes = boxes_from_python(boxes, "boxes");
        for (double c : numbers_from_python(confidence, "confidence"))
          out.confidence.push_back(std::isnan(c) ? std::nullopt : std::optional<double>(c));
        out.seconds = numbers_from_python(seconds, "seconds");
        const auto check = [&](size_t n, const char* what) {
          if (n != 0 && n != out.boxes.size())
            throw py::value_error(
                fmt::format("{} has {} values for {} boxes", what, n, out.boxes.size()));
        };
        check(out.confidence.size(), "confidence");
        check(out.seconds.size(), "seconds");
        eval::write_results(path_from_python(dir, "dir"), sequence, out);
      },
      py::arg("dir"), py::arg("sequence"), py::arg("boxes"), py::arg("confidence") = py::none(),
      py::arg("seconds") = py::none(),
      "Writes <dir>/<sequence>.txt (one box per frame; None or a NaN row = absent) and, when "
      "given, "
      "_confidence.value (NaN = empty line, as for the init frame) and _time.txt, as `spot run` "
      "does, so spot.evaluate() / spot eval can score them.");
}

}  // namespace spot::python
