// TemplateRefiner on generated frames: it lines a box that is a few px off up with a textured
// target, never moves it beyond its search window, leaves it alone where nothing matches, and
// follows an appearance that changes slowly only when it learns.
#include <cmath>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "spot/track/template_refiner.hpp"
#include "support/errors.hpp"
#include "support/textured_frames.hpp"

using spot::geometry::Box;
using spot::track::RefineConfig;
using spot::track::TemplateRefiner;
using spot::test::frame_with;
using spot::test::pattern;

namespace {

double centre_error(const Box& b, double cx, double cy) { return std::hypot(b.center().x - cx, b.center().y - cy); }

}  // namespace

TEST(TemplateRefiner, LinesAnOffBoxUpWithTheTarget) {
  const cv::Mat target = pattern(40, 24, 1);
  TemplateRefiner r;
  r.init(frame_with(target, 100, 80, 2), Box{100, 80, 40, 24});
  // The target moved to (150, 120); the map's box is 9 px right and 6 px up of it (under 0.5 sizes).
  const Box off{159, 114, 40, 24};
  const Box out = r.refine(frame_with(target, 150, 120, 3), off, /*learn=*/false);
  EXPECT_GT(centre_error(off, 170, 132), 10.0);
  EXPECT_LT(centre_error(out, 170, 132), 1.5) << out.x << "," << out.y;
  EXPECT_DOUBLE_EQ(out.w, 40);
  EXPECT_DOUBLE_EQ(out.h, 24);
  EXPECT_GT(r.last_match(), 0.9);
}

TEST(TemplateRefiner, LargeTargetsAreMatchedAtAReducedScaleJustAsWell) {
  const cv::Mat target = pattern(120, 80, 4);
  TemplateRefiner r;  // max_template_px 32: matched at about a third of the frame's resolution
  r.init(frame_with(target, 40, 40, 5), Box{40, 40, 120, 80});
  const Box out = r.refine(frame_with(target, 90, 100, 6), Box{110, 80, 120, 80}, false);
  EXPECT_LT(centre_error(out, 150, 140), 4.0) << out.x << "," << out.y;
}

TEST(TemplateRefiner, NeverMovesTheBoxBeyondItsSearchWindow) {
  const cv::Mat target = pattern(30, 30, 7);
  RefineConfig c;
  c.accept_ncc = -1;  // take any best match: only the window bounds the move
  TemplateRefiner r(c);
  r.init(frame_with(target, 20, 20, 8), Box{20, 20, 30, 30});
  // The true target is far from the box; the window (0.5 sizes each way) does not reach it.
  const Box in{40, 150, 30, 30};
  const Box out = r.refine(frame_with(target, 250, 30, 9), in, false);
  EXPECT_LE(std::abs(out.x - in.x), 0.5 * 30 + 1);
  EXPECT_LE(std::abs(out.y - in.y), 0.5 * 30 + 1);
}

TEST(TemplateRefiner, LeavesTheBoxWhereNothingMatchesWellEnough) {
  const cv::Mat target = pattern(30, 30, 10);
  TemplateRefiner r;  // accept_ncc 0.6
  r.init(frame_with(target, 20, 20, 11), Box{20, 20, 30, 30});
  const Box in{120, 100, 30, 30};
  const Box out = r.refine(frame_with(cv::Mat(), 0, 0, 12), in, false);  // no target: noise only
  EXPECT_LT(r.last_match(), 0.6);
  EXPECT_DOUBLE_EQ(out.x, in.x);
  EXPECT_DOUBLE_EQ(out.y, in.y);
}

TEST(TemplateRefiner, SmallBoxesAndDisabledRefinementAreLeftAlone) {
  const cv::Mat target = pattern(6, 6, 13);
  TemplateRefiner small;  // min_target_px 8
  small.init(frame_with(target, 50, 50, 14), Box{50, 50, 6, 6});
  const Box in{53, 52, 6, 6};
  EXPECT_DOUBLE_EQ(small.refine(frame_with(target, 50, 50, 15), in, false).x, in.x);
  RefineConfig off;
  off.enabled = false;
  TemplateRefiner disabled(off);
  const cv::Mat big = pattern(40, 40, 16);
  disabled.init(frame_with(big, 50, 50, 17), Box{50, 50, 40, 40});
  const Box b{58, 55, 40, 40};
  EXPECT_DOUBLE_EQ(disabled.refine(frame_with(big, 50, 50, 18), b, true).x, b.x);
}

TEST(TemplateRefiner, FollowsASlowlyChangingAppearanceOnlyWhenItLearns) {
  // The target fades from pattern A into an unrelated pattern B over 20 frames, standing still.
  const cv::Mat a = pattern(40, 40, 19), b = pattern(40, 40, 20);
  const auto run = [&](double rate) {
    RefineConfig c;
    c.template_rate = rate;
    TemplateRefiner r(c);
    r.init(frame_with(a, 100, 100, 21, 5), Box{100, 100, 40, 40});
    for (int t = 1; t <= 20; ++t) {
      cv::Mat mix;
      cv::addWeighted(a, 1 - t / 20.0, b, t / 20.0, 0, mix);
      r.refine(frame_with(mix, 100, 100, 100 + t, 5), Box{100, 100, 40, 40}, /*learn=*/true);
    }
    // Then B alone, the box 8 px off.
    return r.refine(frame_with(b, 100, 100, 200, 5), Box{108, 94, 40, 40}, true);
  };
  EXPECT_LT(centre_error(run(0.3), 120, 120), 1.5);  // learnt B: lined up
  EXPECT_GT(centre_error(run(0.0), 120, 120), 8.0);  // still A's template: no good match, box left off
}

