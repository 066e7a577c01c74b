// NanoTrackBackbone: the real weights reproduce the reference numbers of
// ../shared/weights/README.md (computed by the Python reference implementation), output sizes,
// tap semantics, weight-file errors and the weights-file search.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <torch/script.h>
#include <torch/torch.h>

#include "spot/error.hpp"
#include "spot/model/backbone.hpp"
#include "support/paths.hpp"

namespace {

using spot::model::NanoTrackBackbone;
using spot::model::NanoTrackBackboneImpl;

std::string repo_weights() {
  return std::string(SPOT_SOURCE_DIR) + "/weights/" + spot::model::kNanoTrackWeightsFile;
}

// x[0,c,y,x] = float((3x + 7y + 11c) % 256): [1, 3, h, w], raw 0..255 like a BGR image.
torch::Tensor reference_pattern(int64_t h, int64_t w) {
  const auto c = torch::arange(3, torch::kLong).view({3, 1, 1});
  const auto y = torch::arange(h, torch::kLong).view({1, h, 1});
  const auto x = torch::arange(w, torch::kLong).view({1, 1, w});
  return (3 * x + 7 * y + 11 * c).remainder(256).to(torch::kFloat).unsqueeze(0);
}

// One line of the README's reference table.
struct Reference {
  int stage;
  std::vector<int64_t> shape;
  double mean, std, sum_abs;
  std::vector<double> first5, at;  // at[k-1] = flat[numel * k / 6], k = 1..5
};

const std::vector<Reference>& references() {
  // clang-format off
  static const std::vector<Reference> refs = {
      {0, {1, 16, 112, 112}, 4.537072, 5.231384, 913183.375,
       {14.453579, 14.258029, 13.996825, 13.735622, 13.474419},
       {20.011831, -0.043078, 18.502703, 2.124417, 6.040168}},
      {1, {1, 16, 56, 56}, -0.195103, 6.268257, 186000.750,
       {-22.042688, -19.904417, -18.817995, -17.736340, -16.673130},
       {30.563858, -1.892414, -9.659589, 1.780817, -0.380345}},
      {2, {1, 24, 28, 28}, 0.958225, 6.887959, 87123.984,
       {3.086441, -1.118907, -1.148889, -0.870990, -0.479764},
       {2.234226, 1.610949, 1.061831, 3.278879, 1.190580}},
      {4, {1, 40, 14, 14}, -0.706676, 4.177488, 26049.627,
       {1.159764, 1.506270, -1.858182, -3.080086, -4.910640},
       {-4.991899, 4.353415, 4.234555, 1.583679, -4.170691}},
      {9, {1, 96, 14, 14}, 0.079677, 1.884440, 28093.152,
       {1.357104, -0.287518, -2.006803, -3.689773, -3.254553},
       {-0.146307, -1.333949, -0.453973, 3.499849, 3.065551}},
  };
  // clang-format on
  return refs;
}

// ~1e-4 relative (float summation order) plus 1e-3 absolute (the README prints 6 decimals).
void expect_close(double actual, double expected, const std::string& what) {
  EXPECT_NEAR(actual, expected, 1e-3 + 1e-4 * std::abs(expected)) << what;
}

NanoTrackBackbone pretrained() {
  NanoTrackBackbone net;
  net->load_pretrained(repo_weights());
  net->eval();
  return net;
}

// Writes `tensors` as a TorchScript archive shaped like the shipped file: nested modules whose
// parameter names are the dotted names (".running_*" / ".num_batches_tracked" as buffers).
void write_archive(const std::filesystem::path& file,
                   const std::map<std::string, torch::Tensor>& tensors) {
  auto cu = std::make_shared<torch::jit::CompilationUnit>();
  int classes = 0;
  auto new_module = [&]() {
    return torch::jit::Module("__torch__.spot_test.M" + std::to_string(classes++), cu);
  };
  // A child is registered when first seen; register_module stores the object itself, so tensors
  // added to it afterwards are saved too.
  std::map<std::string, torch::jit::Module> modules;
  modules.emplace("", new_module());
  for (const auto& [name, t] : tensors) {
    std::string prefix;
    size_t start = 0;
    for (size_t dot = name.find('.'); dot != std::string::npos; dot = name.find('.', start)) {
      const std::string child = name.substr(0, dot);
      if (!modules.count(child)) {
        modules.emplace(child, new_module());
        modules.at(prefix).register_module(name.substr(start, dot - start), modules.at(child));
      }
      prefix = child;
      start = dot + 1;
    }
    const std::string leaf = name.substr(start);
    const bool buffer = leaf.rfind("running_", 0) == 0 || leaf == "num_batches_tracked";
    modules.at(prefix).register_parameter(leaf, t.detach().clone(), buffer);
  }
  modules.at("").save(file.string());
}

std::map<std::string, torch::Tensor> own_tensors(NanoTrackBackbone& net) {
  std::map<std::string, torch::Tensor> out;
  for (const auto& p : net->named_parameters()) out[p.key()] = p.value();
  for (const auto& b : net->named_buffers()) out[b.key()] = b.value();
  return out;
}

// Runs `fn`, expecting a spot::Error whose what() mentions every string in `needles`.
template <typename Fn>
void expect_error(Fn fn, const std::vector<std::string>& needles) {
  try {
    fn();
    ADD_FAILURE() << "expected spot::Error";
  } catch (const spot::Error& e) {
    for (const auto& n : needles)
      EXPECT_NE(std::string(e.what()).find(n), std::string::npos)
          << "'" << e.what() << "' should mention '" << n << "'";
  }
}

TEST(NanoTrackBackbone, MatchesReferenceOutputs) {
  torch::NoGradGuard no_grad;
  auto net = pretrained();
  std::vector<int> taps;
  for (const auto& r : references()) taps.push_back(r.stage);
  const auto outs = net->forward(reference_pattern(224, 224), taps);
  ASSERT_EQ(outs.size(), references().size());
  for (size_t i = 0; i < outs.size(); ++i) {
    const auto& r = references()[i];
    const std::string tag = "features." + std::to_string(r.stage);
    const auto& out = outs[i];
    ASSERT_EQ(out.sizes().vec(), r.shape) << tag;
    const auto flat = out.flatten().to(torch::kDouble);
    expect_close(flat.mean().item<double>(), r.mean, tag + " mean");
    expect_close(flat.std().item<double>(), r.std, tag + " std");
    expect_close(flat.abs().sum().item<double>(), r.sum_abs, tag + " sum|x|");
    for (int64_t k = 0; k < 5; ++k) {
      expect_close(flat[k].item<double>(), r.first5[static_cast<size_t>(k)],
                   tag + " first5[" + std::to_string(k) + "]");
      const int64_t idx = flat.numel() * (k + 1) / 6;
      expect_close(flat[idx].item<double>(), r.at[static_cast<size_t>(k)],
                   tag + " at[" + std::to_string(idx) + "]");
    }
  }
}

TEST(NanoTrackBackbone, TensorNamesAndParameterCount) {
  NanoTrackBackbone net;
  int64_t learnable = 0;
  for (const auto& p : net->parameters()) learnable += p.numel();
  EXPECT_EQ(learnable, 282368);
  EXPECT_EQ(net->named_parameters().size() + net->named_buffers().size(), 190u);
  // Spot checks of the naming scheme (the full set is checked by load_pretrained being strict).
  const auto params = net->named_parameters();
  EXPECT_NE(params.find("features.0.0.weight"), nullptr);
  EXPECT_NE(params.find("features.1.conv.3.fc.0.weight"), nullptr);
  EXPECT_NE(params.find("features.9.conv.5.fc.2.bias"), nullptr);
  EXPECT_NE(net->named_buffers().find("features.9.conv.8.running_var"), nullptr);
  EXPECT_EQ(params["features.4.conv.3.weight"].sizes().vec(), (std::vector<int64_t>{96, 1, 5, 5}));
}

TEST(NanoTrackBackbone, OutputSizesAt360x640) {
  torch::NoGradGuard no_grad;
  NanoTrackBackbone net;  // sizes do not depend on the weights
  net->eval();
  const auto outs = net->forward(torch::zeros({1, 3, 360, 640}), {1, 3, 9});
  ASSERT_EQ(outs.size(), 3u);
  EXPECT_EQ(outs[0].sizes().vec(), (std::vector<int64_t>{1, 16, 90, 160}));
  EXPECT_EQ(outs[1].sizes().vec(), (std::vector<int64_t>{1, 24, 45, 80}));
  EXPECT_EQ(outs[2].sizes().vec(), (std::vector<int64_t>{1, 96, 23, 40}));
  // The static helpers agree with the network for every stage, including odd sizes.
  const auto all = net->forward(torch::zeros({2, 3, 37, 61}), {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  for (int s = 0; s < NanoTrackBackboneImpl::kNumStages; ++s) {
    const auto& o = all[static_cast<size_t>(s)];
    EXPECT_EQ(o.sizes().vec(),
              (std::vector<int64_t>{2, NanoTrackBackboneImpl::stage_channels(s),
                                    NanoTrackBackboneImpl::stage_output_size(s, 37),
                                    NanoTrackBackboneImpl::stage_output_size(s, 61)}))
        << "stage " << s;
  }
  EXPECT_EQ(NanoTrackBackboneImpl::stage_stride(1), 4);
  EXPECT_EQ(NanoTrackBackboneImpl::stage_stride(3), 8);
  EXPECT_EQ(NanoTrackBackboneImpl::stage_stride(9), 16);
  EXPECT_EQ(NanoTrackBackboneImpl::stage_output_size(9, 360), 23);
  EXPECT_THROW(NanoTrackBackboneImpl::stage_channels(10), spot::Error);
  EXPECT_THROW(NanoTrackBackboneImpl::stage_stride(-1), spot::Error);
}

TEST(NanoTrackBackbone, TapsComeInRequestedOrder) {
  torch::NoGradGuard no_grad;
  auto net = pretrained();
  const auto x = reference_pattern(64, 96);
  const auto ref = net->forward(x, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  const auto some = net->forward(x, {9, 1, 3, 1});
  ASSERT_EQ(some.size(), 4u);
  EXPECT_TRUE(torch::equal(some[0], ref[9]));
  EXPECT_TRUE(torch::equal(some[1], ref[1]));
  EXPECT_TRUE(torch::equal(some[2], ref[3]));
  EXPECT_TRUE(torch::equal(some[3], ref[1]));
  const auto shallow = net->forward(x, {2});
  ASSERT_EQ(shallow.size(), 1u);
  EXPECT_TRUE(torch::equal(shallow[0], ref[2]));
}

TEST(NanoTrackBackbone, RejectsBadArguments) {
  NanoTrackBackbone net;
  const auto x = torch::zeros({1, 3, 32, 32});
  EXPECT_THROW(net->forward(x, {}), spot::Error);
  EXPECT_THROW(net->forward(x, {10}), spot::Error);
  EXPECT_THROW(net->forward(x, {1, -1}), spot::Error);
  EXPECT_THROW(net->forward(torch::zeros({1, 1, 32, 32}), {1}), spot::Error);
  EXPECT_THROW(net->forward(torch::zeros({3, 32, 32}), {1}), spot::Error);
  EXPECT_THROW(net->forward(torch::zeros({1, 3, 32, 32}, torch::kByte), {1}), spot::Error);
}

TEST(NanoTrackBackbone, LoadErrorsNameTheFileAndLeaveTheModuleUnchanged) {
  spot::test::TempDir dir;
  NanoTrackBackbone net;
  const auto before = net->named_parameters()["features.0.0.weight"].clone();

  const auto missing_file = (dir.path() / "nope.pt").string();
  expect_error([&] { net->load_pretrained(missing_file); }, {missing_file, "no such file"});

  const auto garbage = (dir.path() / "garbage.pt").string();
  std::ofstream(garbage, std::ios::binary) << "this is not a zip archive\n";
  expect_error([&] { net->load_pretrained(garbage); }, {garbage, "TorchScript"});

  // A well-formed archive of this module's own tensors loads (checks the writer below).
  const auto good = (dir.path() / "good.pt").string();
  auto tensors = own_tensors(net);
  write_archive(good, tensors);
  EXPECT_NO_THROW(net->load_pretrained(good));

  auto wrong_shape = tensors;
  wrong_shape["features.9.conv.7.weight"] = torch::zeros({96, 144, 1, 1});
  const auto wrong_shape_file = (dir.path() / "wrong_shape.pt").string();
  write_archive(wrong_shape_file, wrong_shape);
  expect_error(
      [&] { net->load_pretrained(wrong_shape_file); },
      {wrong_shape_file, "features.9.conv.7.weight", "[96, 144, 1, 1]", "[96, 288, 1, 1]"});

  auto missing = tensors;
  missing.erase("features.3.conv.4.running_var");
  const auto missing_tensor_file = (dir.path() / "missing_tensor.pt").string();
  write_archive(missing_tensor_file, missing);
  expect_error([&] { net->load_pretrained(missing_tensor_file); },
               {missing_tensor_file, "missing", "features.3.conv.4.running_var"});

  auto extra = tensors;
  extra["features.10.conv.0.weight"] = torch::zeros({4});
  const auto extra_file = (dir.path() / "extra.pt").string();
  write_archive(extra_file, extra);
  expect_error([&] { net->load_pretrained(extra_file); },
               {extra_file, "unexpected", "features.10.conv.0.weight"});

  // The shipped weights differ from the random init; a failed load must not have copied them in.
  auto poisoned = tensors;
  poisoned["features.0.0.weight"] = torch::full({16, 3, 3, 3}, 7.0);
  poisoned.erase("features.9.conv.8.bias");
  const auto poisoned_file = (dir.path() / "poisoned.pt").string();
  write_archive(poisoned_file, poisoned);
  EXPECT_THROW(net->load_pretrained(poisoned_file), spot::Error);
  EXPECT_TRUE(torch::equal(net->named_parameters()["features.0.0.weight"], before));
}

// Sets an environment variable for the scope, restoring the old value afterwards.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(FindBackboneWeights, SearchOrder) {
  using spot::model::find_backbone_weights;
  spot::test::TempDir dir;
  // An explicit path wins, and a missing explicit path is an error (no silent fallback).
  EXPECT_EQ(find_backbone_weights(repo_weights()), repo_weights());
  const auto typo = (dir.path() / "typo.pt").string();
  expect_error([&] { find_backbone_weights(typo); }, {typo});

  // $SPOT_WEIGHTS_DIR comes before the places beside the executable.
  const auto in_env = dir.path() / spot::model::kNanoTrackWeightsFile;
  std::ofstream(in_env.string()) << "x";
  {
    ScopedEnv env("SPOT_WEIGHTS_DIR", dir.path().string());
    EXPECT_EQ(find_backbone_weights(), in_env.lexically_normal().string());
  }
  // Without it, this test binary (build/tests/test_model) finds the repo's weights/.
  {
    ScopedEnv env("SPOT_WEIGHTS_DIR", (dir.path() / "empty").string());
    const auto found = find_backbone_weights();
    EXPECT_TRUE(std::filesystem::equivalent(found, repo_weights())) << found;
  }
}

}  // namespace
