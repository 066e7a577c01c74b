// TOML / JSON binding of config structs (toml++ and nlohmann-json).
#include "spot/util/config_fields.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include "spot/error.hpp"

namespace spot::util {
namespace {

template <typename T>
T scalar(const toml::node& node, const std::string& file, const std::string& key) {
  const long line = static_cast<long>(node.source().begin.line);
  auto fail = [&](const char* expected) -> T {
    throw Error(fmt::format("key '{}': expected {}", key, expected), file, line);
  };
  if constexpr (std::is_same_v<T, std::string>) {
    if (!node.is_string()) return fail("a string");
    return node.as_string()->get();
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!node.is_boolean()) return fail("true or false");
    return node.as_boolean()->get();
  } else if constexpr (std::is_same_v<T, double>) {
    if (node.is_integer()) return static_cast<double>(node.as_integer()->get());
    if (!node.is_floating_point()) return fail("a number");
    // TOML spells inf and nan; no option means either, and range checks such as `x >= 0` let inf
    // through (found by fuzz/fuzz_synth_config).
    const double v = node.as_floating_point()->get();
    if (!std::isfinite(v)) return fail("a finite number");
    return v;
  } else {
    if (!node.is_integer()) return fail("an integer");
    const auto v = node.as_integer()->get();
    if constexpr (std::is_same_v<T, std::uint64_t>) {
      if (v < 0) return fail("a non-negative integer");
    } else {
      // TOML integers are 64-bit: 4294967328 must not wrap to 32 and pass validation.
      if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max()) {
        return fail("an integer in the 32-bit range");
      }
    }
    return static_cast<T>(v);
  }
}

template <typename T>
std::vector<T> array_of(const toml::node& node, const std::string& file, const std::string& key) {
  const auto* arr = node.as_array();
  if (!arr) {
    throw Error(fmt::format("key '{}': expected an array [...]", key), file,
                static_cast<long>(node.source().begin.line));
  }
  std::vector<T> out;
  for (const auto& item : *arr) out.push_back(scalar<T>(item, file, key));
  return out;
}

}  // namespace

toml::table parse_toml_file(const std::filesystem::path& path) {
  const std::string file = path.string();
  if (!std::filesystem::is_regular_file(path)) throw Error("config file not found", file);
  try {
    return toml::parse_file(file);
  } catch (const toml::parse_error& e) {
    throw Error(std::string(e.description()), file, static_cast<long>(e.source().begin.line));
  }
}

void read_fields(const toml::table& table, const Fields& fields, const std::string& file,
                 const std::string& section, bool skip_tables) {
  for (const auto& [key, node] : table) {
    const std::string k(key.str());
    if (skip_tables && node.is_table()) continue;
    auto it = std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return k == f.first; });
    if (it == fields.end()) {
      std::vector<std::string> names;
      for (const auto& f : fields) names.emplace_back(f.first);
      throw Error(fmt::format("unknown key '{}{}' (valid: {})", section.empty() ? "" : section + ".", k,
                              fmt::join(names, ", ")),
                  file, static_cast<long>(key.source().begin.line));
    }
    std::visit(
        [&, &n = node](auto* p) {
          using T = std::remove_pointer_t<decltype(p)>;
          if constexpr (std::is_same_v<T, std::vector<int>> || std::is_same_v<T, std::vector<double>> ||
                        std::is_same_v<T, std::vector<std::string>>) {
            *p = array_of<typename T::value_type>(n, file, k);
          } else {
            *p = scalar<T>(n, file, k);
          }
        },
        it->second);
  }
}

nlohmann::json fields_to_json(const Fields& fields) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [key, field] : fields) {
    std::visit([&, k = key](auto* p) { j[k] = *p; }, field);
  }
  return j;
}

namespace {

// One JSON value as a field of type T, or nullopt when its JSON type or range does not fit.
// nlohmann's get<int>() would convert 4.5 to 4 and 1e300 to undefined behaviour (a float-to-int
// overflow, shown by UBSan through fuzz/fuzz_checkpoint): checkpoints come from files, so check.
template <typename T>
std::optional<T> json_value(const nlohmann::json& v) {
  if constexpr (std::is_same_v<T, std::string>) {
    if (v.is_string()) return v.get<std::string>();
  } else if constexpr (std::is_same_v<T, bool>) {
    if (v.is_boolean()) return v.get<bool>();
  } else if constexpr (std::is_same_v<T, double>) {
    if (v.is_number()) return v.get<double>();
  } else if constexpr (std::is_same_v<T, std::uint64_t>) {
    if (v.is_number_unsigned()) return v.get<std::uint64_t>();
  } else {
    static_assert(std::is_same_v<T, int>);
    constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<int>::max());
    if (v.is_number_unsigned() && v.get<std::uint64_t>() <= kMax) {
      return static_cast<int>(v.get<std::uint64_t>());
    }
    if (v.is_number_integer() && !v.is_number_unsigned()) {
      const auto i = v.get<std::int64_t>();
      if (i >= std::numeric_limits<int>::min() && i <= std::numeric_limits<int>::max()) {
        return static_cast<int>(i);
      }
    }
  }
  return std::nullopt;
}

template <typename T>
const char* json_expectation() {
  if constexpr (std::is_same_v<T, std::string>) return "a string";
  else if constexpr (std::is_same_v<T, bool>) return "true or false";
  else if constexpr (std::is_same_v<T, double>) return "a number";
  else if constexpr (std::is_same_v<T, std::uint64_t>) return "a non-negative integer";
  else return "an integer in the 32-bit range";
}

template <typename T>
struct FieldType {
  using Item = T;
  static constexpr bool kArray = false;
};
template <typename T>
struct FieldType<std::vector<T>> {
  using Item = T;
  static constexpr bool kArray = true;
};

}  // namespace

void fields_from_json(const nlohmann::json& j, const Fields& fields, const std::string& what) {
  if (!j.is_object()) {
    throw Error(fmt::format("expected a JSON object of fields, found {}", j.type_name()), what);
  }
  for (const auto& [key, field] : fields) {
    const auto it = j.find(key);
    if (it == j.end()) continue;
    std::visit(
        [&, k = key](auto* p) {
          using T = std::remove_pointer_t<decltype(p)>;
          using Item = typename FieldType<T>::Item;
          const auto fail = [&] {
            throw Error(fmt::format("field '{}': expected {}{}, found {}", k,
                                    FieldType<T>::kArray ? "an array of " : "",
                                    json_expectation<Item>(), it->dump().substr(0, 80)),
                        what);
          };
          if constexpr (FieldType<T>::kArray) {
            if (!it->is_array()) fail();
            T out;
            for (const auto& item : *it) {
              const std::optional<Item> v = json_value<Item>(item);
              if (!v) fail();
              out.push_back(*v);
            }
            *p = std::move(out);
          } else {
            const std::optional<T> v = json_value<T>(*it);
            if (!v) fail();
            *p = *v;
          }
        },
        field);
  }
}

}  // namespace spot::util
