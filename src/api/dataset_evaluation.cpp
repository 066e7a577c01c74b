// evaluate_dataset: dataset + result folders -> the evaluator's JSON report.
#include "spot/api/dataset_evaluation.hpp"

#include <fmt/format.h>

#include <map>

#include "spot/data/dataset.hpp"
#include "spot/data/frame_reader.hpp"
#include "spot/error.hpp"
#include "spot/eval/evaluate.hpp"

namespace spot::api {

namespace fs = std::filesystem;

ResultsSet parse_results_set(const std::string& arg) {
  const std::size_t eq = arg.find('=');
  if (eq != std::string::npos && eq > 0 && arg.find('/') > eq) {
    if (eq + 1 == arg.size()) throw Error(fmt::format("results '{}': no directory after '='", arg));
    return {arg.substr(0, eq), fs::path(arg.substr(eq + 1))};
  }
  fs::path dir(arg);
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(fs::absolute(dir), ec);
  std::string name = ec ? std::string() : canonical.filename().string();
  if (name.empty()) name = dir.lexically_normal().parent_path().filename().string();
  if (name.empty()) name = arg;
  return {name, dir};
}

std::vector<eval::SequenceEvalInput> load_evaluation_inputs(
    const fs::path& dataset_path, const std::string& format, bool needs_image_size,
    const std::optional<geometry::ImageSize>& image_size) {
  const std::vector<data::Sequence> dataset = data::load_dataset(dataset_path, format);
  std::vector<eval::SequenceEvalInput> inputs;
  inputs.reserve(dataset.size());
  for (const auto& seq : dataset) {
    if (!seq.has_groundtruth()) {
      throw Error(
          fmt::format("sequence '{}' has no ground truth; evaluation needs annotated sequences",
                      seq.name),
          dataset_path.string());
    }
    eval::SequenceEvalInput in;
    in.name = seq.name;
    in.groundtruth = seq.groundtruth;
    in.attributes = seq.attributes;
    // Reading a frame costs I/O, so only when a protocol crops to the image.
    if (image_size) {
      in.image_size = *image_size;
    } else if (needs_image_size) {
      in.image_size = data::first_frame_size(seq);
    }
    inputs.push_back(std::move(in));
  }
  return inputs;
}

DatasetReport evaluate_dataset(const DatasetEvaluation& request) {
  if (request.results.empty()) throw Error("no results folder given to evaluate");
  DatasetReport out;
  out.protocols = eval::parse_protocols(request.protocols);
  bool needs_size = false;
  for (const auto& p : out.protocols)
    needs_size = needs_size || p == "got10k" || p == "vot-lt" || p == "oxuva";

  for (std::size_t i = 0; i < request.results.size(); ++i) {
    const ResultsSet& set = request.results[i];
    for (std::size_t j = 0; j < i; ++j) {
      if (request.results[j].name == set.name)
        throw Error(
            fmt::format("two results sets are named '{}'; name them with NAME=DIR", set.name));
    }
    if (!fs::is_directory(set.dir)) throw Error("results directory not found", set.dir.string());
  }

  const auto inputs =
      load_evaluation_inputs(request.dataset, request.format, needs_size, request.image_size);
  std::map<std::string, eval::ResultsBySequence> results;
  for (const auto& set : request.results) results[set.name] = eval::load_results(set.dir, inputs);
  out.report = eval::evaluate(inputs, results, out.protocols);
  out.sequences = static_cast<int>(inputs.size());
  return out;
}

}  // namespace spot::api
