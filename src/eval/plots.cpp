// Plots of an evaluate() report: gnuplot data + scripts (success, precision, point-hit per size
// bin), rendered to PNG when gnuplot is installed.
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <fstream>

#include "spot/error.hpp"
#include "spot/eval/protocols.hpp"
#include "spot/eval/report.hpp"

namespace spot::eval {

namespace {
namespace fs = std::filesystem;

// A string inside gnuplot single quotes: a quote is written twice.
std::string gp_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += (c == '\'') ? std::string("''") : std::string(1, c);
  return out + "'";
}

// A shell word: single quotes, with ' written as '\''.
std::string sh_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += (c == '\'') ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string dat_number(const nlohmann::json& v) {
  if (!v.is_number()) return "NaN";  // gnuplot skips NaN points
  const double d = v.get<double>();
  return std::isfinite(d) ? fmt::format("{}", d) : "NaN";
}

std::string legend_value(const nlohmann::json& overall, const std::string& key) {
  const auto it = overall.find(key);
  if (it == overall.end() || !it->is_number()) return "-";
  return fmt::format("{:.3f}", it->get<double>());
}

void write_file(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::trunc);
  if (!out) throw Error("cannot write file", file.string());
  out << text;
  out.close();
  if (!out) throw Error("write error", file.string());
}

struct Series {
  std::string name;
  nlohmann::json overall;
};

std::vector<Series> series_of(const nlohmann::json& report, const std::string& protocol) {
  std::vector<Series> out;
  const auto it = report.find(protocol);
  if (it == report.end() || !it->is_object()) return out;
  for (const auto& [name, result] : it->items()) {
    if (result.is_object() && result.contains("overall")) out.push_back({name, result["overall"]});
  }
  return out;
}

// One curve plot: x values, and per series the curve under `curve_key`.
std::string curve_data(const std::vector<double>& xs, const std::vector<Series>& series,
                       const std::string& curve_key) {
  std::string text = "# x";
  for (const auto& s : series) text += " " + s.name;
  text += "\n";
  for (std::size_t i = 0; i < xs.size(); ++i) {
    text += fmt::format("{}", xs[i]);
    for (const auto& s : series) {
      const auto it = s.overall.find(curve_key);
      const bool ok = it != s.overall.end() && it->is_array() && i < it->size();
      text += " " + (ok ? dat_number((*it)[i]) : std::string("NaN"));
    }
    text += "\n";
  }
  return text;
}

std::string header(const std::string& terminal, const fs::path& png) {
  return fmt::format("set terminal {} noenhanced size 900,650\nset output {}\nset grid\n", terminal,
                     gp_quote(png.string()));
}

std::string line_plot(const fs::path& dat, const std::vector<Series>& series,
                      const std::string& score_key) {
  std::string cmd = "plot ";
  for (std::size_t i = 0; i < series.size(); ++i) {
    const std::string title =
        fmt::format("{} [{}]", series[i].name, legend_value(series[i].overall, score_key));
    cmd += fmt::format("{}{} using 1:{} with lines lw 2 title {}", i ? ", " : "",
                       i ? std::string("''") : gp_quote(dat.string()), i + 2, gp_quote(title));
  }
  return cmd + "\n";
}
}  // namespace

