// Binding plain config structs to TOML tables and JSON: one list of (key, member pointer) per
// struct drives loading, validation of unknown keys / types (with file:line) and export.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <filesystem>

#include <toml++/toml.h>

namespace spot::util {

using FieldRef = std::variant<int*, double*, bool*, std::string*, std::uint64_t*, std::vector<int>*,
                              std::vector<double>*, std::vector<std::string>*>;
using Fields = std::vector<std::pair<const char*, FieldRef>>;

// Parses a TOML file. Throws spot::Error naming the file (and line for syntax errors) when it is
// missing or malformed.
toml::table parse_toml_file(const std::filesystem::path& path);

// Reads every key of `table` into the matching field. Throws spot::Error "<file>:<line>: ..." on
// an unknown key (listing the valid ones, prefixed by `section` if given) or a value of the wrong
// type (inf / nan for a number, an integer outside the range of an int field). Keys absent from
// the table keep their current (default) values. Sub-tables are skipped when `skip_tables` is true
// (they belong to other sections).
void read_fields(const toml::table& table, const Fields& fields, const std::string& file,
                 const std::string& section, bool skip_tables = false);

// {"key": value, ...} of the fields' current values.
nlohmann::json fields_to_json(const Fields& fields);

// Sets the fields from a JSON object written by fields_to_json (keys missing in `j` are kept).
// Throws spot::Error naming `what` when `j` is not an object or a value does not fit its field: a
// wrong JSON type, a fraction or an out-of-range number for an int field, a negative one for an
// unsigned field.
void fields_from_json(const nlohmann::json& j, const Fields& fields, const std::string& what);

}  // namespace spot::util
