// find_weights_file: explicit path, $SPOT_WEIGHTS_DIR, beside the executable, source tree.
#include "spot/model/weights_path.hpp"

#include <cstdlib>
#include <filesystem>
#include <vector>

#include "spot/error.hpp"

namespace spot::model {
namespace fs = std::filesystem;

namespace {
bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}
}  // namespace

std::string find_weights_file(const std::string& file_name, const std::string& what,
                              const std::string& explicit_path) {
  if (!explicit_path.empty()) {
    if (is_file(explicit_path)) return explicit_path;
    throw Error(what + ": no such file (given explicitly)", explicit_path);
  }
  std::vector<std::string> tried;
  auto check = [&](const fs::path& candidate, const std::string& why) {
    const auto p = candidate.lexically_normal();
    tried.push_back(p.string() + " (" + why + ")");
    return is_file(p);
  };
  if (const char* env = std::getenv("SPOT_WEIGHTS_DIR"); env != nullptr && *env != '\0') {
    const auto p = fs::path(env) / file_name;
    if (check(p, "$SPOT_WEIGHTS_DIR")) return p.lexically_normal().string();
  } else {
    tried.push_back("$SPOT_WEIGHTS_DIR (not set)");
  }
  std::error_code ec;
  const auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (const char* up : {"..", "../.."}) {
      const auto p = exe.parent_path() / up / "weights" / file_name;
      if (check(p, "beside the executable")) return p.lexically_normal().string();
    }
  }
#ifdef SPOT_WEIGHTS_DIR_DEFAULT
  {
    const auto p = fs::path(SPOT_WEIGHTS_DIR_DEFAULT) / file_name;
    if (check(p, "source tree at build time")) return p.lexically_normal().string();
  }
#endif
  std::string list;
  for (const auto& t : tried) list += (list.empty() ? "" : ", ") + t;
  throw Error(what + " " + file_name + " not found; tried: " + list +
              " (set SPOT_WEIGHTS_DIR or give the file's path explicitly)");
}

}  // namespace spot::model