PlotFiles write_plots(const nlohmann::json& report, const fs::path& dir, std::ostream& warnings) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error("cannot create plots directory: " + ec.message(), dir.string());
  const fs::path root = fs::absolute(dir);

  const bool have_gnuplot = std::system("gnuplot --version >/dev/null 2>&1") == 0;
  // gnuplot-nox may be built without cairo; the libgd png terminal is the fallback.
  const std::string terminal =
      have_gnuplot && std::system("gnuplot -e \"set terminal pngcairo\" >/dev/null 2>&1") == 0
          ? "pngcairo"
          : "png";

  PlotFiles files;
  struct Job {
    fs::path script, png;
  };
  std::vector<Job> jobs;

  // Success / precision curves: otb's, or lasot's when otb was not run.
  std::string curves_protocol = report.contains("otb") ? "otb" : "lasot";
  const std::vector<Series> curves = series_of(report, curves_protocol);
  if (!curves.empty()) {
    std::vector<double> thr_iou(21), thr_ce(51);
    for (int k = 0; k < 21; ++k) thr_iou[k] = k * 0.05;
    for (int k = 0; k < 51; ++k) thr_ce[k] = k;

    const fs::path sdat = root / "success.dat", sgp = root / "success.gp",
                   spng = root / "success.png";
    write_file(sdat, curve_data(thr_iou, curves, "success_curve"));
    write_file(sgp, header(terminal, spng) +
                        fmt::format("set title {}\n", gp_quote("Success plot (" + curves_protocol +
                                                               ", AUC in brackets)")) +
                        "set xlabel 'Overlap threshold'\nset ylabel 'Success rate'\n"
                        "set xrange [0:1]\nset yrange [0:1]\nset key bottom left\n" +
                        line_plot(sdat, curves, "success_auc"));
    files.data.push_back(sdat);
    files.scripts.push_back(sgp);
    jobs.push_back({sgp, spng});

    const fs::path pdat = root / "precision.dat", pgp = root / "precision.gp",
                   ppng = root / "precision.png";
    write_file(pdat, curve_data(thr_ce, curves, "precision_curve"));
    write_file(pgp,
               header(terminal, ppng) +
                   fmt::format("set title {}\n", gp_quote("Precision plot (" + curves_protocol +
                                                          ", precision at 20 px in brackets)")) +
                   "set xlabel 'Location error threshold (px)'\nset ylabel 'Precision'\n"
                   "set xrange [0:50]\nset yrange [0:1]\nset key bottom right\n" +
                   line_plot(pdat, curves, "precision_at_20px"));
    files.data.push_back(pdat);
    files.scripts.push_back(pgp);
    jobs.push_back({pgp, ppng});
  }

  const std::vector<Series> point = series_of(report, "point");
  if (!point.empty()) {
    const fs::path dat = root / "point_by_size.dat", gp = root / "point_by_size.gp",
                   png = root / "point_by_size.png";
    std::string text = "# bin frames";
    for (const auto& s : point) text += " " + s.name;
    text += "\n";
    for (const auto& bin : point_size_bins()) {
      // Frame counts depend on the GT only; take them from the first series.
      long long frames = 0;
      const nlohmann::json& first = point.front().overall;
      if (first.contains("by_size") && first["by_size"].contains(bin))
        frames = first["by_size"][bin].value("frames", 0LL);
      // "\n" inside a double-quoted data string is a line break in the tic label.
      text += fmt::format("\"{}\\n(n={})\" {}", bin, frames, frames);
      for (const auto& s : point) {
        const bool ok = s.overall.contains("by_size") && s.overall["by_size"].contains(bin) &&
                        s.overall["by_size"][bin].contains("point_hit_rate");
        text += " " +
                (ok ? dat_number(s.overall["by_size"][bin]["point_hit_rate"]) : std::string("NaN"));
      }
      text += "\n";
    }
    write_file(dat, text);
    std::string script =
        header(terminal, png) +
        "set title 'Point-hit rate per GT size sqrt(w*h), n = frames; pooled rate in the key'\n"
        "set xlabel 'GT size (px)' offset 0,-1\nset ylabel 'Point-hit rate'\nset bmargin 5\n"
        "set yrange [0:1]\nset key tmargin horizontal\n"
        "set style data histograms\nset style histogram clustered gap 1\n"
        "set style fill solid 0.8 border -1\nset boxwidth 0.9\n";
    script += "plot ";
    for (std::size_t i = 0; i < point.size(); ++i) {
      const std::string title =
          fmt::format("{} [{}]", point[i].name, legend_value(point[i].overall, "point_hit_rate"));
      script += fmt::format("{}{} using {}{} title {}", i ? ", " : "",
                            i ? std::string("''") : gp_quote(dat.string()), i + 3,
                            i ? "" : ":xtic(1)", gp_quote(title));
    }
    script += "\n";
    write_file(gp, script);
    files.data.push_back(dat);
    files.scripts.push_back(gp);
    jobs.push_back({gp, png});
  }

  if (jobs.empty()) return files;
  if (!have_gnuplot) {
    warnings << "spot eval: warning: gnuplot not found; kept the .dat and .gp files in "
             << root.string() << "\n";
    return files;
  }
  files.gnuplot_ran = true;
  for (const Job& job : jobs) {
    fs::remove(job.png, ec);  // a stale image must not pass for a fresh one
    const int rc =
        std::system(("gnuplot " + sh_quote(job.script.string()) + " >/dev/null").c_str());
    if (rc != 0 || !fs::is_regular_file(job.png))
      warnings << "spot eval: warning: gnuplot failed on " << job.script.string() << "\n";
    else
      files.images.push_back(job.png);
  }
  return files;
}

}  // namespace spot::eval
