// `spot export`: SPOT's network as a TorchScript module for torch::jit::load / torch.jit.load.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "config_file.hpp"
#include "spot/model/torchscript_export.hpp"
#include "spot/track/spot_tracker.hpp"

namespace spot::cli {
namespace {

struct ExportCliOptions {
  std::string config;
  std::string weights;  // empty: the shipped default weights
  std::string out;
  model::ExportOptions sizes;
};

void run(CLI::App& cmd, const ExportCliOptions& o) {
  if (!o.config.empty()) apply_config_file(cmd, o.config);
  require_option(o.out, "out");
  const std::string weights = track::find_spot_weights(o.weights);
  model::export_model_file(weights, o.out, o.sizes);
  std::cout << fmt::format(
      "wrote {} (TorchScript; search {}x{}, template {}x{}; from {})\n"
      "ONNX: not available from LibTorch's C++ library (see docs/PYTHON.md)\n",
      std::filesystem::absolute(o.out).string(), o.sizes.search_width, o.sizes.search_height,
      o.sizes.template_size, o.sizes.template_size, weights);
}

}  // namespace

void register_export(CLI::App& app) {
  auto o = std::make_shared<ExportCliOptions>();
  auto* cmd = app.add_subcommand(
      "export", "Write SPOT's network as a TorchScript module (torch::jit::load / torch.jit.load)");
  add_config_option(*cmd, o->config);
  cmd->add_option("--weights", o->weights,
                  "Model file from `spot train` (default: weights/spot_default.pt)");
  cmd->add_option("--out", o->out, "Output file, e.g. model.pt [required]");
  cmd->add_option("--width", o->sizes.search_width, "Search image width the module is traced at")
      ->capture_default_str();
  cmd->add_option("--height", o->sizes.search_height, "Search image height the module is traced at")
      ->capture_default_str();
  cmd->add_option("--template-size", o->sizes.template_size, "Template crop side, px")
      ->capture_default_str();
  cmd->callback([o, cmd] { run(*cmd, *o); });
}

}  // namespace spot::cli
