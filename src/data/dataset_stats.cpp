// Size histogram, absence share and absence events of a dataset.
#include "spot/data/dataset_stats.hpp"

#include <algorithm>
#include <cmath>

namespace spot::data {

std::vector<SizeBin> half_octave_bins(double max_size) {
  std::vector<SizeBin> bins;
  double lo = 0.0, hi = std::sqrt(2.0);
  while (lo < max_size) {
    bins.push_back({lo, hi, 0});
    lo = hi;
    hi *= std::sqrt(2.0);
  }
  bins.back().hi = INFINITY;
  return bins;
}

int bin_index(const std::vector<SizeBin>& bins, double size) {
  for (size_t i = 0; i < bins.size(); ++i) {
    if (size < bins[i].hi) return static_cast<int>(i);
  }
  return static_cast<int>(bins.size()) - 1;
}

DatasetStats compute_dataset_stats(const std::vector<Sequence>& sequences) {
  DatasetStats st;
  st.size_histogram = half_octave_bins();
  for (const auto& seq : sequences) {
    SequenceStats ss;
    ss.name = seq.name;
    ss.frames = seq.size();
    st.frames += ss.frames;
    std::vector<double> sizes;
    bool seen_present = false, in_absence = false;
    for (const auto& g : seq.groundtruth) {
      if (g) {
        const double s = geometry::box_size(*g);
        sizes.push_back(s);
        ++st.size_histogram[bin_index(st.size_histogram, s)].frames;
        seen_present = true;
        in_absence = false;
      } else {
        ++ss.absent_frames;
        if (seen_present && !in_absence) ++ss.absence_events;
        in_absence = true;
      }
    }
    st.present_frames += static_cast<long>(sizes.size());
    st.absent_frames += ss.absent_frames;
    if (!sizes.empty()) {
      std::nth_element(sizes.begin(), sizes.begin() + sizes.size() / 2, sizes.end());
      ss.median_size = sizes[sizes.size() / 2];
    }
    st.sequences.push_back(ss);
  }
  return st;
}

}  // namespace spot::data
