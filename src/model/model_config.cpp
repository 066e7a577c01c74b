// ModelConfig validation and field list.
#include "spot/model/model_config.hpp"

#include <fmt/format.h>

#include "spot/error.hpp"

namespace spot::model {

void ModelConfig::validate(const std::string& source) const {
  auto fail = [&](const std::string& what) { throw Error("invalid model config: " + what, source); };
  if (levels.empty()) fail("levels is empty (expected e.g. [1, 3, 9])");
  for (size_t i = 0; i < levels.size(); ++i) {
    if (levels[i] < 0 || levels[i] > 9) fail(fmt::format("level {} (expected backbone stages 0..9)", levels[i]));
    if (i > 0 && levels[i] <= levels[i - 1]) fail("levels must be strictly increasing (shallow to deep)");
  }
  if (!channels.empty() && channels.size() != 1 && channels.size() != levels.size()) {
    fail(fmt::format("{} channel values for {} levels (give one per level or one for all)", channels.size(),
                     levels.size()));
  }
  for (int c : channels)
    if (c < 1 || c > 1024) fail(fmt::format("channels {} (expected 1..1024)", c));
  if (box_channels < 1) fail(fmt::format("box_channels = {} (expected >= 1)", box_channels));
  if (template_grid < 1 || template_grid > 16) fail(fmt::format("template_grid = {} (expected 1..16)", template_grid));
}

int ModelConfig::channels_of(size_t i) const {
  if (channels.empty()) return 32;
  return channels.size() == 1 ? channels[0] : channels[i];
}

util::Fields ModelConfig::fields() {
  return {{"levels", &levels},
          {"channels", &channels},
          {"box_channels", &box_channels},
          {"template_grid", &template_grid},
          {"pretrained", &pretrained},
          {"freeze_backbone", &freeze_backbone},
          {"backbone_weights", &backbone_weights}};
}

}  // namespace spot::model
