// Sequence helpers.
#include "spot/data/sequence.hpp"

namespace spot::data {

int Sequence::first_annotated_frame() const {
  for (std::size_t i = 0; i < groundtruth.size(); ++i) {
    if (groundtruth[i].has_value()) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace spot::data
