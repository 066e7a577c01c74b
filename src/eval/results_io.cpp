// Reading and writing <seq>.txt / <seq>_confidence.value / <seq>_time.txt, with errors that name
// the file and line.
#include "spot/eval/results_io.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <fstream>

#include "spot/error.hpp"

namespace spot::eval {

namespace {
namespace fs = std::filesystem;

fs::path boxes_file(const fs::path& dir, const std::string& seq) { return dir / (seq + ".txt"); }
fs::path confidence_file(const fs::path& dir, const std::string& seq) {
  return dir / (seq + "_confidence.value");
}
fs::path time_file(const fs::path& dir, const std::string& seq) {
  return dir / (seq + "_time.txt");
}

std::string trim(const std::string& s) {
  const char* ws = " \t\r\n";
  const std::size_t b = s.find_first_not_of(ws);
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

// Lines of a text file (getline semantics: no extra line after a final newline), '\r' stripped.
std::vector<std::string> read_lines(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw Error("cannot open file", file.string());
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  if (in.bad()) throw Error("read error", file.string());
  return lines;
}

// Fields split on ',' when the line has one (each trimmed), otherwise on runs of spaces / TABs.
std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> fields;
  if (line.find(',') != std::string::npos) {
    std::size_t start = 0;
    while (true) {
      const std::size_t comma = line.find(',', start);
      fields.push_back(
          trim(line.substr(start, comma == std::string::npos ? comma : comma - start)));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  } else {
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      if (i >= line.size()) break;
      std::size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
      fields.push_back(line.substr(i, j - i));
      i = j;
    }
  }
  return fields;
}

// A whole token as a double ("nan", "inf" accepted); locale-independent.
bool parse_number(std::string token, double& value) {
  if (!token.empty() && token[0] == '+') token.erase(0, 1);
  if (token.empty()) return false;
  const char* end = token.data() + token.size();
  const auto [ptr, ec] = std::from_chars(token.data(), end, value);
  return ec == std::errc() && ptr == end;
}

double number_at(const std::string& token, const fs::path& file, long line, const char* expected) {
  double v = 0.0;
  if (!parse_number(token, v))
    throw Error(fmt::format("'{}' is not a number (expected {})", token, expected), file.string(),
                line);
  return v;
}

std::string format_number(double v) {
  if (std::isnan(v)) return "nan";
  return fmt::format("{}", v);  // shortest text that reads back to the same double
}

std::ofstream open_for_write(const fs::path& file) {
  std::ofstream out(file, std::ios::trunc);
  if (!out) throw Error("cannot write file", file.string());
  return out;
}

void finish(std::ofstream& out, const fs::path& file) {
  out.close();
  if (!out) throw Error("write error", file.string());
}
}  // namespace

void write_results(const fs::path& dir, const std::string& sequence, const TrackerOutput& output) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error("cannot create directory: " + ec.message(), dir.string());

  const fs::path bf = boxes_file(dir, sequence);
  std::ofstream boxes = open_for_write(bf);
  for (const auto& b : output.boxes) {
    if (b && b->finite())
      boxes << format_number(b->x) << ',' << format_number(b->y) << ',' << format_number(b->w)
            << ',' << format_number(b->h) << '\n';
    else
      boxes << "nan,nan,nan,nan\n";
  }
  finish(boxes, bf);

  if (!output.confidence.empty()) {
    const fs::path cf = confidence_file(dir, sequence);
    std::ofstream conf = open_for_write(cf);
    for (const auto& c : output.confidence) conf << (c ? format_number(*c) : std::string()) << '\n';
    finish(conf, cf);
  }
  if (!output.seconds.empty()) {
    const fs::path tf = time_file(dir, sequence);
    std::ofstream times = open_for_write(tf);
    for (double s : output.seconds) times << format_number(s) << '\n';
    finish(times, tf);
  }
}

TrackerOutput read_results(const fs::path& dir, const std::string& sequence) {
  TrackerOutput out;
  const fs::path bf = boxes_file(dir, sequence);
  if (!fs::is_regular_file(bf)) throw Error("results file not found", bf.string());
  std::vector<std::string> lines = read_lines(bf);
  // A trailing blank line is an artefact of the writer, not a frame.
  while (!lines.empty() && trim(lines.back()).empty()) lines.pop_back();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const long line_no = static_cast<long>(i) + 1;
    const std::vector<std::string> f = split_fields(trim(lines[i]));
    if (f.size() != 4)
      throw Error(fmt::format("expected 4 numbers x,y,w,h (nan,nan,nan,nan when absent), found {} "
                              "field(s)",
                              trim(lines[i]).empty() ? 0 : f.size()),
                  bf.string(), line_no);
    geometry::Box b;
    b.x = number_at(f[0], bf, line_no, "x,y,w,h");
    b.y = number_at(f[1], bf, line_no, "x,y,w,h");
    b.w = number_at(f[2], bf, line_no, "x,y,w,h");
    b.h = number_at(f[3], bf, line_no, "x,y,w,h");
    // Any non-finite field marks the frame absent, as a NaN row does for the toolkits.
    out.boxes.push_back(b.finite() ? geometry::MaybeBox(b) : std::nullopt);
  }

  const fs::path cf = confidence_file(dir, sequence);
  if (fs::is_regular_file(cf)) {
    const std::vector<std::string> conf_lines = read_lines(cf);
    for (std::size_t i = 0; i < conf_lines.size(); ++i) {
      const std::string t = trim(conf_lines[i]);
      // An empty line (the init frame's, by the VOT convention) is "no confidence".
      out.confidence.push_back(t.empty() ? std::nullopt
                                         : std::optional<double>(number_at(
                                               t, cf, static_cast<long>(i) + 1, "one confidence")));
    }
  }

  const fs::path tf = time_file(dir, sequence);
  if (fs::is_regular_file(tf)) {
    std::vector<std::string> time_lines = read_lines(tf);
    while (!time_lines.empty() && trim(time_lines.back()).empty()) time_lines.pop_back();
    for (std::size_t i = 0; i < time_lines.size(); ++i) {
      const std::string t = trim(time_lines[i]);
      out.seconds.push_back(t.empty() ? std::nan("")
                                      : number_at(t, tf, static_cast<long>(i) + 1, "seconds"));
    }
  }
  return out;
}

bool has_complete_results(const std::filesystem::path& dir, const std::string& sequence, int frames) {
  if (!std::filesystem::exists(dir / (sequence + ".txt"))) return false;
  try {
    return static_cast<int>(read_results(dir, sequence).boxes.size()) == frames;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace spot::eval