TEST(RefineConfig, InvalidValuesAreClearErrors) {
  RefineConfig c;
  c.search = 0;
  spot::test::expect_contains(spot::test::error_of([&] { c.validate("t.toml"); }), {"t.toml", "search = 0"});
  c = {};
  c.template_rate = 1.5;
  spot::test::expect_contains(spot::test::error_of([&] { TemplateRefiner r(c); }), {"template_rate = 1.5"});
  c = {};
  c.scale_decay = -0.1;
  spot::test::expect_contains(spot::test::error_of([&] { c.validate("t.toml"); }), {"scale_decay = -0.1"});
}

TEST(TemplateRefiner, AFlatTargetIsNotMatched) {
  // A uniform patch correlates equally (1) with every window position: the box must stay put.
  const cv::Mat plain(30, 30, CV_8UC3, cv::Scalar(40, 200, 220));
  RefineConfig c;
  c.accept_ncc = -1;
  TemplateRefiner r(c);
  r.init(frame_with(plain, 50, 50, 22), Box{50, 50, 30, 30});
  const Box in{60, 58, 30, 30};
  const Box out = r.refine(frame_with(plain, 50, 50, 23), in, true);
  EXPECT_DOUBLE_EQ(out.x, in.x);
  EXPECT_DOUBLE_EQ(out.y, in.y);
}

TEST(TemplateRefiner, MatchNearSaysHowMuchAPlaceLooksLikeTheTarget) {
  const cv::Mat target = pattern(30, 30, 24), other = pattern(30, 30, 25);
  TemplateRefiner r;
  r.init(frame_with(target, 20, 20, 26), Box{20, 20, 30, 30});
  cv::Mat frame = frame_with(target, 200, 150, 27);
  other.copyTo(frame(cv::Rect(60, 150, 30, 30)));
  const double at_target = r.match_near(frame, Box{205, 146, 30, 30});
  const double at_other = r.match_near(frame, Box{62, 152, 30, 30});
  EXPECT_GT(at_target, 0.9);
  EXPECT_LT(at_other, 0.6);
  EXPECT_DOUBLE_EQ(r.last_match(), 0.0);  // match_near changes nothing
  EXPECT_DOUBLE_EQ(r.match_near(frame, Box{205, 146, 4, 4}), 0.0);  // under min_target_px: not matched
}

namespace {

// The target grows 3 % a frame for 20 frames (1.8x) while the tracker keeps giving the init size:
// the refined box's width at the end, with these scale settings (scale_rate 0.3).
double width_after_growth(double step, double decay) {
  const cv::Mat base = pattern(40, 40, 28);
  RefineConfig c;
  c.scale_step = step;
  c.scale_rate = 0.3;
  c.scale_decay = decay;
  TemplateRefiner r(c);
  r.init(frame_with(base, 100, 80, 29, 5), Box{100, 80, 40, 40});
  Box out;
  for (int t = 1; t <= 20; ++t) {
    const int side = static_cast<int>(std::lround(40 * std::pow(1.03, t)));
    cv::Mat grown;
    cv::resize(base, grown, {side, side}, 0, 0, cv::INTER_NEAREST);
    // Centred at (120, 100) as the target grows; the given box stays 40 px there.
    out = r.refine(frame_with(grown, 120 - side / 2, 100 - side / 2, 300 + t, 5), Box{100, 80, 40, 40}, false);
  }
  return out.w;
}

}  // namespace

TEST(TemplateRefiner, ScaleSearchFollowsATargetThatGrows) {
  const double final_side = 40 * std::pow(1.03, 20);
  EXPECT_DOUBLE_EQ(width_after_growth(1.0, 0), 40.0);  // off: the size as given
  const double w = width_after_growth(1.1, 0);          // the search alone (the pull back: below)
  EXPECT_GT(w, 40 + 0.6 * (final_side - 40)) << w;     // most of the growth followed ...
  EXPECT_LT(w, 1.15 * final_side) << w;                // ... without running away
}

TEST(TemplateRefiner, ScaleDecayPullsTheSizeBackToTheSizeGiven) {
  // In the tracker the size given (the box head's) follows the growth too; here it does not, so
  // the pull back costs part of the growth, and a full pull (1) leaves only one step's worth.
  const double none = width_after_growth(1.1, 0), some = width_after_growth(1.1, 0.05);
  const double full = width_after_growth(1.1, 1);
  EXPECT_LT(some, none);
  EXPECT_GT(some, 40 + 0.3 * (none - 40)) << some;  // a good part of the growth still followed
  EXPECT_LE(full, 40 * 1.03 + 1e-9) << full;         // 1 + 0.3 x 0.1: one step from the size given
}
