// Keyword arguments -> SPOT config structs, through the same (key, member) lists that TOML config
// files use, so Python accepts exactly the options a config file does.
#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <variant>

#include "bindings.hpp"

namespace spot::python {

namespace {

std::string type_name(const py::handle& h) {
  return py::type::of(h).attr("__name__").cast<std::string>();
}

bool is_bool(const py::handle& h) { return py::isinstance<py::bool_>(h); }

// Python ints (and objects with __index__, such as numpy integers), but not bool.
bool is_integer(const py::handle& h) { return !is_bool(h) && PyIndex_Check(h.ptr()); }

bool is_real(const py::handle& h) {
  return !is_bool(h) && (PyFloat_Check(h.ptr()) || PyIndex_Check(h.ptr()));
}

struct Converter {
  const std::string& what;
  const std::string& key;

  py::type_error wrong(const py::handle& value, const char* expected) const {
    return py::type_error(fmt::format("{}: option '{}' expects {}, got {} ({})", what, key,
                                      expected, type_name(value),
                                      py::repr(value).cast<std::string>()));
  }
  long long integer(const py::handle& v, long long lo, long long hi, const char* expected) const {
    if (!is_integer(v)) throw wrong(v, expected);
    const long long x =
        PyLong_AsLongLong(py::reinterpret_steal<py::object>(PyNumber_Index(v.ptr())).ptr());
    if (PyErr_Occurred() || x < lo || x > hi) {
      PyErr_Clear();
      throw py::value_error(fmt::format("{}: option '{}' = {} is out of range for {}", what, key,
                                        py::repr(v).cast<std::string>(), expected));
    }
    return x;
  }
  int to_int(const py::handle& v) const {
    return static_cast<int>(integer(v, INT_MIN, INT_MAX, "an int"));
  }
  double to_double(const py::handle& v) const {
    if (!is_real(v)) throw wrong(v, "a number");
    return py::cast<double>(py::float_(py::reinterpret_borrow<py::object>(v)));
  }
  std::string to_string(const py::handle& v) const {
    if (py::isinstance<py::str>(v) || py::hasattr(v, "__fspath__")) {
      return path_from_python(v, ("option '" + key + "'").c_str()).string();
    }
    throw wrong(v, "a str");
  }
  template <typename F>
  auto list(const py::handle& v, F element) const {
    if (py::isinstance<py::str>(v) ||
        !(py::isinstance<py::list>(v) || py::isinstance<py::tuple>(v)))
      throw wrong(v, "a list");
    std::vector<decltype(element(v))> out;
    for (const auto& item : v) out.push_back(element(item));
    return out;
  }

  void operator()(int* p, const py::handle& v) const { *p = to_int(v); }
  void operator()(double* p, const py::handle& v) const { *p = to_double(v); }
  void operator()(bool* p, const py::handle& v) const {
    if (!is_bool(v)) throw wrong(v, "a bool");
    *p = v.cast<bool>();
  }
  void operator()(std::string* p, const py::handle& v) const { *p = to_string(v); }
  void operator()(std::uint64_t* p, const py::handle& v) const {
    *p = static_cast<std::uint64_t>(integer(v, 0, LLONG_MAX, "a non-negative int"));
  }
  void operator()(std::vector<int>* p, const py::handle& v) const {
    *p = list(v, [&](const py::handle& x) { return to_int(x); });
  }
  void operator()(std::vector<double>* p, const py::handle& v) const {
    *p = list(v, [&](const py::handle& x) { return to_double(x); });
  }
  void operator()(std::vector<std::string>* p, const py::handle& v) const {
    *p = list(v, [&](const py::handle& x) { return to_string(x); });
  }
};

}  // namespace

void set_fields(const py::dict& kwargs, const util::Fields& fields, const std::string& what,
                const FieldSections& sections) {
  for (const auto& [k, value] : kwargs) {
    const std::string key = py::str(k).cast<std::string>();
    const auto section = std::find_if(sections.begin(), sections.end(),
                                      [&](const auto& s) { return s.first == key; });
    if (section != sections.end()) {
      if (!py::isinstance<py::dict>(value)) {
        throw py::type_error(
            fmt::format("{}: option '{}' expects a dict of its keys (the [{}] section of a config "
                        "file), got {}",
                        what, key, key, type_name(value)));
      }
      set_fields(py::reinterpret_borrow<py::dict>(value), section->second,
                 fmt::format("{}: {}", what, key));
      continue;
    }
    const util::FieldRef* field = nullptr;
    for (const auto& [name, ref] : fields) {
      if (key == name) field = &ref;
    }
    if (field == nullptr) {
      std::string valid;
      for (const auto& [name, ref] : fields)
        valid += (valid.empty() ? "" : ", ") + std::string(name);
      for (const auto& s : sections) valid += ", " + s.first + "={...}";
      throw py::type_error(
          fmt::format("{}: unknown option '{}'; valid options: {}", what, key, valid));
    }
    const Converter convert{what, key};
    std::visit([&](auto* p) { convert(p, value); }, *field);
  }
}

}  // namespace spot::python
