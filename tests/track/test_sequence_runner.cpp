// run_sequence on a damaged sequence: an unreadable frame propagates the reader's error by default,
// and with on_unreadable_frame set it ends the run there, keeping the frames before it.
#include <fstream>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include "spot/error.hpp"
#include "spot/track/sequence_runner.hpp"
#include "support/paths.hpp"

namespace {

using spot::geometry::Box;

// Reports the init box on every frame; counts the updates it saw.
class StillTracker : public spot::track::Tracker {
 public:
  void init(const cv::Mat&, const Box& box) override { box_ = box; }
  spot::track::TrackResult update(const cv::Mat&) override {
    ++updates;
    return {box_, 0.9, true};
  }
  std::string name() const override { return "still"; }
  int updates = 0;

 private:
  Box box_;
};

// Six readable 32x32 frames, of which frame `broken` (0-based) is replaced by bytes no decoder takes.
spot::data::Sequence damaged_sequence(const std::filesystem::path& dir, int broken) {
  spot::data::Sequence s;
  s.name = "damaged";
  for (int i = 0; i < 6; ++i) {
    const auto path = dir / (std::to_string(i) + ".png");
    if (i == broken) {
      std::ofstream(path) << "not an image";
    } else {
      cv::imwrite(path.string(), cv::Mat(32, 32, CV_8UC3, cv::Scalar(10 * i, 0, 0)));
    }
    s.frames.push_back(path);
    s.groundtruth.push_back(Box{4, 4, 8, 8});
  }
  return s;
}

TEST(SequenceRunner, UnreadableFrameThrowsByDefault) {
  spot::test::TempDir d;
  const auto seq = damaged_sequence(d.path(), 3);
  StillTracker tracker;
  EXPECT_THROW(spot::track::run_sequence(tracker, seq), spot::Error);
}

TEST(SequenceRunner, UnreadableFrameEndsTheRunAndKeepsTheFramesBefore) {
  spot::test::TempDir d;
  const auto seq = damaged_sequence(d.path(), 3);
  StillTracker tracker;
  spot::track::RunOptions options;
  int stopped_at = -1;
  std::string why;
  options.on_unreadable_frame = [&](int frame, const std::string& reason) {
    stopped_at = frame;
    why = reason;
  };
  const auto out = spot::track::run_sequence(tracker, seq, options);
  EXPECT_EQ(stopped_at, 3);
  EXPECT_NE(why.find("3.png"), std::string::npos) << why;
  ASSERT_EQ(out.boxes.size(), 3u);
  EXPECT_EQ(out.confidence.size(), 3u);
  EXPECT_EQ(out.seconds.size(), 3u);
  EXPECT_EQ(tracker.updates, 2);  // frames 1 and 2; frame 0 is the init frame
  for (const auto& b : out.boxes) EXPECT_TRUE(b.has_value());
}

TEST(SequenceRunner, UnreadableInitFrameStillThrows) {
  spot::test::TempDir d;
  const auto seq = damaged_sequence(d.path(), 0);
  StillTracker tracker;
  spot::track::RunOptions options;
  bool called = false;
  options.on_unreadable_frame = [&](int, const std::string&) { called = true; };
  EXPECT_THROW(spot::track::run_sequence(tracker, seq, options), spot::Error);
  EXPECT_FALSE(called);
}

}  // namespace
