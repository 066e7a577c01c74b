// load_model_file: config from the checkpoint's meta block, then strict weight loading.
#include "spot/model/model_file.hpp"

#include <nlohmann/json.hpp>

#include "spot/error.hpp"
#include "spot/model/checkpoint.hpp"

namespace spot::model {

ModelConfig model_config_from_meta(const nlohmann::json& meta, const std::string& source) {
  if (!meta.contains("config") || !meta["config"].contains("model")) {
    throw Error("checkpoint holds no model config", source);
  }
  ModelConfig config;
  util::fields_from_json(meta["config"]["model"], config.fields(), source);
  config.pretrained = false;  // the checkpoint holds the backbone weights too
  config.validate(source);
  return config;
}

SpotModel load_model_file(const std::filesystem::path& path) {
  SpotModel model(model_config_from_meta(read_checkpoint_meta(path), path.string()));
  load_checkpoint(path, *model, nullptr);
  model->eval();
  return model;
}

}  // namespace spot::model
