// Fuzz target: the checkpoint / model-file loader (model::read_checkpoint_meta, load_checkpoint,
// model_config_from_meta as load_model_file uses them, track::stored_presence_threshold).
// Byte 0 picks the mode:
// - even: the rest is the file itself (a LibTorch zip archive), so the archive reader sees
//   truncated, corrupt and foreign files;
// - odd: the rest is the text of the meta block, packed by this target into a well-formed archive
//   (with a one-tensor "model" when bit 1 is set), so that mutations reach the JSON and config
//   handling behind the archive's checksums.
// The model is a one-tensor module, not a SpotModel: building a SpotModel from a fuzzed config
// costs far more than parsing and would only exercise the network's constructors. Contract
// checked on success: a presence threshold in [0, 1], a model config that validates.
// Seeds: setting SPOT_FUZZ_KEEP_CHECKPOINT=<file> makes an odd-mode input also copy the archive it
// built to <file> (that is how corpus/checkpoint/archive-* were made from the meta-* seeds).
#include <torch/torch.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>

#include "fuzz_support.hpp"
#include "spot/error.hpp"
#include "spot/model/checkpoint.hpp"
#include "spot/model/model_file.hpp"
#include "spot/track/spot_tracker.hpp"

namespace {

struct TinyImpl : torch::nn::Module {
  TinyImpl() { weight = register_parameter("weight", torch::zeros({2})); }
  torch::Tensor weight;
};
TORCH_MODULE(Tiny);

void write_meta_archive(const std::filesystem::path& file, const std::string& meta, bool model) {
  torch::serialize::OutputArchive ar;
  if (model) {
    torch::serialize::OutputArchive model_ar;
    Tiny tiny;
    tiny->save(model_ar);
    ar.write("model", model_ar);
  }
  auto t = torch::empty({static_cast<int64_t>(meta.size())}, torch::kUInt8);
  if (!meta.empty()) std::memcpy(t.data_ptr(), meta.data(), meta.size());
  ar.write("meta", t);
  ar.save_to(file.string());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::filesystem::path file = spot::fuzz::scratch_dir() / "checkpoint.pt";
  const std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] & 1) {
    write_meta_archive(file, rest, data[0] & 2);
    if (const char* keep = std::getenv("SPOT_FUZZ_KEEP_CHECKPOINT")) {
      std::filesystem::copy_file(file, keep, std::filesystem::copy_options::overwrite_existing);
    }
  } else {
    spot::fuzz::write_file(file, rest);
  }
  try {
    const nlohmann::json meta = spot::model::read_checkpoint_meta(file);
    try {
      spot::model::model_config_from_meta(meta, file.string()).validate("round trip");
      spot::fuzz::accepted("model config");
    } catch (const spot::Error& e) {
      spot::fuzz::rejected(e);
    }
    try {
      const double threshold = spot::track::stored_presence_threshold(file.string());
      SPOT_FUZZ_CHECK(threshold >= 0 && threshold <= 1);
      spot::fuzz::accepted("presence threshold");
    } catch (const spot::Error& e) {
      spot::fuzz::rejected(e);
    }
    Tiny tiny;
    spot::model::load_checkpoint(file, *tiny, nullptr);
    spot::fuzz::accepted("checkpoint");
  } catch (const spot::Error& e) {
    spot::fuzz::rejected(e);
  }
  return 0;
}
