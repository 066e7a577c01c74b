// SizeBalancedSampler: training pairs (a template crop from one frame, a whole other frame of the same
// sequence as the search image) from any dataset, with the search frame rescaled so the target's size
// follows a chosen distribution (uniform in log-size by default) while the search image keeps its
// full-frame size. Sample i depends only on (seed, i): resumable and shardable across processes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "spot/data/dataset_stats.hpp"
#include "spot/data/photometric.hpp"
#include "spot/data/sequence.hpp"
#include "spot/data/size_distribution.hpp"

namespace spot::data {

struct SamplerConfig {
  SizeDistribution size{"uniform-log", 4.0, 128.0, {}};  // target size in the search image
  int search_width = 640;       // search image size (the "whole frame" the model sees)
  int search_height = 360;
  int template_size = 128;      // template crops: template_size square around the template box,
                                // at the same scale as the search frame (clipped if larger)
  int max_frame_gap = 100;      // |search frame - template frame| <= this
  double absent_share = 0.1;    // share of pairs whose search frame has no target (when available)
  bool photometric = true;      // jitter both images
  PhotometricConfig jitter;
  std::uint64_t seed = 1;

  // Throws spot::Error naming `source` for out-of-range values.
  void validate(const std::string& source = "sampler config") const;
};

// Where a pair comes from and how its search frame is mapped; no pixels (cheap, for statistics).
struct PairPlan {
  int sequence = 0;             // index into the sampler's sequences
  int template_frame = 0;
  int search_frame = 0;
  bool absent = false;          // the search frame has no target
  double scale = 1.0;           // search image = scale * source frame + offset
  cv::Point2d offset;
  geometry::MaybeBox search_box;  // target box in the search image (clipped to it), nullopt when absent
};

struct TrainingPair {
  PairPlan plan;
  cv::Mat template_image;        // template_size x template_size, 8-bit BGR
  geometry::Box template_box;    // the target inside template_image (clipped to it)
  cv::Mat search_image;          // search_height x search_width, 8-bit BGR
};

class SizeBalancedSampler {
 public:
  // Keeps the sequences with at least one present GT box. Throws spot::Error when none has one or
  // the config is invalid.
  SizeBalancedSampler(std::vector<Sequence> sequences, SamplerConfig config);

  // The plan of pair `index` (deterministic in (seed, index)).
  PairPlan plan(std::uint64_t index) const;
  // Pair `index` with its pixels (reads two frames). Throws spot::Error on unreadable frames.
  TrainingPair sample(std::uint64_t index) const;

  const std::vector<Sequence>& sequences() const { return sequences_; }
  const SamplerConfig& config() const { return config_; }

 private:
  std::vector<Sequence> sequences_;
  std::vector<std::vector<int>> present_;  // per sequence: frames with a GT box
  std::vector<std::vector<int>> absent_;   // per sequence: frames without one
  SamplerConfig config_;
};

// Histogram (half-octave bins, as DatasetStats) of the search-box sizes of plans [first, first+n).
std::vector<SizeBin> sampled_size_histogram(const SizeBalancedSampler& sampler, std::uint64_t first,
                                            std::uint64_t n);

}  // namespace spot::data
