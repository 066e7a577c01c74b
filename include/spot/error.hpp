// spot::Error: the one exception type SPOT throws for bad input, with the context a user can act on.
// "Target absent" is a normal result, never an Error.
#pragma once

#include <stdexcept>
#include <string>

namespace spot {

class Error : public std::runtime_error {
 public:
  // what() reads "<file>:<line>: <message>" (or "<file>: <message>" when line <= 0, or just the
  // message when file is empty), so the CLI can print it as one line.
  explicit Error(const std::string& message, const std::string& file = {}, long line = 0);

  const std::string& file() const noexcept { return file_; }
  long line() const noexcept { return line_; }

 private:
  std::string file_;
  long line_ = 0;
};

}  // namespace spot
