// spot.export_model(): the network as a TorchScript file, the same code as `spot export`.
#include "bindings.hpp"
#include "spot/model/torchscript_export.hpp"
#include "spot/track/spot_tracker.hpp"

namespace spot::python {

void bind_export(py::module_& m) {
  m.def(
      "export_model",
      [](const py::object& out, const py::object& weights, int width, int height,
         int template_size) {
        const auto out_path = path_from_python(out, "out");
        const std::string weights_path =
            weights.is_none() ? std::string() : path_from_python(weights, "weights").string();
        model::ExportOptions options;
        options.search_width = width;
        options.search_height = height;
        options.template_size = template_size;
        py::gil_scoped_release release;
        model::export_model_file(track::find_spot_weights(weights_path), out_path, options);
      },
      py::arg("out"), py::arg("weights") = py::none(), py::arg("width") = 640,
      py::arg("height") = 360, py::arg("template_size") = 128,
      R"doc(
Writes SPOT's network as a TorchScript module to `out` (loadable with torch.jit.load or C++
torch::jit::load), traced for search images of width x height and templates of template_size²:
forward(search [1,3,H,W], template [1,3,T,T], template_box [1,4]) -> (fused_logits, ltrb);
also encode_template() and score(). Same as `spot export`; see docs/PYTHON.md.
)doc");
}

}  // namespace spot::python
