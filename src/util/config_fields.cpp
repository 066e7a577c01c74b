// TOML / JSON binding of config structs (toml++ and nlohmann-json).
#include "spot/util/config_fields.hpp"

#include <algorithm>

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
    return node.as_floating_point()->get();
  } else {
    if (!node.is_integer()) return fail("an integer");
    const auto v = node.as_integer()->get();
    if constexpr (std::is_same_v<T, std::uint64_t>) {
      if (v < 0) return fail("a non-negative integer");
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

void fields_from_json(const nlohmann::json& j, const Fields& fields, const std::string& what) {
  for (const auto& [key, field] : fields) {
    if (!j.contains(key)) continue;
    try {
      std::visit([&, k = key](auto* p) { *p = j.at(k).get<std::remove_pointer_t<decltype(p)>>(); }, field);
    } catch (const nlohmann::json::exception& e) {
      throw Error(fmt::format("field '{}': {}", key, e.what()), what);
    }
  }
}

}  // namespace spot::util
