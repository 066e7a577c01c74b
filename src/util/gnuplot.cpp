// gnuplot detection and invocation.
#include "spot/util/gnuplot.hpp"

#include <cstdlib>

namespace spot::util {

namespace {
std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += (c == '\'') ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}
}  // namespace

bool gnuplot_available() { return std::system("gnuplot --version >/dev/null 2>&1") == 0; }

std::string gnuplot_png_terminal() {
  return std::system("gnuplot -e \"set terminal pngcairo\" >/dev/null 2>&1") == 0 ? "pngcairo" : "png";
}

bool run_gnuplot(const std::filesystem::path& script) {
  if (!gnuplot_available()) return false;
  return std::system(("gnuplot " + shell_quote(script.string()) + " >/dev/null 2>&1").c_str()) == 0;
}

std::string gnuplot_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += (c == '\'') ? std::string("''") : std::string(1, c);
  return out + "'";
}

}  // namespace spot::util
