// ProgressBar drawing and ETA.
#include "spot/util/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <exception>

#include <fmt/format.h>

namespace spot::util {

ProgressBar::ProgressBar(std::string label, long total, std::string unit, std::FILE* out)
    : label_(std::move(label)),
      total_(std::max(0L, total)),
      unit_(std::move(unit)),
      out_(out),
      tty_(isatty(fileno(out)) != 0),
      exceptions_at_start_(std::uncaught_exceptions()),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

ProgressBar::~ProgressBar() {
  if (std::uncaught_exceptions() > exceptions_at_start_) {
    if (tty_ && !finished_) std::fputs("\n", out_);  // end the redrawn line before the error
    return;
  }
  finish();
}

std::string ProgressBar::format_duration(double seconds) {
  if (!(seconds >= 0) || seconds > 1e7) return "--:--";
  const long s = static_cast<long>(seconds + 0.5);
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
  return fmt::format("{:02}:{:02}", s / 60, s % 60);
}

void ProgressBar::advance(long n, const std::string& note) {
  done_ = total_ > 0 ? std::min(total_, done_ + n) : done_ + n;
  if (!note.empty()) note_ = note;
  const auto now = std::chrono::steady_clock::now();
  // Terminals redraw 10x per second; logs get a line every 5 s so they stay readable.
  const auto period = tty_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(5000);
  if (now - last_draw_ >= period) {
    last_draw_ = now;
    draw(false);
  }
}

void ProgressBar::finish() {
  if (finished_) return;
  finished_ = true;
  draw(true);
}

void ProgressBar::draw(bool final_line) {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0 ? done_ / elapsed : 0.0;
  const double frac = total_ > 0 ? static_cast<double>(done_) / total_ : 1.0;
  std::string line;
  if (total_ <= 0) {  // open-ended work (a camera): a count and a rate, no bar
    line = fmt::format("{} {} {} {} {:.1f} {}/s {}", label_, done_, unit_, final_line ? "in" : "after",
                       format_duration(elapsed), rate, unit_, final_line ? "" : note_);
  } else if (final_line) {
    line = fmt::format("{} {}/{} {} in {} ({:.1f} {}/s)", label_, done_, total_, unit_,
                       format_duration(elapsed), rate, unit_);
  } else {
    constexpr int width = 24;
    const int filled = static_cast<int>(frac * width);
    const double eta = rate > 0 ? (total_ - done_) / rate : -1.0;
    line = fmt::format("{} [{}{}] {:3.0f}% {}/{} {:.1f} {}/s ETA {} {}", label_,
                       std::string(filled, '='), std::string(width - filled, ' '), 100 * frac,
                       done_, total_, rate, unit_, format_duration(eta), note_);
  }
  if (tty_) {
    std::fprintf(out_, "\r%s\033[K%s", line.c_str(), final_line ? "\n" : "");
  } else {
    std::fprintf(out_, "%s\n", line.c_str());
  }
  std::fflush(out_);
}

}  // namespace spot::util
