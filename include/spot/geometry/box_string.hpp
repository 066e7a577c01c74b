// Parsing a box typed by a user ("x,y,w,h"), e.g. the --init option.
#pragma once

#include <string>

#include "spot/geometry/box.hpp"

namespace spot::geometry {

// Parses "x,y,w,h" (commas, spaces or TABs between four numbers). Throws spot::Error saying what was
// expected when there are not exactly four finite numbers (anything else in the text, a NUL byte
// included, is an error) or when w <= 0 or h <= 0.
Box parse_box(const std::string& text);

}  // namespace spot::geometry
