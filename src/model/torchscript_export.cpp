// export_torchscript: SpotModel -> traced TorchScript module with size-checked public methods.
#include "spot/model/torchscript_export.hpp"

#include <fmt/format.h>
#include <torch/csrc/jit/frontend/tracer.h>

#include <algorithm>
#include <numeric>

#include "spot/error.hpp"
#include "spot/model/backbone.hpp"
#include "spot/model/model_file.hpp"

namespace spot::model {

namespace {

namespace fs = std::filesystem;
namespace jit = torch::jit;

// Attribute names of the exported module: TorchScript attribute names cannot hold '.'.
std::string attribute_name(const std::string& dotted) {
  std::string name = dotted;
  std::replace(name.begin(), name.end(), '.', '_');
  return name;
}

// Traces `fn` on `inputs` with `module` as `self`: every parameter / buffer registered on `module`
// that `fn` touches becomes a prim::GetAttr of self rather than a constant, so the exported
// module's weights stay visible (and trainable) as attributes. The graph becomes method `name`.
void add_traced_method(jit::Module& module, const std::string& name, jit::Stack inputs,
                       const std::function<jit::Stack(jit::Stack)>& fn,
                       const std::vector<std::string>& argument_names) {
  auto traced = jit::tracer::trace(
      std::move(inputs), fn, [](const torch::autograd::Variable&) { return std::string(); },
      /*strict=*/true, /*force_outplace=*/false, &module, argument_names);
  auto graph = traced.first->graph;
  auto* function = module._ivalue()->compilation_unit()->create_function(
      c10::QualifiedName(*module.type()->name(), name), graph);
  module.type()->addMethod(function);
}

// The public methods: size checks, then the traced graphs. `assert` because a module defined from
// C++ has no resolver for Python's exception classes (RuntimeError is undefined there).
std::string checked_methods_source(const ExportOptions& o) {
  const std::string search_check = fmt::format(
      "    assert search.dim() == 4 and search.size(0) == 1 and search.size(1) == 3 and "
      "search.size(2) == {h} and search.size(3) == {w}, 'spot export: search must be [1, 3, {h}, "
      "{w}] (the traced size; export again with --width/--height for another)'\n",
      fmt::arg("h", o.search_height), fmt::arg("w", o.search_width));
  const std::string template_check = fmt::format(
      "    assert template.dim() == 4 and template.size(0) == 1 and template.size(1) == 3 and "
      "template.size(2) == {t} and template.size(3) == {t}, 'spot export: template must be [1, 3, "
      "{t}, {t}] (the traced size; export again with --template-size for another)'\n"
      "    assert template_box.dim() == 2 and template_box.size(0) == 1 and template_box.size(1) "
      "== 4, 'spot export: template_box must be [1, 4] (x, y, w, h)'\n",
      fmt::arg("t", o.template_size));
  return "def encode_template(self, template: Tensor, template_box: Tensor) -> Tensor:\n" +
         template_check + "    return self._encode_template_traced(template, template_box)\n\n" +
         "def score(self, search: Tensor, kernel: Tensor) -> Tuple[Tensor, Tensor]:\n" +
         search_check + "    return self._score_traced(search, kernel)\n\n" +
         "def forward(self, search: Tensor, template: Tensor, template_box: Tensor) -> "
         "Tuple[Tensor, Tensor]:\n"
         "    return self.score(search, self.encode_template(template, template_box))\n";
}

}  // namespace

void ExportOptions::validate() const {
  auto check = [](int v, const char* what) {
    if (v < 16 || v > 8192)
      throw Error(fmt::format("export: {} = {} (expected 16..8192 px)", what, v));
  };
  check(search_width, "search width");
  check(search_height, "search height");
  check(template_size, "template size");
}

torch::jit::Module export_torchscript(SpotModel& model, const ExportOptions& options) {
  options.validate();
  model->eval();
  const ModelConfig& config = model->config();

  jit::Module module("spot.SpotNetwork");
  for (const auto& p : model->named_parameters())
    module.register_parameter(attribute_name(p.key()), p.value(), /*is_buffer=*/false);
  for (const auto& b : model->named_buffers())
    module.register_buffer(attribute_name(b.key()), b.value());

  std::vector<int64_t> channels;
  for (size_t i = 0; i < config.levels.size(); ++i) channels.push_back(config.channels_of(i));
  const int64_t kernel_size = std::accumulate(channels.begin(), channels.end(), int64_t{0});

  // Example inputs: the values do not matter (no data-dependent control flow in the network), the
  // sizes are baked in. The box is inside the template so grid_sample sees a typical case.
  const double t = options.template_size;
  const auto template_image =
      torch::rand({1, 3, options.template_size, options.template_size}) * 255;
  const auto template_box =
      torch::tensor({{float(t / 4), float(t / 4), float(t / 2), float(t / 2)}});
  const auto search = torch::rand({1, 3, options.search_height, options.search_width}) * 255;

  add_traced_method(module, "_encode_template_traced", {template_image, template_box},
                    [&](jit::Stack in) -> jit::Stack {
                      const auto kernels =
                          model->encode_template(in.at(0).toTensor(), in.at(1).toTensor());
                      return {torch::cat(kernels, 1)};
                    },
                    {"template", "template_box"});
  const auto example_kernel = torch::rand({1, kernel_size});
  add_traced_method(module, "_score_traced", {search, example_kernel},
                    [&](jit::Stack in) -> jit::Stack {
                      const auto kernel = in.at(1).toTensor();
                      std::vector<torch::Tensor> kernels;
                      int64_t start = 0;
                      for (int64_t c : channels) {
                        kernels.push_back(kernel.narrow(1, start, c));
                        start += c;
                      }
                      const ModelOutput out = model->forward(in.at(0).toTensor(), kernels);
                      return {c10::ivalue::Tuple::create({out.fused_logits, out.ltrb})};
                    },
                    {"search", "kernel"});

  module.register_attribute("search_height", c10::IntType::get(), int64_t{options.search_height});
  module.register_attribute("search_width", c10::IntType::get(), int64_t{options.search_width});
  module.register_attribute("template_size", c10::IntType::get(), int64_t{options.template_size});
  // The finest selected level's stride: where fused_logits[0, 0, i, j] sits in the search image.
  module.register_attribute("fused_stride", c10::FloatType::get(),
                            double(NanoTrackBackboneImpl::stage_stride(config.levels.front())));
  module.register_attribute(
      "levels", c10::ListType::ofInts(),
      c10::List<int64_t>(std::vector<int64_t>(config.levels.begin(), config.levels.end())));
  module.register_attribute("level_channels", c10::ListType::ofInts(),
                            c10::List<int64_t>(channels));
  // A module built in C++ has no `training` flag; torch.jit.load in Python expects one.
  module.register_attribute("training", c10::BoolType::get(), false);
  module.define(checked_methods_source(options));
  return module;
}

void export_model_file(const fs::path& weights, const fs::path& out, const ExportOptions& options) {
  options.validate();
  SpotModel model = load_model_file(weights);
  torch::NoGradGuard no_grad;
  jit::Module module = export_torchscript(model, options);
  if (out.has_parent_path()) fs::create_directories(out.parent_path());
  const fs::path tmp = out.string() + ".tmp";
  try {
    module.save(tmp.string());
  } catch (const c10::Error& e) {
    std::error_code ec;
    fs::remove(tmp, ec);
    throw Error(std::string("cannot write TorchScript module: ") + e.what_without_backtrace(),
                out.string());
  }
  std::error_code ec;
  fs::rename(tmp, out, ec);
  if (ec) throw Error("cannot write TorchScript module: " + ec.message(), out.string());
}

}  // namespace spot::model
