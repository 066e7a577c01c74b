// LocalTracker on generated frames: it follows a moving textured target from the remembered frame,
// starts from the remembered part of that frame exactly as from the whole frame, gives no answer
// when it has nothing to start from, and keeps to its limits without errors.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/tracking.hpp>

#include "spot/track/local_tracker.hpp"
#include "support/errors.hpp"
#include "support/textured_frames.hpp"

using spot::geometry::Box;
using spot::test::frame_with;
using spot::test::pattern;
using spot::track::LocalTracker;
using spot::track::LocalTrackerConfig;

namespace {

// On, with OpenCV's CSRT settings.
LocalTrackerConfig on() {
  LocalTrackerConfig c;
  c.enabled = true;
  return c;
}

// Frame t of a 30x24 target moving 4 px right and 2 px down per frame (fresh noise every frame).
cv::Mat moving(int t) { return frame_with(pattern(30, 24, 1), 60 + 4 * t, 70 + 2 * t, 100 + t); }
Box truth(int t) { return {60.0 + 4 * t, 70.0 + 2 * t, 30, 24}; }

}  // namespace

TEST(LocalTracker, FollowsAMovingTargetFromTheRememberedFrame) {
  LocalTracker local(on());
  local.remember(moving(0), truth(0));
  for (int t = 1; t <= 20; ++t) {
    const auto b = local.track(moving(t));
    ASSERT_TRUE(b) << "frame " << t;
    EXPECT_LE(std::hypot(b->center().x - truth(t).center().x, b->center().y - truth(t).center().y), 3.0)
        << "frame " << t;
  }
  EXPECT_EQ(local.frames_tracked(), 20);
}

// remember() copies only the part of the frame around the target: CSRT must read nothing outside it.
// Also with CSRT's segmentation and colour names off, which must reach CSRT: its path changes.
TEST(LocalTracker, StartsFromTheRememberedPartAsFromTheWholeFrame) {
  std::vector<std::vector<cv::Rect>> paths;
  for (const bool full : {true, false}) {
    LocalTrackerConfig c = on();
    c.segmentation = c.colour_names = full;
    LocalTracker local(c);
    local.remember(moving(0), truth(0));
    cv::TrackerCSRT::Params p;
    p.template_size = static_cast<float>(c.template_size);
    p.admm_iterations = c.admm_iterations;
    p.number_of_scales = c.number_of_scales;
    p.psr_threshold = static_cast<float>(c.psr_threshold);
    p.use_segmentation = full;
    p.use_color_names = full;
    auto whole = cv::TrackerCSRT::create(p);
    whole->init(moving(0), cv::Rect(60, 70, 30, 24));
    paths.emplace_back();
    for (int t = 1; t <= 10; ++t) {
      const cv::Mat f = moving(t);
      cv::Rect r;
      ASSERT_TRUE(whole->update(f, r));
      const auto b = local.track(f);
      ASSERT_TRUE(b) << "frame " << t;
      const cv::Rect got(static_cast<int>(b->x), static_cast<int>(b->y), static_cast<int>(b->w), static_cast<int>(b->h));
      EXPECT_EQ(got, r) << "frame " << t << (full ? "" : ", cheap settings");
      paths.back().push_back(got);
    }
  }
  EXPECT_NE(paths[0], paths[1]);
}

TEST(LocalTracker, NoAnswerWithoutARememberedFrameOfThisSize) {
  LocalTracker local(on());
  EXPECT_FALSE(local.track(moving(1)));  // nothing remembered
  local.remember(moving(0), truth(0));
  cv::Mat larger;
  cv::resize(moving(1), larger, {640, 480});
  EXPECT_FALSE(local.track(larger));
  EXPECT_TRUE(local.track(moving(1)));
  local.reset();
  EXPECT_FALSE(local.track(moving(2)));
  LocalTracker disabled(LocalTrackerConfig{});  // off by default
  disabled.remember(moving(0), truth(0));
  EXPECT_FALSE(disabled.track(moving(1)));
}

TEST(LocalTracker, StopsAfterMaxFramesUntilTheNextRememberedFrame) {
  LocalTrackerConfig c = on();
  c.max_frames = 3;
  LocalTracker local(c);
  local.remember(moving(0), truth(0));
  for (int t = 1; t <= 3; ++t) EXPECT_TRUE(local.track(moving(t))) << "frame " << t;
  EXPECT_FALSE(local.track(moving(4)));
  local.remember(moving(4), truth(4));
  EXPECT_EQ(local.frames_tracked(), 0);
  EXPECT_TRUE(local.track(moving(5)));
}

TEST(LocalTracker, ABoxOfAFewPixelsOrOutsideTheFrameGivesNoAnswerAndNoError) {
  LocalTracker local(on());
  local.remember(moving(0), Box{100, 100, 2, 2});
  EXPECT_FALSE(local.track(moving(1)));
  local.remember(moving(0), Box{1000, 1000, 30, 30});
  EXPECT_FALSE(local.track(moving(1)));
  local.remember(moving(0), Box{317, 237, 30, 30});  // mostly outside: what is left is 3 x 3 px
  EXPECT_FALSE(local.track(moving(1)));
}

TEST(LocalTrackerConfig, InvalidValuesAreClearErrors) {
  LocalTrackerConfig c;
  c.template_size = 8;
  spot::test::expect_contains(spot::test::error_of([&] { c.validate("t.toml"); }), {"t.toml", "template_size = 8"});
  c = {};
  c.min_score = 2;
  spot::test::expect_contains(spot::test::error_of([&] { LocalTracker l(c); }), {"min_score = 2"});
  c = {};
  c.max_frames = -1;
  spot::test::expect_contains(spot::test::error_of([&] { LocalTracker l(c); }), {"max_frames = -1"});
}
