// load_model_file: config from the checkpoint's meta block, then strict weight loading.
#include "spot/model/model_file.hpp"

#include <nlohmann/json.hpp>

#include "spot/error.hpp"
#include "spot/model/checkpoint.hpp"

namespace spot::model {

SpotModel load_model_file(const std::filesystem::path& path) {
  const nlohmann::json meta = read_checkpoint_meta(path);
  if (!meta.contains("config") || !meta["config"].contains("model")) {
    throw Error("checkpoint holds no model config", path.string());
  }
  ModelConfig config;
  util::fields_from_json(meta["config"]["model"], config.fields(), path.string());
  config.pretrained = false;  // the checkpoint holds the backbone weights too
  config.validate(path.string());
  SpotModel model(config);
  load_checkpoint(path, *model, nullptr);
  model->eval();
  return model;
}

}  // namespace spot::model
