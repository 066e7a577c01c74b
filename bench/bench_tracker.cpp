// Tracker speed, SPOT and OpenCV baselines side by side in one run: update() on 640x360 and
// 1280x720 frames of a textured clip with a moving target, and SPOT's network step alone (one
// full-frame forward of the default model prepared for inference, score maps of every level, the box
// head at one point), as the tracker runs it (1 intra-op thread, the shallow level heads concurrent
// with the backbone) and with 1 and 2 plain threads. SPOT variants: the defaults (offline network +
// online target model + candidate association + template refinement), `spot-norefine` (the
// defaults without the template refinement), `spot-2threads` (the defaults with 2 intra-op threads
// and no concurrent heads: the defaults before 2026-11-26) and the offline network only, so each
// part's cost is a difference. `TemplateRefiner` times the refinement alone per target size.
//   ./build/bench/bench_tracker --benchmark_min_time=3
// The OpenMP wait policy matters a lot on 2 cores (docs/BENCHMARKS.md): run it with
// OMP_WAIT_POLICY=PASSIVE (the `spot` CLI's default) and with GOMP_SPINCOUNT=10000.
// KCF and MOSSE give up on a target they lose and then return at once: their figure is the speed
// of a tracker that may have stopped tracking.
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include <benchmark/benchmark.h>
#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

#include "spot/baselines/opencv_trackers.hpp"
#include "spot/error.hpp"
#include "spot/model/image_tensor.hpp"
#include "spot/model/model_file.hpp"
#include "spot/track/spot_tracker.hpp"
#include "spot/track/template_refiner.hpp"
#include "spot/util/blas_threads.hpp"
#include "spot/util/heap_reuse.hpp"

namespace {

using spot::geometry::Box;

// 24 frames: a 24x24 checkerboard target moving diagonally over a blurred noise background.
std::vector<cv::Mat> clip(int width, int height, Box* init) {
  cv::Mat bg(height, width, CV_8UC3);
  cv::RNG rng(11);
  rng.fill(bg, cv::RNG::UNIFORM, 40, 160);
  cv::GaussianBlur(bg, bg, {0, 0}, 2.0);
  std::vector<cv::Mat> frames;
  for (int t = 0; t < 24; ++t) {
    cv::Mat f = bg.clone();
    const int x = width / 4 + 4 * t, y = height / 4 + 2 * t;
    for (int r = 0; r < 24; ++r)
      for (int c = 0; c < 24; ++c)
        f.at<cv::Vec3b>(y + r, x + c) = ((r / 6 + c / 6) % 2) ? cv::Vec3b(240, 240, 30) : cv::Vec3b(20, 20, 210);
    if (t == 0) *init = Box{double(x), double(y), 24, 24};
    frames.push_back(f);
  }
  return frames;
}

std::unique_ptr<spot::track::Tracker> make(const std::string& name) {
  if (name.rfind("spot", 0) == 0) {
    spot::track::SpotTrackerConfig c;  // "spot": the defaults (1 thread + concurrent level heads)
    c.online.enabled = name != "spot-offline";
    c.association.enabled = name != "spot-offline";
    c.refine.enabled = name != "spot-offline" && name != "spot-norefine";
    if (name == "spot-2threads") {  // the defaults before 2026-11-26: 2 intra-op threads, one after another
      c.threads = 2;
      c.concurrent_levels = false;
    }
    return std::make_unique<spot::track::SpotTracker>(c);
  }
  return spot::baselines::make_baseline(name);
}

void update_benchmark(benchmark::State& state, const std::string& name, int width, int height) {
  Box init;
  const auto frames = clip(width, height, &init);
  std::unique_ptr<spot::track::Tracker> tracker;
  try {
    tracker = make(name);
  } catch (const spot::Error& e) {
    state.SkipWithError(e.what());
    return;
  }
  tracker->init(frames[0], init);
  size_t t = 1;
  for (auto _ : state) {
    if (t == frames.size()) {  // restart the clip (re-init outside the timed region)
      state.PauseTiming();
      tracker->init(frames[0], init);
      t = 1;
      state.ResumeTiming();
    }
    benchmark::DoNotOptimize(tracker->update(frames[t++]));
  }
  state.counters["frames/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void network_benchmark(benchmark::State& state, int width, int height, int threads, bool concurrent) {
  torch::NoGradGuard no_grad;
  torch::set_num_threads(threads);
  spot::model::SpotModel model{nullptr};
  try {
    model = spot::model::load_model_file(spot::track::find_spot_weights());
  } catch (const spot::Error& e) {
    state.SkipWithError(e.what());
    return;
  }
  model->prepare_for_inference();
  model->set_concurrent_levels(concurrent);
  spot::util::single_threaded_blas();  // as the tracker does
  spot::util::keep_freed_memory_in_heap();
  Box init;
  const auto frames = clip(width, height, &init);
  const cv::Mat& f = frames[1];
  const auto image = spot::model::bgr_image_tensor(f.data, f.rows, f.cols, f.step).unsqueeze(0);
  const auto kernels = model->encode_template(torch::rand({1, 3, 128, 128}) * 255, torch::tensor({{52.f, 52.f, 24.f, 24.f}}));
  auto step = [&] {
    const auto out = model->forward(image, kernels, /*with_boxes=*/false);
    return model->box_at(out, out.fused_logits.size(2) / 2, out.fused_logits.size(3) / 2).sum().item<float>();
  };
  for (int i = 0; i < 3; ++i) step();
  for (auto _ : state) benchmark::DoNotOptimize(step());
  state.counters["frames/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

// TemplateRefiner::refine() alone on a 1280x720 frame for a square target of `side` px, the box
// a quarter of the target off (as the map's box typically is).
void refine_benchmark(benchmark::State& state, int side) {
  cv::Mat frame(720, 1280, CV_8UC3);
  cv::RNG(12).fill(frame, cv::RNG::UNIFORM, 40, 160);
  cv::GaussianBlur(frame, frame, {0, 0}, 1.5);
  spot::track::TemplateRefiner refiner;
  refiner.init(frame, Box{600, 300, double(side), double(side)});
  const Box off{600 + side / 4.0, 300 - side / 4.0, double(side), double(side)};
  for (auto _ : state) benchmark::DoNotOptimize(refiner.refine(frame, off, /*learn=*/false));
}

const bool registered = [] {
  for (const int side : {16, 48, 160}) {
    benchmark::RegisterBenchmark(("TemplateRefiner/" + std::to_string(side) + "px").c_str(), refine_benchmark, side)
        ->Unit(benchmark::kMicrosecond);
  }
  for (const auto& [w, h] : std::vector<std::pair<int, int>>{{640, 360}, {1280, 720}}) {
    const std::string size = std::to_string(w) + "x" + std::to_string(h);
    // As the tracker runs it (1 thread + concurrent level heads), and with 1 and 2 plain threads.
    for (const auto& [suffix, threads, concurrent] :
         std::vector<std::tuple<std::string, int, bool>>{{"", 1, true}, {"/1thread", 1, false}, {"/2threads", 2, false}}) {
      benchmark::RegisterBenchmark(("SpotNetworkStep/" + size + suffix).c_str(), network_benchmark, w, h, threads,
                                   concurrent)
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    }
    for (const std::string name : {"spot", "spot-norefine", "spot-2threads", "spot-offline", "csrt", "kcf"}) {
      benchmark::RegisterBenchmark(("Update/" + name + "/" + size).c_str(), update_benchmark, name, w, h)
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    }
  }
  return true;
}();

}  // namespace
BENCHMARK_MAIN();
