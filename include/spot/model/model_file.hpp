// Loading a trained SpotModel from a checkpoint (model.pt / last.pt written by `spot train`): the
// model is rebuilt with the config stored in the file, then its weights are loaded.
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "spot/model/spot_model.hpp"

namespace spot::model {

// The model config stored in a checkpoint's meta block (meta["config"]["model"]), validated, with
// pretrained = false. Throws spot::Error naming `source` when it is missing or invalid.
ModelConfig model_config_from_meta(const nlohmann::json& meta, const std::string& source);

// Throws spot::Error naming the file when it is missing, corrupt, not a SPOT checkpoint, holds no
// model config, or its tensors do not fit that config.
SpotModel load_model_file(const std::filesystem::path& path);

}  // namespace spot::model
