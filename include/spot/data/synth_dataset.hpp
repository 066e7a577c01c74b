// write_synth_dataset: writes a whole synthetic dataset in SPOT's generic layout
// (<out>/<seq>/color/00000001.jpg, groundtruth.txt, meta.json) plus config.json and README.md.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>

#include "spot/data/synth_config.hpp"
#include "spot/data/synth_sequence.hpp"

namespace spot::data {

// Real backgrounds / target patches from any dataset SPOT reads (all its frames, all its GT boxes
// of at least 8x8 px). Throws spot::Error when the folder cannot be read or (for target patches)
// holds no such box.
std::unique_ptr<RealMaterial> real_material_from(const std::filesystem::path& dataset);

// Called after every written frame with (frames written so far, total frames, sequence name).
using SynthProgress = std::function<void(long, long, const std::string&)>;

// Validates `config`, then writes the dataset; the same config (seed included) gives byte-identical
// files. `command` is recorded in README.md to say how the data was made. Throws spot::Error on
// invalid config or I/O failure.
void write_synth_dataset(const SynthConfig& config, const std::filesystem::path& out,
                         const std::string& command, const SynthProgress& progress = {});

}  // namespace spot::data
