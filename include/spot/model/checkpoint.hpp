// Checkpoints: model weights, optimizer state and a JSON "meta" block (format, step, config, build
// revision) in one LibTorch archive, written atomically (temp file + rename) so a run killed while
// writing keeps its previous checkpoint intact.
#pragma once

#include <filesystem>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

namespace spot::model {

inline constexpr const char* kCheckpointFormat = "spot-checkpoint-1";

// Writes `model` (+ `optimizer` when given) and `meta` (gets "format" added) to `path` via
// `<path>.tmp` and a rename. Throws spot::Error naming the file on I/O failure.
// Fault injection for tests: when the environment variable SPOT_FAULT_KILL_IN_CHECKPOINT equals
// meta["step"], the process dies (SIGKILL) after writing half of the temp file.
void save_checkpoint(const std::filesystem::path& path, torch::nn::Module& model,
                     torch::optim::Optimizer* optimizer, nlohmann::json meta);

// Reads only the meta block (cheap: to rebuild a model of the right shape before loading it).
// Throws spot::Error naming the file when it is missing, not a SPOT checkpoint, or corrupt.
nlohmann::json read_checkpoint_meta(const std::filesystem::path& path);

// Loads weights into `model` (and the optimizer state when given) and returns the meta block.
// Throws spot::Error naming the file on a missing / corrupt file or when a tensor is missing or
// has another shape than the model's ("checkpoint does not match the model: ...").
nlohmann::json load_checkpoint(const std::filesystem::path& path, torch::nn::Module& model,
                               torch::optim::Optimizer* optimizer);

}  // namespace spot::model
