// Synthetic-data speed: planning a sequence, rendering frames, rendering + JPEG encoding (what
// `spot synth` does per frame), and size-balanced pairs from a synthetic set.
//   ./build/bench/bench_synth --benchmark_min_time=2
#include <filesystem>
#include <vector>

#include <benchmark/benchmark.h>
#include <opencv2/imgcodecs.hpp>

#include "spot/data/dataset.hpp"
#include "spot/data/size_balanced_sampler.hpp"
#include "spot/data/synth_dataset.hpp"
#include "spot/data/synth_sequence.hpp"

namespace {

spot::data::SynthConfig bench_config() {
  spot::data::SynthConfig c;  // defaults: 640x360, the benchmark's imaging settings
  c.frames = 300;
  return c;
}

void BM_PlanSequence(benchmark::State& state) {
  const auto c = bench_config();
  int i = 0;
  for (auto _ : state) {
    spot::data::SynthSequenceGenerator gen(c, i++);
    benchmark::DoNotOptimize(gen.groundtruth().size());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PlanSequence)->Unit(benchmark::kMillisecond);

void BM_RenderFrame(benchmark::State& state) {
  const spot::data::SynthSequenceGenerator gen(bench_config(), 0);
  int t = 0;
  for (auto _ : state) {
    cv::Mat f = gen.render(t);
    t = (t + 1) % gen.size();
    benchmark::DoNotOptimize(f.data);
  }
  state.counters["frames/s"] = benchmark::Counter(state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RenderFrame)->Unit(benchmark::kMillisecond);

void BM_RenderAndEncodeFrame(benchmark::State& state) {
  const spot::data::SynthSequenceGenerator gen(bench_config(), 0);
  const std::vector<int> jpeg = {cv::IMWRITE_JPEG_QUALITY, 90};
  std::vector<uchar> bytes;
  int t = 0;
  for (auto _ : state) {
    cv::imencode(".jpg", gen.render(t), bytes, jpeg);
    t = (t + 1) % gen.size();
    benchmark::DoNotOptimize(bytes.data());
  }
  state.counters["frames/s"] = benchmark::Counter(state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RenderAndEncodeFrame)->Unit(benchmark::kMillisecond);

void BM_SizeBalancedPair(benchmark::State& state) {
  const auto dir = std::filesystem::temp_directory_path() / "spot_bench_sampler";
  auto c = bench_config();
  c.sequences = 4;
  c.frames = 50;
  spot::data::write_synth_dataset(c, dir, "bench");
  const spot::data::SizeBalancedSampler sampler(spot::data::load_dataset(dir), {});
  std::uint64_t i = 0;
  for (auto _ : state) {
    auto pair = sampler.sample(i++);
    benchmark::DoNotOptimize(pair.search_image.data);
  }
  state.counters["pairs/s"] = benchmark::Counter(state.iterations(), benchmark::Counter::kIsRate);
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_SizeBalancedPair)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
