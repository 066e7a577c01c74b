// Conversions between Python values and SPOT's boxes, paths and JSON reports.
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "bindings.hpp"

namespace spot::python {

namespace {

bool is_text(const py::handle& h) {
  return py::isinstance<py::str>(h) || py::isinstance<py::bytes>(h);
}

std::string short_repr(const py::handle& h) {
  std::string r = py::repr(h).cast<std::string>();
  return r.size() > 80 ? r.substr(0, 77) + "..." : r;
}

}  // namespace

geometry::Box box_from_python(const py::handle& box, const char* what) {
  const auto fail = [&] {
    return py::value_error(
        fmt::format("{} must be 4 numbers (x, y, w, h), got {}", what, short_repr(box)));
  };
  if (is_text(box) || !PySequence_Check(box.ptr())) throw fail();
  const auto seq = py::reinterpret_borrow<py::sequence>(box);
  if (seq.size() != 4) throw fail();
  double v[4];
  for (size_t i = 0; i < 4; ++i) {
    const py::object item = seq[i];
    if (is_text(item) || !PyNumber_Check(item.ptr())) throw fail();
    v[i] = PyFloat_AsDouble(item.ptr());
    if (PyErr_Occurred()) throw py::error_already_set();
  }
  return {v[0], v[1], v[2], v[3]};
}

py::tuple box_to_python(const geometry::Box& box) {
  return py::make_tuple(box.x, box.y, box.w, box.h);
}

py::array boxes_to_numpy(const std::vector<geometry::MaybeBox>& boxes) {
  py::array_t<double> out({static_cast<py::ssize_t>(boxes.size()), py::ssize_t{4}});
  auto a = out.mutable_unchecked<2>();
  for (size_t i = 0; i < boxes.size(); ++i) {
    const auto i_ = static_cast<py::ssize_t>(i);
    const geometry::Box b = boxes[i].value_or(geometry::Box{NAN, NAN, NAN, NAN});
    a(i_, 0) = b.x;
    a(i_, 1) = b.y;
    a(i_, 2) = b.w;
    a(i_, 3) = b.h;
  }
  return std::move(out);
}

std::vector<geometry::MaybeBox> boxes_from_python(const py::handle& boxes, const char* what) {
  if (is_text(boxes) || !PySequence_Check(boxes.ptr())) {
    throw py::value_error(fmt::format(
        "{} must be a sequence of boxes (x, y, w, h) or None, or an (N, 4) array with NaN rows "
        "for absent; got {}",
        what, short_repr(boxes)));
  }
  std::vector<geometry::MaybeBox> out;
  const auto seq = py::reinterpret_borrow<py::sequence>(boxes);
  for (size_t i = 0; i < seq.size(); ++i) {
    const py::object item = seq[i];
    if (item.is_none()) {
      out.emplace_back();
      continue;
    }
    const std::string item_what = fmt::format("{}[{}]", what, i);
    const geometry::Box b = box_from_python(item, item_what.c_str());
    const int nans = std::isnan(b.x) + std::isnan(b.y) + std::isnan(b.w) + std::isnan(b.h);
    if (nans == 4) {
      out.emplace_back();
    } else if (nans > 0) {
      throw py::value_error(fmt::format(
          "{} mixes NaN and numbers; an absent target is all NaN (or None)", item_what));
    } else {
      out.emplace_back(b);
    }
  }
  return out;
}

std::filesystem::path path_from_python(const py::handle& path, const char* what) {
  if (!py::isinstance<py::str>(path) && !py::hasattr(path, "__fspath__")) {
    throw py::type_error(fmt::format("{} must be a str or os.PathLike, got {}", what,
                                     py::type::of(path).attr("__name__").cast<std::string>()));
  }
  const py::object text = py::module_::import("os").attr("fspath")(path);
  if (!py::isinstance<py::str>(text))
    throw py::type_error(fmt::format("{} must be a text path (str), got bytes", what));
  return std::filesystem::path(text.cast<std::string>());
}

py::object json_to_python(const nlohmann::json& value) {
  using T = nlohmann::json::value_t;
  switch (value.type()) {
    case T::null:
    case T::discarded:
      return py::none();
    case T::boolean:
      return py::bool_(value.get<bool>());
    case T::number_integer:
      return py::int_(value.get<std::int64_t>());
    case T::number_unsigned:
      return py::int_(value.get<std::uint64_t>());
    case T::number_float:
      return py::float_(value.get<double>());
    case T::string:
      return py::str(value.get_ref<const std::string&>());
    case T::array: {
      py::list out;
      for (const auto& item : value) out.append(json_to_python(item));
      return std::move(out);
    }
    case T::object: {
      py::dict out;
      for (const auto& [key, item] : value.items()) out[py::str(key)] = json_to_python(item);
      return std::move(out);
    }
    case T::binary:
      break;
  }
  throw py::type_error("unexpected binary value in a JSON report");
}

}  // namespace spot::python
