// Dataset statistics report: text table on stdout, stats.json and a gnuplot size histogram.
#include "dataset_stats_report.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "spot/data/dataset.hpp"
#include "spot/data/dataset_stats.hpp"
#include "spot/error.hpp"
#include "spot/util/gnuplot.hpp"

namespace spot::cli {
namespace fs = std::filesystem;

namespace {
std::string bin_label(const data::SizeBin& b) {
  return std::isinf(b.hi) ? fmt::format("{:.0f}+", b.lo) : fmt::format("{:.1f}-{:.1f}", b.lo, b.hi);
}
}  // namespace

std::string default_stats_dir(const std::string& root) {
  fs::path p = fs::path(root);
  if (!p.has_filename()) p = p.parent_path();
  return (fs::path("spot-output") / ("stats-" + p.filename().string())).string();
}

void print_dataset_stats(const std::string& root, const std::string& format,
                         const std::string& plots_dir) {
  const auto sequences = data::load_dataset(root, format);
  const data::DatasetStats st = data::compute_dataset_stats(sequences);

  // Trim empty bins at both ends so the table shows the range that matters.
  size_t first = 0, last = st.size_histogram.size();
  while (first < last && st.size_histogram[first].frames == 0) ++first;
  while (last > first && st.size_histogram[last - 1].frames == 0) --last;

  std::cout << fmt::format("dataset {}: {} sequences, {} frames, {} with the target present, {} absent ({:.1f} %)\n\n",
                           root, sequences.size(), st.frames, st.present_frames, st.absent_frames,
                           st.frames > 0 ? 100.0 * st.absent_frames / st.frames : 0.0);
  std::cout << "target size sqrt(w*h) px | frames | share\n";
  for (size_t i = first; i < last; ++i) {
    const auto& b = st.size_histogram[i];
    std::cout << fmt::format("{:>24} | {:>6} | {:5.1f} %\n", bin_label(b), b.frames,
                             st.present_frames > 0 ? 100.0 * b.frames / st.present_frames : 0.0);
  }
  std::cout << "\nsequence | frames | absent | absence events | median size px\n";
  for (const auto& s : st.sequences) {
    std::cout << fmt::format("{} | {} | {} | {} | {:.1f}\n", s.name, s.frames, s.absent_frames,
                             s.absence_events, s.median_size);
  }

  const fs::path dir(plots_dir);
  fs::create_directories(dir);
  nlohmann::json j = {{"dataset", root}, {"frames", st.frames}, {"present_frames", st.present_frames},
                      {"absent_frames", st.absent_frames}};
  std::string dat = "# bin_lo bin_hi frames label\n";
  for (size_t i = first; i < last; ++i) {
    const auto& b = st.size_histogram[i];
    j["size_histogram"].push_back({{"lo", b.lo}, {"hi", std::isinf(b.hi) ? nlohmann::json(nullptr) : nlohmann::json(b.hi)}, {"frames", b.frames}});
    dat += fmt::format("{} {} {} \"{}\"\n", b.lo, std::isinf(b.hi) ? b.lo * 1.41 : b.hi, b.frames, bin_label(b));
  }
  for (const auto& s : st.sequences) {
    j["sequences"][s.name] = {{"frames", s.frames}, {"absent_frames", s.absent_frames},
                              {"absence_events", s.absence_events}, {"median_size", s.median_size}};
  }
  std::ofstream(dir / "stats.json") << j.dump(2) << "\n";
  std::ofstream(dir / "size_histogram.dat") << dat;
  const fs::path png = fs::absolute(dir / "size_histogram.png");
  std::ofstream(dir / "size_histogram.gp")
      << fmt::format("set terminal {} noenhanced size 900,500\nset output {}\n",
                     util::gnuplot_png_terminal(), util::gnuplot_quote(png.string()))
      << fmt::format("set title {}\n", util::gnuplot_quote(fmt::format("Target sizes in {} ({} present frames)", root, st.present_frames)))
      << "set style fill solid 0.7\nset boxwidth 0.8\nset xtics rotate by -45\nset grid ytics\n"
         "set xlabel 'target size sqrt(w*h), px'\nset ylabel 'frames'\nset yrange [0:*]\n"
      << "plot " << util::gnuplot_quote(fs::absolute(dir / "size_histogram.dat").string())
      << " using 0:3:xtic(4) with boxes notitle\n";
  if (util::run_gnuplot(dir / "size_histogram.gp")) {
    std::cout << "\nsize histogram: " << png.string() << "\n";
  } else {
    std::cout << "\ngnuplot not available: kept " << (dir / "size_histogram.gp").string() << "\n";
  }
}

}  // namespace spot::cli
