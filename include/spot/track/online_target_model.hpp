// OnlineTargetModel: a discriminative model of the target learned DURING tracking (as DiMP/ATOM do),
// over the whole frame. Features = the frozen backbone's maps of every level, resampled to one
// stride and concatenated; the model is a linear filter (one score per location) fitted with the
// Gauss-Newton solver of online_solver.hpp: target-region locations regress to a Gaussian label,
// every other location of the frame is a negative. Samples: the init frame (always kept) and a
// small memory of later confident frames, older ones weighing less.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include <ATen/Tensor.h>

#include "spot/geometry/box.hpp"
#include "spot/util/config_fields.hpp"

namespace spot::track {

struct OnlineModelConfig {
  bool enabled = true;
  double weight = 0.6;           // share of the online map in the fused score (rest: offline network)
  int stride = 8;                // grid of the online map, px of the network input (4, 8 or 16)
  double lambda = 0.01;          // ridge weight (each frame's sample weights sum to 1)
  double sigma = 0.25;           // label Gaussian sigma / sqrt(w*h) of the target (at least half a cell)
  double target_share = 0.5;     // share of a frame's weight on its target region (rest: background)
  int iterations = 3;            // Gauss-Newton steps per fit
  double learning_rate = 0.2;    // weight of a new frame in the memory; older frames decay by 1 - this
  double init_share = 0.3;       // share of the init frame once the memory has frames (never dropped)
  int memory = 8;                // frames kept besides the init frame
  int max_negatives = 1024;      // background locations kept per frame: the highest-scoring (0 = all)
  // Hard negatives: share of a frame's background weight put on the regions (one target size) of
  // the look-alikes the tracker saw in it (other peaks scoring >= hard_negative_ratio x the
  // target's), so that a distractor covering a few cells of a whole frame is not outweighed by
  // thousands of easy background cells. 0 = uniform background weights. 0.25 and 0.75 were chosen
  // on held-out synthetic sequences and ../shared/train (docs/TRACKER.md).
  double hard_negative_share = 0.25;
  double hard_negative_ratio = 0.75;
  // Size-dependent blend: the online map (one cell per `stride` px) is coarser than a small target,
  // so its share falls from `weight` at init boxes of sqrt(w*h) >= full_weight_px (input px) to 0 at
  // <= zero_weight_px, linearly in log size. full_weight_px = 0: `weight` for every size. 4 and 16
  // were chosen on held-out synthetic sequences and ../shared/train (docs/TRACKER.md).
  double zero_weight_px = 4;
  double full_weight_px = 16;
  util::Fields fields();
  // The online map's share in the fused score for a target of sqrt(w*h) = target_px input px.
  double blend_weight(double target_px) const;
  void validate(const std::string& source = "online model config") const;
};

class OnlineTargetModel {
 public:
  explicit OnlineTargetModel(const OnlineModelConfig& config = {});

  // Learns the target from the init frame. `features`: backbone maps [1,C_l,h_l,w_l], level l at stride
  // strides[l] px of the network input; `box` in input px.
  // `distractors`: centres (input px) of look-alikes in the frame, learnt as hard negatives.
  void init(const std::vector<at::Tensor>& features, const std::vector<double>& strides,
            const geometry::Box& box, const std::vector<geometry::Point>& distractors = {});
  // Target score of every location of a new frame: [1,1,ceil(H/stride),ceil(W/stride)], about 1 on
  // the target and <= 0 on background. Remembers the frame's features for update().
  at::Tensor score(const std::vector<at::Tensor>& features, const std::vector<double>& strides);
  // What score() computes, the straightforward way (every level resampled to the grid, stacked,
  // times the filter); slower. For tests and checks; remembers nothing.
  at::Tensor score_stacked(const std::vector<at::Tensor>& features, const std::vector<double>& strides);
  // Adds the frame last passed to score() as a sample with the target at `box` (input px) and
  // refits. Call it only for frames the tracker is confident about (drift guard).
  void update(const geometry::Box& box, const std::vector<geometry::Point>& distractors = {});

  bool initialised() const { return filter_.defined(); }
  int memory_size() const { return static_cast<int>(memory_.size()); }
  const OnlineModelConfig& config() const { return config_; }

 private:
  struct Sample {
    at::Tensor features, labels, target, weights;  // one frame: [N,D], [N], [N], [N] (sum 1)
    at::Tensor hard;                               // [N] 1 = a distractor's region (kept by prune())
    double weight = 1.0;
  };
  // The online grid (rows, columns) for these levels: that of the level at config.stride, or of the
  // first level when none is.
  std::pair<int64_t, int64_t> grid_size(const std::vector<at::Tensor>& features, const std::vector<double>& strides) const;
  // A level's map [1,C,h_l,w_l] (stride px per cell) resampled to the h x w grid.
  at::Tensor to_grid(const at::Tensor& map, double stride, int64_t h, int64_t w) const;
  // Every level on the grid, scaled, stacked with a bias column: [h*w, D].
  at::Tensor stack_features(const std::vector<at::Tensor>& features, const std::vector<double>& strides);
  Sample make_sample(const at::Tensor& features, const geometry::Box& box,
                     const std::vector<geometry::Point>& distractors) const;
  void refit();
  // Keeps the target region and the max_negatives background rows scoring highest under the
  // current filter: the others are far below zero, where the hinge makes them cost nothing.
  void prune(Sample& sample) const;

  OnlineModelConfig config_;
  std::vector<double> level_scale_;  // 1 / mean feature norm per level, fixed at init
  Sample init_sample_;
  std::deque<Sample> memory_;
  std::vector<at::Tensor> last_frame_;  // the backbone maps of the last scored frame (for update())
  std::vector<double> last_strides_;
  int last_h_ = 0, last_w_ = 0;
  at::Tensor filter_;
};

}  // namespace spot::track
