// NanoTrack v3 backbone speed: one full-frame forward to stage 9 with taps {1, 3, 9} (what SPOT's
// model asks for) at 1x3x360x640, inference mode, with 1 and with 2 intra-op threads.
//   ./build/bench/bench_backbone --benchmark_min_time=2
// With 1 thread, LibTorch 1.13 runs stride-1 1x1 convs as im2col + BLAS GEMM (no oneDNN), so the
// time depends on which libblas.so.3 the system alternative points to (OpenBLAS vs reference BLAS;
// see ../shared/weights/README.md section 5). OpenBLAS keeps its own thread pool (not limited by
// torch::set_num_threads); OPENBLAS_NUM_THREADS=1 pins it for a strict single-core figure.
// On a machine whose cores are busy with other jobs, libgomp's spin-waiting barriers make the
// 2-thread case collapse (about a second per frame measured here); OMP_WAIT_POLICY=PASSIVE, which
// libgomp reads at start-up only, avoids that.
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <torch/torch.h>

#include "spot/error.hpp"
#include "spot/model/backbone.hpp"

namespace {

void BM_BackboneForward360x640(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  spot::model::NanoTrackBackbone net;
  try {
    net->load_pretrained(spot::model::find_backbone_weights());
  } catch (const spot::Error& e) {
    state.SkipWithError(e.what());
    return;
  }
  net->eval();
  torch::NoGradGuard no_grad;
  const int previous_threads = torch::get_num_threads();
  torch::set_num_threads(threads);

  // The README's reference pattern at 640x360 (BGR 0..255 range): real weights, realistic values.
  const auto c = torch::arange(3, torch::kLong).view({3, 1, 1});
  const auto y = torch::arange(360, torch::kLong).view({1, 360, 1});
  const auto x = torch::arange(640, torch::kLong).view({1, 1, 640});
  const auto image = (3 * x + 7 * y + 11 * c).remainder(256).to(torch::kFloat).unsqueeze(0);
  const std::vector<int> taps = {1, 3, 9};

  for (int i = 0; i < 3; ++i) net->forward(image, taps);  // warm-up: allocator, oneDNN primitives
  for (auto _ : state) {
    auto outs = net->forward(image, taps);
    benchmark::DoNotOptimize(outs.back().data_ptr());
  }
  state.counters["frames/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  torch::set_num_threads(previous_threads);
}
BENCHMARK(BM_BackboneForward360x640)
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()  // CPU column: all threads (intra-op pool and OpenBLAS's own)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
