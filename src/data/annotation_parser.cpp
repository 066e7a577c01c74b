// Parsing of box rows and flag files shared by every dataset reader.
#include "spot/data/annotation_parser.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>

#include "spot/error.hpp"

namespace spot::data {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

std::string trim(const std::string& s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && is_blank(s[b])) ++b;
  while (e > b && is_blank(s[e - 1])) --e;
  return s.substr(b, e - b);
}

// Whole-token number parse; from_chars is locale-independent (strtod would read "1,5" in some
// locales) and accepts "nan"/"NaN" as every toolkit writes it.
std::optional<double> parse_double(const std::string& token) {
  const char* first = token.data();
  const char* last = token.data() + token.size();
  if (first != last && *first == '+') ++first;
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec != std::errc() || ptr != last || first == last) return std::nullopt;
  return value;
}

std::optional<int> parse_int(const std::string& token) {
  const char* first = token.data();
  const char* last = token.data() + token.size();
  if (first != last && *first == '+') ++first;
  int value = 0;
  const auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec != std::errc() || ptr != last || first == last) return std::nullopt;
  return value;
}

const char* expectation(BoxEncoding encoding) {
  switch (encoding) {
    case BoxEncoding::kXywh:
      return "4 numbers (x,y,w,h)";
    case BoxEncoding::kCorners:
      return "4 numbers (x1,y1,x2,y2)";
    case BoxEncoding::kVot:
      return "4 numbers (x,y,w,h), a polygon (x1,y1,...,xn,yn) or one number (absent)";
  }
  return "";
}

// Axis-aligned bounds, as the VOT toolkit converts a polygon region to a rectangle.
geometry::Box polygon_bounds(const std::vector<double>& v) {
  double x0 = v[0], x1 = v[0], y0 = v[1], y1 = v[1];
  for (std::size_t i = 0; i + 1 < v.size(); i += 2) {
    x0 = std::min(x0, v[i]);
    x1 = std::max(x1, v[i]);
    y0 = std::min(y0, v[i + 1]);
    y1 = std::max(y1, v[i + 1]);
  }
  return {x0, y0, x1 - x0, y1 - y0};
}

}  // namespace

std::vector<std::string> split_text_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = (text.compare(0, 3, "\xEF\xBB\xBF") == 0) ? 3 : 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  while (!lines.empty() && trim(lines.back()).empty()) lines.pop_back();
  return lines;
}

std::vector<std::string> read_text_lines(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open file", path.string());
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return split_text_lines(text);
}

std::vector<std::string> split_fields(const std::string& row) {
  std::vector<std::string> fields;
  std::stringstream by_comma(row);
  std::string part;
  const bool has_comma = row.find(',') != std::string::npos;
  while (std::getline(by_comma, part, ',')) {
    const std::string t = trim(part);
    if (t.empty()) {
      if (has_comma) fields.emplace_back();
      continue;
    }
    // A comma field may still hold space-separated numbers ("1 2,3 4" is read as four fields).
    std::istringstream by_space(t);
    std::string token;
    while (by_space >> token) fields.push_back(token);
  }
  // getline drops the empty field after a trailing comma; keep it so "1,2,3," is reported.
  if (has_comma && !row.empty() && trim(row).back() == ',') fields.emplace_back();
  return fields;
}

geometry::MaybeBox parse_box_row(const std::string& row, BoxEncoding encoding,
                                 const std::string& file, long line) {
  const std::string expected = expectation(encoding);
  const std::string text = trim(row);
  if (text.empty()) throw Error("empty line, expected " + expected, file, line);
  if (encoding == BoxEncoding::kVot && (text[0] == 'm' || text[0] == 'M')) {
    throw Error("VOT binary-mask regions are not supported, expected " + expected, file, line);
  }
  const std::vector<std::string> fields = split_fields(text);
  std::vector<double> values;
  values.reserve(fields.size());
  for (const std::string& f : fields) {
    const std::optional<double> v = parse_double(f);
    if (!v)
      throw Error("expected " + expected + ", found '" + f + "' in '" + text + "'", file, line);
    values.push_back(*v);
  }

  const std::size_t n = values.size();
  const bool polygon = encoding == BoxEncoding::kVot && n >= 6 && n % 2 == 0;
  if (encoding == BoxEncoding::kVot && n == 1) return std::nullopt;
  if (n != 4 && !polygon) {
    throw Error(
        "expected " + expected + ", found " + std::to_string(n) + " fields in '" + text + "'", file,
        line);
  }

  const auto nan_count =
      std::count_if(values.begin(), values.end(), [](double v) { return std::isnan(v); });
  if (static_cast<std::size_t>(nan_count) == n) return std::nullopt;
  if (nan_count > 0 ||
      std::any_of(values.begin(), values.end(), [](double v) { return std::isinf(v); })) {
    throw Error(
        "expected finite numbers, or NaN in every field for an absent target, found '" + text + "'",
        file, line);
  }

  geometry::Box box;
  if (polygon) {
    box = polygon_bounds(values);
  } else if (encoding == BoxEncoding::kCorners) {
    box = {values[0], values[1], values[2] - values[0], values[3] - values[1]};
    if (box.w < 0 || box.h < 0) {
      throw Error("negative width/height: expected x2 >= x1 and y2 >= y1, found '" + text + "'",
                  file, line);
    }
  } else {
    box = {values[0], values[1], values[2], values[3]};
    if (box.w < 0 || box.h < 0) {
      throw Error("negative width/height: expected w >= 0 and h >= 0, found '" + text + "'", file,
                  line);
    }
  }
  // Corners and polygons give w and h as differences, which overflow to inf for finite input
  // such as -1e308,0,1e308,1; every box a reader returns is finite.
  if (!box.finite()) {
    throw Error("box too large: its width or height is not a finite number, in '" + text + "'",
                file, line);
  }
  return box;
}

std::vector<geometry::MaybeBox> parse_box_lines(const std::vector<std::string>& lines,
                                                BoxEncoding encoding, const std::string& file) {
  std::vector<geometry::MaybeBox> boxes;
  boxes.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    boxes.push_back(parse_box_row(lines[i], encoding, file, static_cast<long>(i + 1)));
  }
  return boxes;
}

std::vector<geometry::MaybeBox> read_box_file(const std::filesystem::path& path,
                                              BoxEncoding encoding) {
  return parse_box_lines(read_text_lines(path), encoding, path.string());
}

std::vector<int> parse_int_lines(const std::vector<std::string>& lines, const std::string& file) {
  std::vector<int> values;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const long line = static_cast<long>(i + 1);
    if (trim(lines[i]).empty()) throw Error("empty line, expected integer flags", file, line);
    for (const std::string& f : split_fields(lines[i])) {
      const std::optional<int> v = parse_int(f);
      if (!v) throw Error("expected an integer flag (0/1), found '" + f + "'", file, line);
      values.push_back(*v);
    }
  }
  return values;
}

std::vector<int> read_int_values(const std::filesystem::path& path) {
  return parse_int_lines(read_text_lines(path), path.string());
}

}  // namespace spot::data
