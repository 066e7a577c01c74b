// Atomic, self-describing checkpoints.
#include "spot/model/checkpoint.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "spot/error.hpp"
#include "spot/model/zip_integrity.hpp"

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
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open checkpoint", path.string());
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // LibTorch checks no CRC; a corrupt entry can crash its TorchScript importer (zip_integrity.hpp).
  check_zip_integrity(bytes, path.string());
  torch::serialize::InputArchive ar;
  // Not only c10::Error: the archive is a TorchScript module, and a corrupt one can fail in the
  // TorchScript importer with a torch::jit::ErrorReport (found by fuzz/fuzz_checkpoint).
  try {
    std::istringstream stream(bytes);
    ar.load_from(stream);
  } catch (const std::exception&) {
    throw Error("not a readable checkpoint (corrupt or truncated file?)", path.string());
  }
  return ar;
}

nlohmann::json meta_of(torch::serialize::InputArchive& ar, const fs::path& path) {
  torch::Tensor t;
  try {
    ar.read("meta", t);
  } catch (const std::exception&) {
    throw Error("not a SPOT checkpoint (no meta block)", path.string());
  }
  nlohmann::json meta;
  try {
    meta = nlohmann::json::parse(tensor_string(t));
  } catch (const nlohmann::json::exception&) {
    throw Error("checkpoint meta block is not valid JSON", path.string());
  } catch (const c10::Error&) {  // a "meta" tensor LibTorch cannot convert to bytes
    throw Error("checkpoint meta block is not a byte tensor", path.string());
  }
  // Every reader indexes meta by key: valid JSON that is not an object ("1", "[]") must stop here,
  // not as a nlohmann type_error further on (found by fuzz/fuzz_checkpoint).
  if (!meta.is_object()) throw Error("checkpoint meta block is not a JSON object", path.string());
  const auto format = meta.find("format");
  if (format == meta.end() || !format->is_string() || *format != kCheckpointFormat) {
    throw Error(fmt::format("unsupported checkpoint format {} (expected \"{}\")",
                            format == meta.end() ? "(none)" : format->dump(), kCheckpointFormat),
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
    } catch (const std::exception&) {
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
    } catch (const std::exception&) {
      throw Error(fmt::format("checkpoint does not match the model: no module '{}{}'", prefix, child.key()),
                  path.string());
    }
    load_strict(*child.value(), child_ar, prefix + child.key() + ".", path);
  }
}

// Writes `data` to <path>.tmp, fsyncs it and renames it over `path`, so `path` always holds either
// the previous complete file or the new complete one (process kill, power cut, full disk). On a
// write error the partial temporary file is removed: a full disk must not stay full because of us.
// `kill_midway` (the SPOT_FAULT_KILL_IN_CHECKPOINT test hook) writes half the file and kills us.
void write_file_durably(const fs::path& path, const std::string& data, bool kill_midway) {
  const fs::path tmp = path.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw Error(std::string("cannot write checkpoint: ") + std::strerror(errno), tmp.string());
  auto fail = [&](const char* what, bool still_open = true) {
    const int err = errno;
    if (still_open) ::close(fd);
    std::error_code ignored;
    fs::remove(tmp, ignored);
    throw Error(fmt::format("{}: {}; the previous checkpoint is kept", what, std::strerror(err)),
                tmp.string());
  };
  const size_t limit = kill_midway ? data.size() / 2 : data.size();
  size_t done = 0;
  while (done < limit) {
    const ssize_t n = ::write(fd, data.data() + done, limit - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("cannot write checkpoint");
    done += static_cast<size_t>(n);
  }
  if (kill_midway) std::raise(SIGKILL);  // as a power cut or OOM kill would, half-way through
  if (::fsync(fd) != 0) fail("cannot flush checkpoint to disk");
  if (::close(fd) != 0) fail("cannot write checkpoint", /*still_open=*/false);
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) throw Error("cannot move checkpoint into place: " + ec.message(), path.string());
  // The rename itself must reach the disk too; failing to sync the folder is not worth an error.
  const int dir = ::open(path.has_parent_path() ? path.parent_path().c_str() : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
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
  std::ostringstream bytes;
  try {
    ar.save_to(bytes);
  } catch (const c10::Error& e) {
    throw Error(std::string("cannot serialise checkpoint: ") + e.what_without_backtrace(), path.string());
  }
  const char* fault = std::getenv("SPOT_FAULT_KILL_IN_CHECKPOINT");
  const bool kill_midway = fault && meta.contains("step") && std::to_string(meta["step"].get<long>()) == fault;
  write_file_durably(path, bytes.str(), kill_midway);
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
  } catch (const std::exception&) {
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
