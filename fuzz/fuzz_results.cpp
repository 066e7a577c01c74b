// Fuzz target: reading tracker results (eval::read_results), which the evaluator runs on folders
// of other people's trackers: <seq>.txt, <seq>_confidence.value and <seq>_time.txt. The input is
// cut at "\n===\n" lines into the three files (a missing part = no such file). Contract checked
// on success: one box per non-blank line, every present box finite.
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "spot/error.hpp"
#include "spot/eval/results_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::string> parts = spot::fuzz::split_input(data, size, "\n===\n", 3);
  const std::filesystem::path dir = spot::fuzz::fresh_scratch_dir();
  spot::fuzz::write_file(dir / "seq.txt", parts[0]);
  if (parts.size() > 1) spot::fuzz::write_file(dir / "seq_confidence.value", parts[1]);
  if (parts.size() > 2) spot::fuzz::write_file(dir / "seq_time.txt", parts[2]);
  try {
    const spot::eval::TrackerOutput out = spot::eval::read_results(dir, "seq");
    for (const auto& b : out.boxes) {
      if (b) SPOT_FUZZ_CHECK(b->finite());
    }
    spot::fuzz::accepted("results");
  } catch (const spot::Error& e) {
    spot::fuzz::rejected(e);
  }
  return 0;
}
