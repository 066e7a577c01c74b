// Fuzz target: the --init box string (geometry::parse_box), typed by users on the command line and
// passed by Python callers. Contract checked on success: four finite numbers, w > 0 and h > 0,
// and nothing but the numbers and their separators in the text.
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "spot/error.hpp"
#include "spot/geometry/box_string.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const spot::geometry::Box b = spot::geometry::parse_box(text);
    SPOT_FUZZ_CHECK(b.finite());
    SPOT_FUZZ_CHECK(b.w > 0 && b.h > 0);
    // An accepted string must not hide anything after a NUL byte (C strings stop there).
    SPOT_FUZZ_CHECK(text.find('\0') == std::string::npos);
    spot::fuzz::accepted("box");
  } catch (const spot::Error& e) {
    spot::fuzz::rejected(e);
  }
  return 0;
}
