// Exporting SPOT's network as a TorchScript module (`spot export`), so it runs wherever
// torch::jit::load (C++) or torch.jit.load (Python) does, without SPOT's code.
//
// LibTorch's C++ API cannot script C++ modules, so the network is *traced* at fixed input sizes
// and the traced graphs become methods of a new TorchScript module whose attributes are the
// network's parameters and buffers (names with '.' replaced by '_'). The exported module has:
//   encode_template(template [1,3,T,T] float BGR 0..255, template_box [1,4] x,y,w,h in template px)
//       -> kernel [1, K]   (every level's template vector, concatenated; K = sum of the channels)
//   score(search [1,3,H,W] float BGR 0..255, kernel [1,K])
//       -> (fused_logits [1,1,h,w], ltrb [1,4,h,w])   (as SpotModel::forward, see spot_model.hpp)
//   forward(search, template, template_box) = score(search, encode_template(template,
//   template_box))
// and attributes search_height, search_width, template_size (the traced sizes), fused_stride,
// levels (backbone stages) and level_channels. Calling a method with other sizes raises an error
// naming the expected ones: a trace bakes every size in, so other sizes would give wrong maps.
// Batch size is 1 (what tracking uses).
//
// ONNX: not written. LibTorch's C++ library has the ONNX *serializer* (torch::jit::export_onnx) but
// the pass that turns ATen operators into ONNX operators (torch::jit::ToONNX) lives in
// libtorch_python and runs Python's torch.onnx symbolic functions; see docs/PYTHON.md.
#pragma once

#include <torch/script.h>
#include <torch/torch.h>

#include <filesystem>
#include <string>
#include <vector>

#include "spot/model/spot_model.hpp"

namespace spot::model {

struct ExportOptions {
  int search_width = 640;  // search image size the trace is specialised to
  int search_height = 360;
  int template_size = 128;  // template crop side (SpotTrackerConfig::template_size)
  // Throws spot::Error when a size is below 16 px or above 8192 px.
  void validate() const;
};

// Traces `model` (switched to eval mode) into a new TorchScript module, as described above.
// Throws spot::Error on invalid options.
torch::jit::Module export_torchscript(SpotModel& model, const ExportOptions& options = {});

// load_model_file(weights) -> export_torchscript -> saved at `out` (parent folders created; written
// to `<out>.tmp` then renamed, so a failed export leaves no half file). Throws spot::Error naming
// the file on unreadable weights or a write failure.
void export_model_file(const std::filesystem::path& weights, const std::filesystem::path& out,
                       const ExportOptions& options = {});

}  // namespace spot::model
