// Checkpoint meta blocks that are valid JSON but not what SPOT writes: each must be a spot::Error
// naming the file, never a nlohmann exception or undefined behaviour. The cases mirror the inputs
// kept in fuzz/regressions/checkpoint/.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

#include "spot/model/checkpoint.hpp"
#include "spot/model/model_file.hpp"
#include "support/errors.hpp"
#include "support/paths.hpp"

namespace spot::model {
namespace {

using test::error_of;
using test::expect_contains;

// A LibTorch archive holding only a "meta" byte tensor with `text`, as save_checkpoint writes it.
void write_meta_only(const std::filesystem::path& file, const std::string& text) {
  auto t = torch::empty({static_cast<int64_t>(text.size())}, torch::kUInt8);
  std::memcpy(t.data_ptr(), text.data(), text.size());
  torch::serialize::OutputArchive ar;
  ar.write("meta", t);
  ar.save_to(file.string());
}

std::string meta_error(const std::string& text) {
  test::TempDir tmp;
  const auto file = tmp.path() / "model.pt";
  write_meta_only(file, text);
  return error_of([&] { read_checkpoint_meta(file); });
}

TEST(CheckpointMeta, NotAnObjectOrNoFormatStringIsAnError) {
  expect_contains(meta_error("1"), {"model.pt", "not a JSON object"});
  expect_contains(meta_error("[1, 2]"), {"model.pt", "not a JSON object"});
  expect_contains(meta_error(R"({"format": 1})"), {"model.pt", "unsupported checkpoint format 1"});
  expect_contains(meta_error(R"({"step": 3})"), {"unsupported checkpoint format (none)"});
  expect_contains(meta_error("{"), {"model.pt", "not valid JSON"});
}

// fuzz/regressions/checkpoint/torchscript-*: LibTorch checks no CRC, and a corrupt TorchScript
// entry crashed its importer (SEGV) or threw a torch::jit::ErrorReport past the c10::Error handler.
TEST(CheckpointMeta, CorruptEntryIsRejectedBeforeLibTorchReadsIt) {
  test::TempDir tmp;
  const auto file = tmp.path() / "model.pt";
  write_meta_only(file, R"({"format": "spot-checkpoint-1", "step": 1})");
  EXPECT_EQ(read_checkpoint_meta(file).at("step"), 1);
  std::string bytes;
  {
    std::ifstream in(file, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const std::size_t at = bytes.find("spot-checkpoint-1");
  ASSERT_NE(at, std::string::npos);
  bytes[at] = 'S';  // one flipped byte inside the stored meta entry
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
  expect_contains(error_of([&] { read_checkpoint_meta(file); }), {"model.pt", "CRC-32"});
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() / 2);
  expect_contains(error_of([&] { read_checkpoint_meta(file); }),
                  {"model.pt", "not a readable checkpoint"});
}

// The shipped weights hold deflated entries too: the check must inflate them, not refuse them.
TEST(CheckpointMeta, ShippedWeightsPassTheIntegrityCheck) {
  const auto weights = std::filesystem::path(SPOT_SOURCE_DIR) / "weights" / "spot_default.pt";
  if (!std::filesystem::exists(weights)) GTEST_SKIP() << "no " << weights;
  EXPECT_EQ(read_checkpoint_meta(weights).value("format", ""), kCheckpointFormat);
}

TEST(CheckpointMeta, ModelConfigValuesMustFitTheirFields) {
  auto config_error = [](const char* model) {
    const auto meta = nlohmann::json::parse(
        std::string(R"({"format": "spot-checkpoint-1", "config": {"model": )") + model + "}}");
    return error_of([&] { model_config_from_meta(meta, "model.pt"); });
  };
  expect_contains(config_error(R"({"template_grid": 1e300})"),
                  {"model.pt", "'template_grid'", "integer"});
  expect_contains(config_error(R"({"template_grid": 4.5})"), {"'template_grid'", "integer"});
  expect_contains(config_error("[1, 2]"), {"model.pt", "JSON object"});
  const auto ok = nlohmann::json::parse(
      R"({"format": "spot-checkpoint-1", "config": {"model": {"levels": [1, 3, 9], "template_grid": 4}}})");
  const ModelConfig c = model_config_from_meta(ok, "model.pt");
  EXPECT_EQ(c.template_grid, 4);
  EXPECT_FALSE(c.pretrained);
}

}  // namespace
}  // namespace spot::model
