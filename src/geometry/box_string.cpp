// parse_box: strict "x,y,w,h" parsing for user input.
#include "spot/geometry/box_string.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "spot/error.hpp"

namespace spot::geometry {

Box parse_box(const std::string& text) {
  std::vector<double> v;
  const char* p = text.c_str();
  const auto bad = [&](const std::string& why) {
    return Error("box '" + text + "': " + why + " (expected x,y,w,h, e.g. 10,20,30,40)");
  };
  // The scan below stops at a NUL: "1,2,3,4\0junk" (possible from Python or a file) must not pass.
  if (text.find('\0') != std::string::npos) throw bad("contains a NUL byte");
  while (*p) {
    while (*p == ',' || *p == ' ' || *p == '\t') ++p;
    if (!*p) break;
    char* end = nullptr;
    errno = 0;
    const double d = std::strtod(p, &end);
    if (end == p || errno == ERANGE || !std::isfinite(d)) throw bad("not a number");
    if (*end && *end != ',' && *end != ' ' && *end != '\t') throw bad("not a number");
    v.push_back(d);
    p = end;
  }
  if (v.size() != 4) throw bad("found " + std::to_string(v.size()) + " numbers");
  const Box b{v[0], v[1], v[2], v[3]};
  if (b.w <= 0 || b.h <= 0) throw bad("width and height must be > 0");
  return b;
}

}  // namespace spot::geometry
