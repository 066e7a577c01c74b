// spot::Error formatting.
#include "spot/error.hpp"

namespace spot {
namespace {
std::string format_message(const std::string& message, const std::string& file, long line) {
  if (file.empty()) return message;
  if (line <= 0) return file + ": " + message;
  return file + ":" + std::to_string(line) + ": " + message;
}
}  // namespace

Error::Error(const std::string& message, const std::string& file, long line)
    : std::runtime_error(format_message(message, file, line)), file_(file), line_(line) {}

}  // namespace spot
