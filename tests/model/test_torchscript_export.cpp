// export_torchscript / export_model_file: the exported TorchScript module, loaded back with
// torch::jit::load, gives the same scores and boxes as the C++ model on the same input; its size
// checks and attributes; export errors.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <torch/script.h>
#include <torch/torch.h>

#include <exception>
#include <filesystem>
#include <string>

#include "spot/error.hpp"
#include "spot/model/model_file.hpp"
#include "spot/model/torchscript_export.hpp"
#include "support/errors.hpp"
#include "support/paths.hpp"

namespace {

namespace fs = std::filesystem;
using spot::model::ExportOptions;

fs::path default_weights() { return fs::path(SPOT_SOURCE_DIR) / "weights" / "spot_default.pt"; }

// Small sizes keep the test fast; they differ from the defaults so the options are exercised.
ExportOptions small_sizes() {
  ExportOptions o;
  o.search_width = 192;
  o.search_height = 112;
  o.template_size = 96;
  return o;
}

double max_abs_diff(const torch::Tensor& a, const torch::Tensor& b) {
  EXPECT_EQ(a.sizes(), b.sizes());
  return (a - b).abs().max().item<double>();
}

TEST(TorchScriptExport, LoadedModuleGivesTheSameScoresAsTheCppModel) {
  spot::test::TempDir dir;
  const fs::path file = dir.path() / "sub" / "model.pt";
  const ExportOptions o = small_sizes();
  spot::model::export_model_file(default_weights(), file, o);
  ASSERT_TRUE(fs::is_regular_file(file));
  EXPECT_FALSE(fs::exists(file.string() + ".tmp"));

  torch::jit::Module exported = torch::jit::load(file.string());
  auto model = spot::model::load_model_file(default_weights());
  torch::NoGradGuard no_grad;
  torch::manual_seed(3);
  // Inputs unlike the ones traced with (other values, another box) so nothing is baked in.
  const auto search = torch::rand({1, 3, o.search_height, o.search_width}) * 255;
  const auto templ = torch::rand({1, 3, o.template_size, o.template_size}) * 255;
  const auto box = torch::tensor({{30.5f, 22.0f, 17.0f, 41.0f}});

  const auto kernels = model->encode_template(templ, box);
  const auto expected = model->forward(search, kernels);
  const auto got = exported.forward({search, templ, box}).toTuple();
  const double logits_diff = max_abs_diff(got->elements()[0].toTensor(), expected.fused_logits);
  const double ltrb_diff = max_abs_diff(got->elements()[1].toTensor(), expected.ltrb);
  EXPECT_LE(logits_diff, 1e-4);
  EXPECT_LE(ltrb_diff, 1e-3);  // pixels; distances reach tens of px
  // The same top point: what the tracker reads off the map.
  EXPECT_EQ(got->elements()[0].toTensor().argmax().item<int64_t>(),
            expected.fused_logits.argmax().item<int64_t>());
  RecordProperty("max_abs_diff_fused_logits", fmt::format("{:.3g}", logits_diff));
  RecordProperty("max_abs_diff_ltrb", fmt::format("{:.3g}", ltrb_diff));

  // encode_template + score, the two steps a tracker calls (template once, search every frame).
  const auto kernel = exported.get_method("encode_template")({templ, box}).toTensor();
  EXPECT_LE(max_abs_diff(kernel, torch::cat(kernels, 1)), 1e-5);
  const auto scored = exported.get_method("score")({search, kernel}).toTuple();
  EXPECT_LE(max_abs_diff(scored->elements()[0].toTensor(), expected.fused_logits), 1e-4);
}

TEST(TorchScriptExport, AttributesDescribeTheExport) {
  auto model = spot::model::load_model_file(default_weights());
  const ExportOptions o = small_sizes();
  torch::jit::Module m = spot::model::export_torchscript(model, o);
  EXPECT_EQ(m.attr("search_width").toInt(), o.search_width);
  EXPECT_EQ(m.attr("search_height").toInt(), o.search_height);
  EXPECT_EQ(m.attr("template_size").toInt(), o.template_size);
  const auto& config = model->config();
  EXPECT_EQ(m.attr("levels").toIntVector(),
            std::vector<int64_t>(config.levels.begin(), config.levels.end()));
  EXPECT_EQ(m.attr("level_channels").toIntVector().size(), config.levels.size());
  EXPECT_GT(m.attr("fused_stride").toDouble(), 0.0);
  // Every parameter of the network is an attribute of the module (so it can be fine-tuned).
  EXPECT_EQ(m.parameters().size(), model->parameters().size());
}

TEST(TorchScriptExport, OtherInputSizesRaiseAnErrorNamingTheTracedOnes) {
  auto model = spot::model::load_model_file(default_weights());
  const ExportOptions o = small_sizes();
  torch::jit::Module m = spot::model::export_torchscript(model, o);
  const auto templ = torch::rand({1, 3, o.template_size, o.template_size});
  const auto box = torch::tensor({{10.0f, 10.0f, 20.0f, 20.0f}});
  try {
    m.forward({torch::rand({1, 3, 100, 100}), templ, box});
    ADD_FAILURE() << "expected an error";
  } catch (const std::exception& e) {  // torch::jit::JITException, not c10::Error
    spot::test::expect_contains(e.what(), {"search must be [1, 3, 112, 192]"});
  }
  try {
    m.forward(
        {torch::rand({1, 3, o.search_height, o.search_width}), torch::rand({1, 3, 64, 64}), box});
    ADD_FAILURE() << "expected an error";
  } catch (const std::exception& e) {  // torch::jit::JITException, not c10::Error
    spot::test::expect_contains(e.what(), {"template must be [1, 3, 96, 96]"});
  }
}

TEST(TorchScriptExport, Errors) {
  spot::test::TempDir dir;
  ExportOptions tiny;
  tiny.search_width = 4;
  spot::test::expect_contains(
      spot::test::error_of(
          [&] { spot::model::export_model_file(default_weights(), dir.path() / "m.pt", tiny); }),
      {"search width = 4"});
  spot::test::expect_contains(
      spot::test::error_of(
          [&] { spot::model::export_model_file(dir.path() / "none.pt", dir.path() / "m.pt"); }),
      {"none.pt"});
  EXPECT_FALSE(fs::exists(dir.path() / "m.pt"));
}

}  // namespace
