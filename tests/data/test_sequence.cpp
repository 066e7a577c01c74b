// Sequence::first_annotated_frame and size().
#include <gtest/gtest.h>

#include "spot/data/sequence.hpp"

namespace spot::data {
namespace {

TEST(Sequence, FirstAnnotatedFrameSkipsAbsentFrames) {
  Sequence s;
  EXPECT_EQ(s.first_annotated_frame(), -1);
  s.groundtruth = {std::nullopt, std::nullopt, geometry::Box{1, 2, 3, 4}, std::nullopt};
  EXPECT_EQ(s.first_annotated_frame(), 2);
  s.groundtruth = {std::nullopt, std::nullopt};
  EXPECT_EQ(s.first_annotated_frame(), -1);
}

TEST(Sequence, SizeCountsFramesOrVideoFrames) {
  Sequence s;
  s.frames = {"a.jpg", "b.jpg"};
  EXPECT_EQ(s.size(), 2);
  s.frames.clear();
  s.video = "v.avi";
  s.video_frame_count = 7;
  EXPECT_EQ(s.size(), 7);
}

}  // namespace
}  // namespace spot::data
