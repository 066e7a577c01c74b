// evaluate(): protocol selection, loading a results folder against the sequences, and the report
// that runs every requested protocol on every results set.
#include "spot/eval/evaluate.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "internal.hpp"
#include "spot/error.hpp"
#include "spot/eval/protocols.hpp"

namespace spot::eval {

namespace {
std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out;
}

using ProtocolFn = nlohmann::json (*)(const std::vector<SequenceEvalInput>&,
                                      const ResultsBySequence&);

ProtocolFn protocol_function(const std::string& name) {
  if (name == "otb") return &evaluate_otb;
  if (name == "lasot") return &evaluate_lasot;
  if (name == "got10k") return &evaluate_got10k;
  if (name == "vot-lt") return &evaluate_vot_lt;
  if (name == "oxuva") return &evaluate_oxuva;
  if (name == "point") return &evaluate_point;
  throw Error(
      fmt::format("unknown protocol '{}' (valid: {}, or all)", name, join(protocol_names(), ", ")));
}

bool needs_image_size(const std::string& protocol) {
  return protocol == "got10k" || protocol == "vot-lt" || protocol == "oxuva";
}
}  // namespace

int init_frame(const SequenceEvalInput& sequence) {
  for (std::size_t k = 0; k < sequence.groundtruth.size(); ++k) {
    if (detail::present(sequence.groundtruth[k])) return static_cast<int>(k);
  }
  throw Error(
      fmt::format("sequence '{}' has no present ground-truth box, so no frame to initialise "
                  "a tracker on",
                  sequence.name));
}

std::vector<std::string> protocol_names() {
  return {"otb", "lasot", "got10k", "vot-lt", "oxuva", "point"};
}

std::vector<std::string> parse_protocols(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  auto add = [&out](const std::string& name) {
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  };
  for (const std::string& item : items) {
    std::size_t start = 0;
    while (start <= item.size()) {
      const std::size_t comma = std::min(item.find(',', start), item.size());
      const std::string name = item.substr(start, comma - start);
      start = comma + 1;
      if (name.empty()) continue;
      if (name == "all") {
        for (const auto& p : protocol_names()) add(p);
      } else {
        protocol_function(name);  // throws on an unknown name
        add(name);
      }
    }
  }
  if (out.empty())
    throw Error("no protocol given (valid: " + join(protocol_names(), ", ") + ", or all)");
  return out;
}

ResultsBySequence load_results(const std::filesystem::path& dir,
                               const std::vector<SequenceEvalInput>& sequences) {
  if (!std::filesystem::is_directory(dir)) throw Error("results directory not found", dir.string());
  ResultsBySequence results;
  for (const auto& s : sequences) {
    const std::filesystem::path file = dir / (s.name + ".txt");
    if (!std::filesystem::is_regular_file(file))
      throw Error(fmt::format("no results for sequence '{}' (expected this file)", s.name),
                  file.string());
    TrackerOutput out = read_results(dir, s.name);
    const std::size_t n = s.groundtruth.size();
    if (out.boxes.size() != n)
      throw Error(fmt::format("{} lines, expected {} (one per frame of sequence '{}')",
                              out.boxes.size(), n, s.name),
                  file.string());
    if (!out.confidence.empty() && out.confidence.size() != n)
      throw Error(fmt::format("{} lines, expected {} (one per frame of sequence '{}')",
                              out.confidence.size(), n, s.name),
                  (dir / (s.name + "_confidence.value")).string());
    results.emplace(s.name, std::move(out));
  }
  return results;
}

nlohmann::json evaluate(const std::vector<SequenceEvalInput>& sequences,
                        const std::map<std::string, ResultsBySequence>& results_by_name,
                        const std::vector<std::string>& protocols) {
  bool image_size_needed = false;
  for (const auto& p : protocols) {
    protocol_function(p);  // unknown names fail before any work
    image_size_needed = image_size_needed || needs_image_size(p);
  }
  // Validate every results set up front, naming it, so errors do not depend on protocol order.
  for (const auto& [name, results] : results_by_name)
    detail::check_inputs(sequences, results, name, image_size_needed);

  nlohmann::json report = nlohmann::json::object();
  for (const auto& p : protocols) {
    const ProtocolFn fn = protocol_function(p);
    nlohmann::json by_name = nlohmann::json::object();
    for (const auto& [name, results] : results_by_name) by_name[name] = fn(sequences, results);
    report[p] = by_name;
  }
  return report;
}

}  // namespace spot::eval
