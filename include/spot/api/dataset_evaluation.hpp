// Scoring result folders against a dataset's ground truth: everything `spot eval` does except the
// printing, shared by the CLI and the Python module so both produce the very same report.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "spot/eval/evaluate.hpp"
#include "spot/geometry/box.hpp"

namespace spot::api {

// One results folder (<seq>.txt per sequence) and the name it gets in the report.
struct ResultsSet {
  std::string name;
  std::filesystem::path dir;
};

// "NAME=DIR" or "DIR" (name = the folder's own name). An '=' only names the set when what precedes
// it has no path separator, so a directory whose name contains '=' still works with an explicit
// name. Throws spot::Error on "NAME=" with no directory.
ResultsSet parse_results_set(const std::string& arg);

struct DatasetEvaluation {
  std::filesystem::path dataset;                 // any layout data::load_dataset reads
  std::string format = "auto";                   // dataset layout, or auto-detect
  std::vector<ResultsSet> results;               // at least one, names unique
  std::vector<std::string> protocols = {"all"};  // as eval::parse_protocols takes them
  // Frame size for every sequence; default: read from each sequence's first frame, and only when a
  // protocol needs it (got10k, vot-lt, oxuva).
  std::optional<geometry::ImageSize> image_size;
};

struct DatasetReport {
  nlohmann::json report;               // eval::evaluate()'s report (what `spot eval --json` writes)
  std::vector<std::string> protocols;  // the protocols run, in order
  int sequences = 0;                   // sequences scored
};

// The evaluator's view of a dataset: ground truth (and attributes) per sequence, with the frame
// size read from each first frame when `needs_image_size` (or `image_size` given). Throws
// spot::Error for a sequence without ground truth and whatever load_dataset throws.
std::vector<eval::SequenceEvalInput> load_evaluation_inputs(
    const std::filesystem::path& dataset, const std::string& format, bool needs_image_size,
    const std::optional<geometry::ImageSize>& image_size = {});

// Loads the dataset and every results set, then runs eval::evaluate(). Results folders are checked
// before the (slower) dataset load so typos fail fast. Throws spot::Error when no results set is
// given, two share a name, a folder does not exist, a sequence has no ground truth, and whatever
// load_dataset / load_results / evaluate throw.
DatasetReport evaluate_dataset(const DatasetEvaluation& request);

}  // namespace spot::api
