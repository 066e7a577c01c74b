// One parametrised suite runs every tracker, SPOT (default shipped weights) and every OpenCV
// baseline, through the spot::track::Tracker interface on the same synthetic clip (a textured square
// sliding over a textured background).
#include <cmath>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "spot/baselines/opencv_trackers.hpp"
#include "spot/error.hpp"
#include "spot/track/spot_tracker.hpp"

using spot::geometry::Box;

namespace {

cv::Mat background() {
  cv::Mat bg(240, 320, CV_8UC3);
  cv::RNG rng(7);
  rng.fill(bg, cv::RNG::UNIFORM, 60, 120);
  cv::GaussianBlur(bg, bg, {0, 0}, 3.0);
  return bg;
}

// Frame t: the 30x30 checkerboard target at (40 + 3t, 80 + t).
cv::Mat frame_at(const cv::Mat& bg, int t, Box* where) {
  cv::Mat f = bg.clone();
  const int x = 40 + 3 * t, y = 80 + t;
  for (int r = 0; r < 30; ++r)
    for (int c = 0; c < 30; ++c)
      f.at<cv::Vec3b>(y + r, x + c) = ((r / 6 + c / 6) % 2) ? cv::Vec3b(250, 250, 20) : cv::Vec3b(10, 10, 200);
  if (where) *where = Box{double(x), double(y), 30, 30};
  return f;
}

class EveryTracker : public ::testing::TestWithParam<std::string> {};

std::unique_ptr<spot::track::Tracker> make(const std::string& name) {
  if (name == "spot") return std::make_unique<spot::track::SpotTracker>();
  return spot::baselines::make_baseline(name);
}

std::vector<std::string> every_tracker() {
  std::vector<std::string> names{"spot"};
  for (const auto& n : spot::baselines::baseline_names()) names.push_back(n);
  return names;
}

TEST_P(EveryTracker, FollowsAnEasyTargetThroughTheInterface) {
  auto tracker = make(GetParam());
  EXPECT_EQ(tracker->name(), GetParam());
  const cv::Mat bg = background();
  Box gt;
  tracker->init(frame_at(bg, 0, &gt), gt);
  int hits = 0, present = 0;
  const int n = 30;
  for (int t = 1; t <= n; ++t) {
    const cv::Mat f = frame_at(bg, t, &gt);
    const auto r = tracker->update(f);
    ASSERT_TRUE(r.box.finite());
    // The OpenCV trackers have no confidence (1 = update() succeeded); SPOT's is a score in 0..1.
    if (GetParam() == "spot") {
      EXPECT_TRUE(r.score >= 0.0 && r.score <= 1.0) << r.score;
    } else {
      EXPECT_TRUE(r.score == 0.0 || r.score == 1.0);
    }
    if (r.present) {
      ++present;
      const auto c = r.box.center();
      hits += spot::geometry::contains(gt, c);
    }
  }
  // KCF and MOSSE are known to give up for good (see docs/BASELINES.md); the others must follow
  // this slow, high-contrast target in nearly every frame.
  if (GetParam() != "kcf" && GetParam() != "mosse") {
    EXPECT_GE(hits, n - 3) << GetParam() << " present in " << present << " frames";
  }
}

TEST_P(EveryTracker, RejectsBadUse) {
  auto tracker = make(GetParam());
  const cv::Mat bg = background();
  EXPECT_THROW(tracker->update(bg), spot::Error);
  EXPECT_THROW(tracker->init(bg, Box{10, 10, 0, 5}), spot::Error);
  EXPECT_THROW(tracker->init(bg, Box{1000, 10, 5, 5}), spot::Error);
  EXPECT_THROW(tracker->init(cv::Mat(), Box{10, 10, 5, 5}), spot::Error);
}

// A 1x1 px target makes some OpenCV trackers throw inside; for a baseline that is a lost target,
// never an error that would stop a whole `spot run`.
TEST_P(EveryTracker, TinyTargetIsAFailureNotAnError) {
  auto tracker = make(GetParam());
  const cv::Mat bg = background();
  ASSERT_NO_THROW(tracker->init(bg, Box{100, 100, 1, 1}));
  for (int t = 0; t < 3; ++t) {
    spot::track::TrackResult r;
    ASSERT_NO_THROW(r = tracker->update(bg));
    EXPECT_TRUE(r.box.finite());
  }
}

INSTANTIATE_TEST_SUITE_P(All, EveryTracker,
                         ::testing::ValuesIn(every_tracker()),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (auto& ch : n) if (ch == '-') ch = '_';
                           return n;
                         });

TEST(MakeBaseline, UnknownNameListsTheValidOnes) {
  try {
    spot::baselines::make_baseline("nope");
    FAIL();
  } catch (const spot::Error& e) {
    EXPECT_NE(std::string(e.what()).find("unknown tracker 'nope'"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("csrt"), std::string::npos);
  }
}

}  // namespace
