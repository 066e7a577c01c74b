// ProgressBar: one status line on stderr for long jobs (done/total, rate, ETA). Redraws in place on a
// terminal; on a pipe or log file it prints a plain line at most every few seconds.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

namespace spot::util {

class ProgressBar {
 public:
  // `total` units of work (e.g. frames); `unit` names them in the rate ("frames/s"). total <= 0:
  // open-ended work (a live camera), shown as a count and a rate.
  ProgressBar(std::string label, long total, std::string unit = "it", std::FILE* out = stderr);
  // Adds `n` finished units; `note` (e.g. the current sequence) is shown after the numbers.
  void advance(long n = 1, const std::string& note = {});
  // Prints the final line (total time and mean rate). Called by the destructor if not called before.
  void finish();
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // "mm:ss" or "h:mm:ss".
  static std::string format_duration(double seconds);

 private:
  void draw(bool final_line);

  std::string label_;
  long total_;
  long done_ = 0;
  std::string unit_;
  std::string note_;
  std::FILE* out_;
  bool tty_;
  bool finished_ = false;
  int exceptions_at_start_;  // to stay quiet when destroyed by an exception (the error says it all)
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace spot::util
