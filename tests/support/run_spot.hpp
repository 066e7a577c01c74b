// Running the built `spot` binary from a test: exit code (or death by signal) and merged output.
#pragma once

#include <sys/wait.h>

#include <array>
#include <csignal>
#include <cstdio>
#include <string>

namespace spot::test {

struct Outcome {
  int exit_code = -1;
  bool killed = false;  // ended by a signal
  std::string output;   // stdout + stderr
};

// Runs `<env> SPOT_EXE <args>` through the shell.
inline Outcome run_spot(const std::string& args, const std::string& env = "") {
  const std::string cmd = env + " " + std::string(SPOT_EXE) + " " + args + " 2>&1";
  Outcome o;
  std::FILE* p = popen(cmd.c_str(), "r");
  if (!p) return o;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) o.output.append(buf.data(), n);
  const int status = pclose(p);
  if (WIFEXITED(status)) {
    o.exit_code = WEXITSTATUS(status);
    // The shell reports a child killed by a signal as 128 + signal.
    o.killed = o.exit_code > 128 && o.exit_code <= 128 + SIGRTMAX;
  } else {
    o.killed = true;
  }
  return o;
}

}  // namespace spot::test
