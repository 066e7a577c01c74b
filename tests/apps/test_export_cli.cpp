// `spot export` end to end: writes a TorchScript file torch::jit::load reads, traced at the given
// sizes; missing weights or a missing --out are one error line.
#include <gtest/gtest.h>
#include <torch/script.h>

#include <filesystem>
#include <string>

#include "support/paths.hpp"
#include "support/run_spot.hpp"

namespace fs = std::filesystem;

namespace {

using spot::test::run_spot;

TEST(ExportCli, WritesALoadableTorchScriptModule) {
  spot::test::TempDir d;
  const fs::path out = d.path() / "model.pt";
  const auto o = run_spot("export --out " + out.string() + " --width 160 --height 96");
  ASSERT_EQ(o.exit_code, 0) << o.output;
  EXPECT_NE(o.output.find("ONNX: not available"), std::string::npos) << o.output;
  torch::jit::Module m = torch::jit::load(out.string());
  EXPECT_EQ(m.attr("search_width").toInt(), 160);
  EXPECT_EQ(m.attr("search_height").toInt(), 96);
  EXPECT_EQ(m.attr("template_size").toInt(), 128);
  torch::NoGradGuard no_grad;
  const auto result =
      m.forward({torch::rand({1, 3, 96, 160}) * 255, torch::rand({1, 3, 128, 128}) * 255,
                 torch::tensor({{40.0f, 40.0f, 30.0f, 20.0f}})})
          .toTuple();
  const auto logits = result->elements()[0].toTensor();
  EXPECT_EQ(logits.size(0), 1);
  EXPECT_EQ(logits.size(1), 1);
  EXPECT_TRUE(torch::isfinite(logits).all().item<bool>());
}

TEST(ExportCli, ErrorsAreOneLine) {
  spot::test::TempDir d;
  auto o = run_spot("export --weights " + (d.path() / "missing.pt").string() + " --out " +
                    (d.path() / "m.pt").string());
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_EQ(o.output.rfind("spot: error: ", 0), 0u) << o.output;
  EXPECT_NE(o.output.find("missing.pt"), std::string::npos) << o.output;
  o = run_spot("export");
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_NE(o.output.find("--out is required"), std::string::npos) << o.output;
  EXPECT_FALSE(fs::exists(d.path() / "m.pt"));
}

}  // namespace
