// Running gnuplot (Debian's gnuplot-nox) on a script SPOT wrote, for PNG figures.
#pragma once

#include <filesystem>
#include <string>

namespace spot::util {

// True when a `gnuplot` executable answers on PATH.
bool gnuplot_available();

// "pngcairo" when this gnuplot has it, else "png" (gnuplot-nox may be built without cairo).
std::string gnuplot_png_terminal();

// Runs `gnuplot script`; false (and the script is left for the user) when gnuplot is missing or fails.
bool run_gnuplot(const std::filesystem::path& script);

// `s` as a single-quoted gnuplot string.
std::string gnuplot_quote(const std::string& s);

}  // namespace spot::util
