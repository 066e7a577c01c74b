// DatasetStats: what a dataset holds, by target size: the size histogram behind the "training sets
// hold mostly large objects" figure, the share of absent frames and the absence events per sequence.
#pragma once

#include <string>
#include <vector>

#include "spot/data/sequence.hpp"

namespace spot::data {

struct SizeBin {
  double lo = 0.0;  // sqrt(w*h) range [lo, hi), px
  double hi = 0.0;
  long frames = 0;
};

struct SequenceStats {
  std::string name;
  long frames = 0;
  long absent_frames = 0;
  int absence_events = 0;    // runs of absent frames after the first present one
  double median_size = 0.0;  // median sqrt(w*h) over present frames, 0 when none
};

struct DatasetStats {
  std::vector<SizeBin> size_histogram;  // half-octave bins from 1 px (first bin [0, 1.41))
  long frames = 0;
  long present_frames = 0;
  long absent_frames = 0;
  std::vector<SequenceStats> sequences;
};

// Half-octave bin edges 0, sqrt(2), 2, 2*sqrt(2), ... up to and including `max_size`; the last bin
// is open-ended.
std::vector<SizeBin> half_octave_bins(double max_size = 1024.0);

// Index of the bin holding `size` (the last bin holds everything beyond).
int bin_index(const std::vector<SizeBin>& bins, double size);

// Counts every frame of every sequence (GT only; frames are not read). Sequences without GT count
// their frames as neither present nor absent.
DatasetStats compute_dataset_stats(const std::vector<Sequence>& sequences);

}  // namespace spot::data
