// The experiment report: tables of mean ± half-range over seeds, differences against the first
// row with a noise flag, timing, and gnuplot figures (point-hit per size bin, size histograms).
#include "spot/experiment/experiment_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "spot/error.hpp"
#include "spot/util/gnuplot.hpp"
#include "spot/util/progress.hpp"

namespace spot::experiment {
namespace fs = std::filesystem;
using nlohmann::json;

SeedSummary summarise(const json& runs, const json::json_pointer& pointer) {
  SeedSummary s;
  double sum = 0;
  for (const auto& run : runs) {
    if (!run.contains(pointer)) continue;
    const json& v = run.at(pointer);
    if (!v.is_number()) continue;
    const double x = v.get<double>();
    s.min = s.n == 0 ? x : std::min(s.min, x);
    s.max = s.n == 0 ? x : std::max(s.max, x);
    sum += x;
    ++s.n;
  }
  if (s.n > 0) s.mean = sum / s.n;
  return s;
}

bool within_noise(const SeedSummary& a, const SeedSummary& b) {
  if (a.n < 2 || b.n < 2) return false;
  return std::abs(a.mean - b.mean) <= std::max(a.max - a.min, b.max - b.min);
}

namespace {

json::json_pointer metric(const std::string& tag, const std::string& key,
                          const std::string& bin = {}) {
  json::json_pointer p("/eval");
  p /= tag;
  p /= key;
  if (!bin.empty()) p /= bin;
  return p;
}

std::string cell(const SeedSummary& s) {
  if (s.n == 0) return "–";
  if (s.n == 1) return fmt::format("{:.3f}", s.mean);
  return fmt::format("{:.3f} ± {:.3f}", s.mean, (s.max - s.min) / 2);
}

// "|---|---|...": the Markdown separator row of a table with `columns` columns.
std::string separator(std::size_t columns) {
  std::string s = "|";
  for (std::size_t i = 0; i < columns; ++i) s += "---|";
  return s + "\n";
}

// "| name | all | bin 1 | ... | bin n" (no closing bar) for one row of a per-size table.
std::string size_row(const json& row, const std::string& tag, const std::string& overall,
                     const std::string& by_size, const json& bins) {
  std::string line = "| " + row.at("name").get<std::string>() + " | " +
                     cell(summarise(row.at("runs"), metric(tag, overall)));
  for (const auto& b : bins) {
    line += " | " + cell(summarise(row.at("runs"), metric(tag, by_size, b.get<std::string>())));
  }
  return line;
}

std::string minutes(double seconds) { return util::ProgressBar::format_duration(seconds); }

void write_text(const fs::path& file, const std::string& text) {
  std::ofstream out(file);
  out << text;
  if (!out) throw Error("cannot write file", file.string());
}

// point_by_size-<tag>.png: one line per row, error bars from the seeds' min to max.
std::string plot_point_by_size(const json& results, const std::string& tag, const fs::path& dir) {
  const auto& bins = results.at("bins");
  const std::string stem = "point_by_size-" + tag;
  std::ostringstream dat, gp;
  std::vector<std::string> plots;
  const auto& rows = results.at("rows");
  for (std::size_t r = 0; r < rows.size(); ++r) {
    dat << "# " << rows[r].at("name").get<std::string>() << "\n";
    for (std::size_t b = 0; b < bins.size(); ++b) {
      const auto s = summarise(rows[r].at("runs"),
                               metric(tag, "point_hit_by_size", bins[b].get<std::string>()));
      // Rows are offset a little along x so their error bars do not hide each other.
      const double x =
          static_cast<double>(b) + 0.06 * (static_cast<double>(r) - (rows.size() - 1) / 2.0);
      if (s.n > 0) dat << fmt::format("{:.3f} {:.5f} {:.5f} {:.5f}\n", x, s.mean, s.min, s.max);
    }
    dat << "\n\n";
    plots.push_back(fmt::format("{} index {} using 1:2:3:4 with yerrorlines lw 2 title {}",
                                util::gnuplot_quote(fs::absolute(dir / (stem + ".dat")).string()),
                                r, util::gnuplot_quote(rows[r].at("name").get<std::string>())));
  }
  write_text(dir / (stem + ".dat"), dat.str());
  gp << "set terminal " << util::gnuplot_png_terminal() << " noenhanced size 900,500\n"
     << "set output " << util::gnuplot_quote(fs::absolute(dir / (stem + ".png")).string()) << "\n"
     << "set title "
     << util::gnuplot_quote(results.value("title", std::string()) + " — point-hit by GT size")
     << "\n"
     << "set xlabel 'ground-truth size sqrt(w·h), px'\nset ylabel 'point-hit rate'\nset yrange "
        "[0:1]\n"
     << "set key top left\nset grid ytics\nset xtics (";
  for (std::size_t b = 0; b < bins.size(); ++b) {
    gp << (b ? ", " : "") << util::gnuplot_quote(bins[b].get<std::string>()) << " " << b;
  }
  gp << ")\nset xrange [-0.5:" << bins.size() - 0.5 << "]\nplot ";
  for (std::size_t i = 0; i < plots.size(); ++i) gp << (i ? ", \\\n     " : "") << plots[i];
  gp << "\n";
  write_text(dir / (stem + ".gp"), gp.str());
  return util::run_gnuplot(dir / (stem + ".gp")) ? stem + ".png" : std::string();
}

std::string plot_histograms(const json& results, const fs::path& dir) {
  const auto& bins = results.at("bins");
  const auto& hist = results.at("histograms");
  std::ostringstream dat, gp;
  dat << "bin";
  for (const auto& [name, h] : hist.items()) dat << " " << util::gnuplot_quote(name);
  dat << "\n";
  for (const auto& b : bins) {
    dat << util::gnuplot_quote(b.get<std::string>());
    for (const auto& [name, h] : hist.items())
      dat << fmt::format(" {:.5f}", h.at(b.get<std::string>()).get<double>());
    dat << "\n";
  }
  write_text(dir / "size_histogram.dat", dat.str());
  gp << "set terminal " << util::gnuplot_png_terminal() << " noenhanced size 800,450\n"
     << "set output " << util::gnuplot_quote(fs::absolute(dir / "size_histogram.png").string())
     << "\n"
     << "set title 'training targets per size bin'\n"
     << "set style data histograms\nset style histogram clustered\nset style fill solid 0.8 border "
        "-1\n"
     << "set xlabel 'target size sqrt(w·h) in the search image, px'\nset ylabel 'share of training "
        "pairs'\n"
     << "set yrange [0:*]\nset key top left\nset grid ytics\nplot ";
  for (std::size_t i = 0; i < hist.size(); ++i) {
    gp << (i ? ", " : "") << util::gnuplot_quote(fs::absolute(dir / "size_histogram.dat").string())
       << " using " << i + 2 << (i == 0 ? ":xtic(1)" : "") << " title columnheader";
  }
  gp << "\n";
  write_text(dir / "size_histogram.gp", gp.str());
  return util::run_gnuplot(dir / "size_histogram.gp") ? "size_histogram.png" : std::string();
}

}  // namespace

void write_report(const json& results, const fs::path& dir) {
  fs::create_directories(dir);
  const auto& bins = results.at("bins");
  const auto& rows = results.at("rows");
  std::ostringstream md;
  md << "# " << results.value("title", std::string("experiment")) << "\n\n";
  if (!results.value("claim", std::string()).empty())
    md << "Claim under test: *" << results.at("claim").get<std::string>() << "*\n\n";
  md << "Produced by `"
     << results.value("command", "spot experiment " + results.value("experiment", std::string()))
     << "` on " << results.value("machine", std::string("this machine")) << ". ";
  const bool trains = std::any_of(rows.begin(), rows.end(), [](const json& r) { return r.at("kind") == "variant"; });
  if (trains) {
    md << "Seeds: ";
    for (std::size_t i = 0; i < results.at("seeds").size(); ++i)
      md << (i ? ", " : "") << results.at("seeds")[i];
    md << ". Cells are the mean over seeds ± half the range between seeds (one number: one run).\n\n";
  } else {
    md << "Nothing is trained here, so there are no seeds: each cell is one run.\n\n";
  }
  std::size_t done = 0;
  for (const auto& row : rows) done += row.at("runs").size();
  if (results.contains("units") && done < results.at("units").get<std::size_t>()) {
    md << fmt::format(
        "**Incomplete: {} of {} runs finished** (stopped, or still running; the same command "
        "continues it).\n\n",
        done, results.at("units").get<std::size_t>());
  }

  // Timing: what each row cost when it ran (training reused from other experiments counts too).
  md << "## Time\n\n| row | runs | training | evaluation |\n|---|---|---|---|\n";
  double all = 0;
  bool unknown = false;
  for (const auto& row : rows) {
    double train = 0, eval = 0;
    bool train_known = true;
    for (const auto& run : row.at("runs")) {
      if (row.at("kind") == "variant") {
        if (run.at("train_seconds").is_number())
          train += run.at("train_seconds").get<double>();
        else
          train_known = false;
      }
      for (const auto& [tag, m] : run.at("eval").items()) eval += m.value("eval_seconds", 0.0);
    }
    unknown = unknown || !train_known;
    all += train + eval;
    md << fmt::format("| {} | {} | {} | {} |\n", row.at("name").get<std::string>(),
                      row.at("runs").size(),
                      row.at("kind") == "variant"
                          ? (train_known ? minutes(train) : minutes(train) + " + not recorded")
                          : std::string("–"),
                      minutes(eval));
  }
  md << fmt::format(
      "\nCompute for the whole experiment from scratch: {}{}; this invocation took {} (it reuses "
      "what earlier invocations or other experiments already trained and tracked).\n\n",
      minutes(all), unknown ? " plus training not recorded" : "",
      minutes(results.value("wall_seconds", 0.0)));

  if (results.contains("histograms")) {
    md << "## Training size distribution\n\nShare of training pairs per target size bin (the "
          "sampler rescales every "
          "pair to a size drawn from the variant's distribution):\n\n| variant |";
    for (const auto& b : bins) md << " " << b.get<std::string>() << " px |";
    md << "\n" << separator(bins.size() + 1);
    for (const auto& [name, h] : results.at("histograms").items()) {
      md << "| " << name << " |";
      for (const auto& b : bins)
        md << fmt::format(" {:.3f} |", h.at(b.get<std::string>()).get<double>());
      md << "\n";
    }
    if (const auto png = plot_histograms(results, dir); !png.empty())
      md << "\n![training size histogram](" << png << ")\n";
    md << "\n";
  }

  for (const auto& set : results.at("datasets")) {
    const std::string tag = set.at("tag");
    md << "## " << set.at("label").get<std::string>() << "\n\n";
    md << "Evaluated frames per GT size bin:";
    for (const auto& b : bins)
      md << fmt::format(" {} px: {};", b.get<std::string>(),
                        set.at("frames_by_size").at(b.get<std::string>()).get<long>());
    md << "\n\n### Point-hit rate by GT size sqrt(w·h)\n\n| row | all |";
    for (const auto& b : bins) md << " " << b.get<std::string>() << " px |";
    md << "\n" << separator(bins.size() + 2);
    for (const auto& row : rows)
      md << size_row(row, tag, "point_hit", "point_hit_by_size", bins) << " |\n";
    md << "\n### LaSOT AUC, overall and by the sequence's median GT size\n\n| row | all |";
    for (const auto& b : bins) md << " " << b.get<std::string>() << " px |";
    md << " fps |\n" << separator(bins.size() + 3);
    for (const auto& row : rows) {
      md << size_row(row, tag, "lasot_auc", "lasot_auc_by_sequence_size", bins) << " |";
      const auto fps = summarise(row.at("runs"), metric(tag, "fps"));
      md << (fps.n ? fmt::format(" {:.1f} |", fps.mean) : std::string(" – |")) << "\n";
    }
    if (rows.size() > 1) {
      const auto& ref = rows[0];
      md << "\n### Point-hit difference from `" << ref.at("name").get<std::string>()
         << "` (≈: within the seed-to-seed range; ?: fewer than 2 seeds, noise unknown)\n\n| row | "
            "all |";
      for (const auto& b : bins) md << " " << b.get<std::string>() << " px |";
      md << "\n" << separator(bins.size() + 2);
      auto diff = [&](const json& row, const json::json_pointer& p) {
        const auto a = summarise(row.at("runs"), p), r = summarise(ref.at("runs"), p);
        if (a.n == 0 || r.n == 0) return std::string("–");
        const std::string flag = (a.n < 2 || r.n < 2) ? " ?" : within_noise(a, r) ? " ≈" : "";
        return fmt::format("{:+.3f}{}", a.mean - r.mean, flag);
      };
      for (std::size_t i = 1; i < rows.size(); ++i) {
        md << "| " << rows[i].at("name").get<std::string>() << " | "
           << diff(rows[i], metric(tag, "point_hit")) << " |";
        for (const auto& b : bins)
          md << " " << diff(rows[i], metric(tag, "point_hit_by_size", b)) << " |";
        md << "\n";
      }
    }
    if (const auto png = plot_point_by_size(results, tag, dir); !png.empty())
      md << "\n![point-hit by size](" << png << ")\n";
    md << "\n";
  }
  write_text(dir / "report.md", md.str());
}

}  // namespace spot::experiment
