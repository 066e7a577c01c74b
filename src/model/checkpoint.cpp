// Atomic, self-describing checkpoints.
#include "spot/model/checkpoint.hpp"

#include <csignal>
#include <cstring>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "spot/error.hpp"

namespace spot::model {
namespace fs = std::filesystem;

namespace {

torch::Tensor string_tensor(const std::string& s) {
  auto t = torch::empty({static_cast<int64_t>(s.size())}, torch::kUInt8);
  std::memcpy(t.data_ptr(), s.data(), s.size());
  return t;
}

std::string tensor_string(const torch::Tensor& t) {
  const auto c = t.contiguous().to(torch::kUInt8);
  return std::string(reinterpret_cast<const char*>(c.data_ptr()), static_cast<size_t>(c.numel()));
}

torch::serialize::InputArchive open_archive(const fs::path& path) {
  if (!fs::is_regular_file(path)) throw Error("checkpoint not found", path.string());
  torch::serialize::InputArchive ar;
  try {
    ar.load_from(path.string());
  } catch (const c10::Error& e) {
    throw Error("not a readable checkpoint (corrupt or truncated file?)", path.string());
  }
  return ar;
}

nlohmann::json meta_of(torch::serialize::InputArchive& ar, const fs::path& path) {
  torch::Tensor t;
  try {
    ar.read("meta", t);
  } catch (const c10::Error&) {
    throw Error("not a SPOT checkpoint (no meta block)", path.string());
  }
  nlohmann::json meta;
  try {
    meta = nlohmann::json::parse(tensor_string(t));
  } catch (const nlohmann::json::exception&) {
    throw Error("checkpoint meta block is not valid JSON", path.string());
  }
  if (meta.value("format", "") != kCheckpointFormat) {
    throw Error(fmt::format("unsupported checkpoint format '{}' (expected {})", meta.value("format", ""),
                            kCheckpointFormat),
                path.string());
  }
  return meta;
}

// Module::load would call Tensor::set_ and silently take a tensor of another shape; this copies
// into the model's own tensors after checking every name and shape.
void load_strict(torch::nn::Module& module, torch::serialize::InputArchive& ar, const std::string& prefix,
                 const fs::path& path) {
  torch::NoGradGuard no_grad;
  auto copy_in = [&](const std::string& name, torch::Tensor& dst, bool is_buffer) {
    torch::Tensor src;
    try {
      ar.read(name, src, is_buffer);
    } catch (const c10::Error&) {
      throw Error(fmt::format("checkpoint does not match the model: no tensor '{}{}'", prefix, name), path.string());
    }
    if (src.sizes() != dst.sizes()) {
      throw Error(fmt::format("checkpoint does not match the model: '{}{}' has shape {} in the file, {} in the model",
                              prefix, name, fmt::join(src.sizes(), "x"), fmt::join(dst.sizes(), "x")),
                  path.string());
    }
    dst.copy_(src);
  };
  for (auto& p : module.named_parameters(/*recurse=*/false)) copy_in(p.key(), p.value(), false);
  for (auto& b : module.named_buffers(/*recurse=*/false)) copy_in(b.key(), b.value(), true);
  for (auto& child : module.named_children()) {
    // Module::save skips children without tensors (activations, pooling), so must we.
    if (child.value()->parameters().empty() && child.value()->buffers().empty()) continue;
    torch::serialize::InputArchive child_ar;
    try {
      ar.read(child.key(), child_ar);
    } catch (const c10::Error&) {
      throw Error(fmt::format("checkpoint does not match the model: no module '{}{}'", prefix, child.key()),
                  path.string());
    }
    load_strict(*child.value(), child_ar, prefix + child.key() + ".", path);
  }
}

}  // namespace

void save_checkpoint(const fs::path& path, torch::nn::Module& model, torch::optim::Optimizer* optimizer,
                     nlohmann::json meta) {
  meta["format"] = kCheckpointFormat;
  torch::serialize::OutputArchive ar, model_ar;
  model.save(model_ar);
  ar.write("model", model_ar);
  if (optimizer) {
    torch::serialize::OutputArchive opt_ar;
    optimizer->save(opt_ar);
    ar.write("optimizer", opt_ar);
  }
  ar.write("meta", string_tensor(meta.dump()));
  const fs::path tmp = path.string() + ".tmp";
  std::ostringstream bytes;
  try {
    ar.save_to(bytes);
  } catch (const c10::Error& e) {
    throw Error(std::string("cannot serialise checkpoint: ") + e.what_without_backtrace(), path.string());
  }
  const std::string data = bytes.str();
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw Error("cannot write checkpoint", tmp.string());
    const char* fault = std::getenv("SPOT_FAULT_KILL_IN_CHECKPOINT");
    if (fault && meta.contains("step") && std::to_string(meta["step"].get<long>()) == fault) {
      out.write(data.data(), static_cast<std::streamsize>(data.size() / 2));
      out.flush();
      std::raise(SIGKILL);  // as a power cut or OOM kill would
    }
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    out.flush();
    if (!out) throw Error("write error (disk full?)", tmp.string());
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) throw Error("cannot move checkpoint into place: " + ec.message(), path.string());
}

nlohmann::json read_checkpoint_meta(const fs::path& path) {
  auto ar = open_archive(path);
  return meta_of(ar, path);
}

nlohmann::json load_checkpoint(const fs::path& path, torch::nn::Module& model, torch::optim::Optimizer* optimizer) {
  auto ar = open_archive(path);
  nlohmann::json meta = meta_of(ar, path);
  torch::serialize::InputArchive model_ar;
  try {
    ar.read("model", model_ar);
  } catch (const c10::Error&) {
    throw Error("checkpoint holds no model weights", path.string());
  }
  load_strict(model, model_ar, "", path);
  if (optimizer) {
    torch::serialize::InputArchive opt_ar;
    try {
      ar.read("optimizer", opt_ar);
      optimizer->load(opt_ar);
    } catch (const c10::Error& e) {
      throw Error(std::string("checkpoint has no usable optimizer state: ") + e.what_without_backtrace(),
                  path.string());
    }
  }
  return meta;
}

}  // namespace spot::model
