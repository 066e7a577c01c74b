// The training loop: data preparation, optimisation with gradient all-reduce, validation, logging
// and atomic checkpoints.
#include "spot/train/trainer.hpp"

#include <chrono>
#include <cmath>
#include <fstream>
#include <future>
#include <iostream>
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "spot/data/dataset.hpp"
#include "spot/data/synth_dataset.hpp"
#include "spot/error.hpp"
#include "spot/model/spot_model.hpp"
#include "spot/train/batch.hpp"
#include "spot/model/checkpoint.hpp"
#include "spot/train/objective.hpp"
#include "spot/train/validation.hpp"
#include "spot/util/gnuplot.hpp"
#include "spot/util/progress.hpp"

#ifndef SPOT_GIT_REVISION
#define SPOT_GIT_REVISION "unknown"
#endif

namespace spot::train {
namespace fs = std::filesystem;
using model::load_checkpoint;
using model::read_checkpoint_meta;
using model::save_checkpoint;

namespace {

constexpr std::uint64_t kValSeedOffset = 7919;

// Generates a synthetic set once; an existing folder with the same generator config is reused.
void ensure_synthetic(const fs::path& dir, data::SynthConfig c) {
  c.validate(dir.string());
  const fs::path stamp = dir / "config.json";
  if (fs::exists(stamp)) {
    try {
      if (nlohmann::json::parse(std::ifstream(stamp)) == data::to_json(c)) return;
    } catch (const nlohmann::json::exception&) {
    }
    fs::remove_all(dir);  // a different or damaged set: regenerate
  }
  const fs::path tmp = dir.string() + ".tmp";
  fs::remove_all(tmp);
  util::ProgressBar bar("synthetic " + dir.filename().string(), static_cast<long>(c.sequences) * c.frames, "frames");
  data::write_synth_dataset(c, tmp, "spot train (synthetic data)", [&](long, long, const std::string&) { bar.advance(1); });
  bar.finish();
  fs::rename(tmp, dir);  // complete sets only: a killed generation is redone
}

data::SynthConfig synth_config(const TrainConfig& cfg, bool validation) {
  data::SynthConfig s;
  s.width = cfg.synth.width;
  s.height = cfg.synth.height;
  s.sequences = validation ? cfg.synth.val_sequences : cfg.synth.sequences;
  s.frames = validation ? cfg.synth.val_frames : cfg.synth.frames;
  s.seed = cfg.seed * 1000003ULL + (validation ? 17 : 0);
  s.size_min = std::max(2.0, cfg.sampler.size_min);
  s.size_max = std::min(cfg.sampler.size_max, 0.8 * std::min(s.width, s.height));
  return s;
}

std::vector<data::Sequence> load_all(const std::vector<std::string>& roots, const fs::path* synthetic) {
  std::vector<data::Sequence> all;
  if (synthetic) {
    auto s = data::load_dataset(*synthetic);
    all.insert(all.end(), s.begin(), s.end());
  }
  for (const auto& r : roots) {
    auto s = data::load_dataset(r);
    all.insert(all.end(), s.begin(), s.end());
  }
  return all;
}

// The keys whose change makes a checkpoint's training a different experiment.
nlohmann::json comparable(nlohmann::json j) {
  j.erase("steps");
  j.erase("out");
  j.erase("threads");
  j.erase("checkpoint_every");
  j.erase("log_every");
  return j;
}

void check_same_config(const nlohmann::json& saved, const TrainConfig& cfg, const fs::path& ckpt) {
  const auto a = comparable(saved), b = comparable(cfg.to_json());
  if (a == b) return;
  const auto diff = nlohmann::json::diff(a, b);
  throw Error(fmt::format("the checkpoint was trained with another config ({}); resume with the same "
                          "config or use another --out",
                          diff.empty() ? std::string("?") : diff[0].dump()),
              ckpt.string());
}

// Drops metrics rows logged after the checkpoint we resume from (they will be logged again).
void truncate_metrics(const fs::path& file, long step) {
  if (!fs::exists(file)) return;
  std::ifstream in(file);
  std::string line, kept;
  while (std::getline(in, line)) {
    try {
      if (nlohmann::json::parse(line).value("step", 0L) <= step) kept += line + "\n";
    } catch (const nlohmann::json::exception&) {
      // a half-written last line from a killed run
    }
  }
  in.close();
  // Rewritten beside and renamed, so a failed write (full disk) cannot lose the rows we keep.
  const fs::path tmp = file.string() + ".tmp";
  {
    std::ofstream f(tmp, std::ios::trunc);
    f << kept;
    f.flush();
    if (!f) throw Error("cannot rewrite the metrics log (disk full?)", tmp.string());
  }
  fs::rename(tmp, file);
}

void plot_curves(const fs::path& out) {
  std::ifstream in(out / "metrics.jsonl");
  std::string line, loss_dat, val_dat;
  while (std::getline(in, line)) {
    try {
      const auto j = nlohmann::json::parse(line);
      if (j.contains("loss")) loss_dat += fmt::format("{} {}\n", j["step"].get<long>(), j["loss"].get<double>());
      if (j.contains("val_point_hit")) {
        val_dat += fmt::format("{} {}\n", j["step"].get<long>(), j["val_point_hit"].get<double>());
      }
    } catch (const nlohmann::json::exception&) {
    }
  }
  std::ofstream(out / "loss.dat") << loss_dat;
  std::ofstream(out / "val.dat") << val_dat;
  const fs::path png = fs::absolute(out / "curves.png");
  std::ofstream(out / "curves.gp")
      << fmt::format("set terminal {} size 1000,450\nset output {}\n", util::gnuplot_png_terminal(),
                     util::gnuplot_quote(png.string()))
      << "set multiplot layout 1,2\nset grid\nset xlabel 'step'\n"
      << "set title 'training loss'\nplot " << util::gnuplot_quote(fs::absolute(out / "loss.dat").string())
      << " using 1:2 with lines notitle\n"
      << "set title 'validation point-hit rate'\nset yrange [0:1]\nplot "
      << util::gnuplot_quote(fs::absolute(out / "val.dat").string()) << " using 1:2 with linespoints notitle\n"
      << "unset multiplot\n";
  util::run_gnuplot(out / "curves.gp");
}

void append_metrics(const fs::path& out, const nlohmann::json& row) {
  std::ofstream f(out / "metrics.jsonl", std::ios::app);
  f << row.dump() << "\n";
  f.flush();
  if (!f) throw Error("cannot append to the metrics log (disk full?)", (out / "metrics.jsonl").string());
}

}  // namespace

double learning_rate(const TrainConfig& c, int step) {
  if (step < c.warmup_steps) return c.lr * (step + 1) / (c.warmup_steps + 1);
  const double span = std::max(1, c.steps - c.warmup_steps);
  const double progress = std::min(1.0, (step - c.warmup_steps) / span);
  return c.lr * (0.05 + 0.95 * 0.5 * (1.0 + std::cos(3.14159265358979323846 * progress)));
}

void run_training(const TrainConfig& cfg, const TrainOptions& options, DistributedContext& ctx) {
  cfg.validate();
  const int world = ctx.world_size();
  if (cfg.batch_size % world != 0) {
    throw Error(fmt::format("batch_size {} is not divisible by the {} processes", cfg.batch_size, world));
  }
  const int local_batch = cfg.batch_size / world;
  const fs::path out(cfg.out);
  const fs::path last = out / "last.pt";
  const bool main = ctx.is_main();
  torch::set_num_threads(cfg.threads);

  if (main) {
    fs::create_directories(out);
    if (!options.resume && fs::exists(last)) {
      throw Error("this folder already holds a run (last.pt); pass --resume to continue it or choose another --out",
                  out.string());
    }
  }
  // Data: rank 0 generates, the others wait for it.
  const fs::path synth_train = out / "synth-train", synth_val = out / "synth-val";
  if (main && cfg.use_synthetic) {
    ensure_synthetic(synth_train, synth_config(cfg, false));
    ensure_synthetic(synth_val, synth_config(cfg, true));
  }
  ctx.barrier();
  const data::SizeBalancedSampler train_sampler(load_all(cfg.datasets, cfg.use_synthetic ? &synth_train : nullptr),
                                                cfg.sampler.sampler(cfg.seed));
  std::unique_ptr<data::SizeBalancedSampler> val_sampler;
  if (cfg.use_synthetic || !cfg.val_datasets.empty()) {
    val_sampler = std::make_unique<data::SizeBalancedSampler>(
        load_all(cfg.val_datasets, cfg.use_synthetic ? &synth_val : nullptr), cfg.sampler.sampler(cfg.seed + kValSeedOffset));
  }

  torch::manual_seed(static_cast<std::uint64_t>(cfg.seed));
  model::SpotModel model(cfg.model);
  auto params = model->trainable_parameters();
  torch::optim::AdamW optimizer(params, torch::optim::AdamWOptions(cfg.lr).weight_decay(cfg.weight_decay));

  int start = 0;
  if (options.resume && fs::exists(last)) {
    // A last.pt from elsewhere (or hand-edited) may lack what only `spot train` writes.
    const auto stored = read_checkpoint_meta(last);
    if (!stored.contains("config") || !stored["config"].is_object()) {
      throw Error("checkpoint has no training config (not written by `spot train`?)", last.string());
    }
    check_same_config(stored["config"], cfg, last);
    const auto meta = load_checkpoint(last, *model, &optimizer);
    const auto step = meta.find("step");
    if (step == meta.end() || !step->is_number_integer() || step->get<long>() < 0 ||
        step->get<long>() > std::numeric_limits<int>::max()) {
      throw Error("checkpoint has no valid step (expected a non-negative integer)", last.string());
    }
    start = step->get<int>();
    if (main) {
      truncate_metrics(out / "metrics.jsonl", start);
      std::cerr << fmt::format("resuming {} at step {} of {}\n", last.string(), start, cfg.steps);
    }
  } else if (options.resume && main) {
    std::cerr << "no checkpoint in " << out.string() << ": starting from scratch\n";
  }
  ctx.broadcast_from_main(params);
  if (main) std::ofstream(out / "config.json") << cfg.to_json().dump(2) << "\n";

  auto meta_at = [&](int step) {
    return nlohmann::json{{"step", step}, {"config", cfg.to_json()}, {"git_revision", SPOT_GIT_REVISION}};
  };
  auto validate = [&](int step) {
    if (!main || !val_sampler) return;
    const auto v = validate_point_hit(model, *val_sampler, cfg.val_pairs, std::max(8, local_batch));
    append_metrics(out, {{"step", step},
                         {"val_point_hit", v.point_hit_rate},
                         {"val_present_pairs", v.present_pairs},
                         {"val_present_score", v.present_score_mean},
                         {"val_absent_score", v.absent_score_mean}});
    std::cerr << fmt::format("\nvalidation at step {}: point-hit {:.3f} on {} pairs (score present {:.2f}, absent {:.2f})\n",
                             step, v.point_hit_rate, v.present_pairs, v.present_score_mean, v.absent_score_mean);
  };
  if (start == 0) validate(0);  // the untrained model: the chance level to beat

  auto batch_at = [&](int step) {
    const auto first = static_cast<std::uint64_t>(step) * cfg.batch_size +
                       static_cast<std::uint64_t>(ctx.rank()) * local_batch;
    return std::async(std::launch::async, [&train_sampler, first, local_batch] {
      return make_batch(train_sampler, first, local_batch);
    });
  };
  std::unique_ptr<util::ProgressBar> bar;
  if (main && options.progress) bar = std::make_unique<util::ProgressBar>("train", cfg.steps - start, "steps");
  auto next = start < cfg.steps ? batch_at(start) : std::future<Batch>();
  double rate = 0.0;
  model->train(true);
  for (int step = start; step < cfg.steps; ++step) {
    const auto t0 = std::chrono::steady_clock::now();
    const Batch batch = next.get();
    if (step + 1 < cfg.steps) next = batch_at(step + 1);
    const double lr = learning_rate(cfg, step);
    for (auto& group : optimizer.param_groups()) static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);

    const auto kernels = model->encode_template(batch.templates, batch.template_boxes);
    const auto output = model->forward(batch.search, kernels);
    const LossParts loss = compute_loss(output, batch, cfg.loss);
    optimizer.zero_grad();
    loss.total.backward();
    std::vector<torch::Tensor> grads;
    for (auto& p : params) grads.push_back(p.grad());
    ctx.allreduce_mean(grads);
    optimizer.step();

    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double now_rate = cfg.batch_size / std::max(seconds, 1e-9);
    rate = rate == 0.0 ? now_rate : 0.9 * rate + 0.1 * now_rate;
    const double total = ctx.allreduce_scalar_mean(loss.total.item<double>());
    const int done = step + 1;
    if (main) {
      std::string levels;
      for (size_t l = 0; l < loss.levels.size(); ++l) {
        levels += fmt::format("s{} {:.3f} ", static_cast<int>(output.level_strides[l]), loss.levels[l]);
      }
      if (bar) bar->advance(1, fmt::format("loss {:.3f} [{}fused {:.3f} box {:.3f}] {:.1f} samples/s", total, levels, loss.fused, loss.box, rate));
      if (done % cfg.log_every == 0 || done == cfg.steps) {
        append_metrics(out, {{"step", done}, {"loss", total}, {"loss_levels", loss.levels}, {"loss_fused", loss.fused},
                             {"loss_box", loss.box}, {"lr", lr}, {"samples_per_s", rate}});
      }
    }
    if (done % cfg.epoch_steps == 0 || done == cfg.steps) validate(done);
    if (main && (done % cfg.checkpoint_every == 0 || done == cfg.steps)) {
      save_checkpoint(last, *model, &optimizer, meta_at(done));
    }
  }
  if (bar) bar->finish();
  if (main) {
    save_checkpoint(out / "model.pt", *model, nullptr, meta_at(cfg.steps));
    plot_curves(out);
    std::cout << fmt::format("trained {} steps; weights: {}\n", cfg.steps, fs::absolute(out / "model.pt").string());
  }
  ctx.barrier();
}

}  // namespace spot::train
