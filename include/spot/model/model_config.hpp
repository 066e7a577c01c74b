// ModelConfig: the options of SPOT's full-frame scoring model, with defaults (see spot_model.hpp).
#pragma once

#include <string>
#include <vector>

#include "spot/util/config_fields.hpp"

namespace spot::model {

struct ModelConfig {
  // Backbone stages whose features get a score map (deep supervision), shallow to deep:
  // 1 = stride 4 (16 ch), 3 = stride 8 (24 ch), 9 = stride 16 (96 ch) of NanoTrack v3.
  std::vector<int> levels = {1, 3, 9};
  // Channels of each level's neck / response (one per level, or one value for all; empty = 32).
  std::vector<int> channels = {16, 32, 48};
  int box_channels = 32;         // hidden width of the box head
  int template_grid = 5;         // template = mean of grid x grid bilinear samples inside the box
  bool pretrained = true;        // load the NanoTrack weights (else random backbone init)
  bool freeze_backbone = true;   // keep backbone weights and BatchNorm statistics fixed
  std::string backbone_weights;  // explicit path; empty = search (see find_backbone_weights)

  // Throws spot::Error naming `source` when levels are empty, unsorted, repeated or not in 0..9, or
  // channels do not match them.
  void validate(const std::string& source = "model config") const;
  // Channels of level i (after validate()).
  int channels_of(size_t i) const;
  util::Fields fields();
};

}  // namespace spot::model
