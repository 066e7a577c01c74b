// Training speed at the default config (configs/train-synthetic.toml = TrainConfig defaults):
// one optimizer step (template encoding, forward, loss, backward, AdamW) on a batch of 16 pairs,
// and the sampler's pair production, reported as samples/s.
//   OMP_WAIT_POLICY=PASSIVE ./build/bench/bench_train --benchmark_min_time=5
#include <filesystem>

#include <benchmark/benchmark.h>

#include "spot/data/dataset.hpp"
#include "spot/data/synth_dataset.hpp"
#include "spot/model/spot_model.hpp"
#include "spot/train/batch.hpp"
#include "spot/train/objective.hpp"
#include "spot/train/train_config.hpp"

namespace {

struct Fixture {
  spot::train::TrainConfig cfg;
  std::unique_ptr<spot::data::SizeBalancedSampler> sampler;
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "spot_bench_train";
  Fixture() {
    spot::data::SynthConfig s;
    s.sequences = 4;
    s.frames = 40;
    spot::data::write_synth_dataset(s, dir, "bench");
    sampler = std::make_unique<spot::data::SizeBalancedSampler>(spot::data::load_dataset(dir), cfg.sampler.sampler(1));
  }
  ~Fixture() { std::filesystem::remove_all(dir); }
};

void BM_TrainStep(benchmark::State& state) {
  Fixture f;
  torch::set_num_threads(static_cast<int>(state.range(0)));
  torch::manual_seed(1);
  spot::model::SpotModel model(f.cfg.model);
  auto params = model->trainable_parameters();
  torch::optim::AdamW opt(params, torch::optim::AdamWOptions(f.cfg.lr));
  const auto batch = spot::train::make_batch(*f.sampler, 0, f.cfg.batch_size);
  for (auto _ : state) {
    const auto out = model->forward(batch.search, model->encode_template(batch.templates, batch.template_boxes));
    const auto loss = spot::train::compute_loss(out, batch, f.cfg.loss);
    opt.zero_grad();
    loss.total.backward();
    opt.step();
  }
  state.counters["samples/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * f.cfg.batch_size, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TrainStep)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_MakeBatch(benchmark::State& state) {
  Fixture f;
  std::uint64_t first = 0;
  for (auto _ : state) {
    auto b = spot::train::make_batch(*f.sampler, first, f.cfg.batch_size);
    first += static_cast<std::uint64_t>(f.cfg.batch_size);
    benchmark::DoNotOptimize(b.search.data_ptr());
  }
  state.counters["samples/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * f.cfg.batch_size, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MakeBatch)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
