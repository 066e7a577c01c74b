// SpotTracker through the Tracker interface, with a model file written by the test (untrained
// heads on the pretrained backbone): contracts, presence threshold, whole-frame output.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <vector>
#include <memory>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/tracking.hpp>

#include "spot/error.hpp"
#include "spot/model/checkpoint.hpp"
#include "spot/model/spot_model.hpp"
#include "spot/track/spot_tracker.hpp"
#include "support/errors.hpp"
#include "support/paths.hpp"

namespace fs = std::filesystem;
using spot::geometry::Box;

namespace {

fs::path write_model(const fs::path& dir, const nlohmann::json& tracker_meta = nullptr) {
  spot::model::ModelConfig mc;
  torch::manual_seed(3);
  spot::model::SpotModel m(mc);
  nlohmann::json meta = {{"step", 0}, {"config", {{"model", nlohmann::json::object()}}}};
  auto copy = mc;
  meta["config"]["model"] = spot::util::fields_to_json(copy.fields());
  if (!tracker_meta.is_null()) meta["tracker"] = tracker_meta;
  const fs::path file = dir / "m.pt";
  spot::model::save_checkpoint(file, *m, nullptr, meta);
  return file;
}

// The default tracker settings with a model file written into d.
spot::track::SpotTrackerConfig config_with_model(const spot::test::TempDir& d) {
  spot::track::SpotTrackerConfig c;
  c.weights = write_model(d.path()).string();
  return c;
}

cv::Mat frame_with_target(int x, int y) {
  cv::Mat f(180, 320, CV_8UC3, cv::Scalar(90, 100, 110));
  cv::rectangle(f, cv::Rect(x, y, 12, 12), cv::Scalar(20, 200, 240), cv::FILLED);
  return f;
}

TEST(SpotTracker, ContractsAndOutputs) {
  spot::test::TempDir d;
  auto c = config_with_model(d);
  spot::track::SpotTracker t(c);
  EXPECT_EQ(t.name(), "spot");
  EXPECT_THROW(t.update(frame_with_target(10, 10)), spot::Error);
  EXPECT_THROW(t.init(frame_with_target(10, 10), Box{10, 10, 0, 12}), spot::Error);
  t.init(frame_with_target(40, 50), Box{40, 50, 12, 12});
  for (int k = 0; k < 3; ++k) {
    const auto r = t.update(frame_with_target(200 - 30 * k, 120));
    ASSERT_TRUE(r.box.finite());
    EXPECT_GE(r.score, 0.0);
    EXPECT_LE(r.score, 1.0);
    EXPECT_GT(r.box.w, 0.0);
    // The box centre is a location of the whole frame (global search), not of a window.
    const auto p = r.box.center();
    EXPECT_GE(p.x, 0.0);
    EXPECT_LE(p.x, 320.0);
    EXPECT_GE(p.y, 0.0);
    EXPECT_LE(p.y, 180.0);
  }
}

TEST(SpotTracker, ATargetBelowTheOnlineSizeRampTracksOnTheOfflineMapAlone) {
  spot::test::TempDir d;
  auto c = config_with_model(d);
  c.presence_threshold = 0.0;
  c.online.zero_weight_px = 16;  // the 12 px target gets no online model ...
  c.online.full_weight_px = 32;
  c.upscale_below_px = 0;        // (the ramp counts input px: enlarged, the target would pass 16 px)
  spot::track::SpotTracker small(c);
  small.init(frame_with_target(40, 50), Box{40, 50, 12, 12});
  c.online.enabled = false;  // ... so it scores exactly like the tracker without one
  spot::track::SpotTracker offline(c);
  offline.init(frame_with_target(40, 50), Box{40, 50, 12, 12});
  for (int k = 0; k < 3; ++k) {
    const auto a = small.update(frame_with_target(200 - 30 * k, 120));
    const auto b = offline.update(frame_with_target(200 - 30 * k, 120));
    EXPECT_DOUBLE_EQ(a.score, b.score);
    EXPECT_DOUBLE_EQ(a.box.x, b.box.x);
  }
}

// background_learning: the online model's refit runs on a thread of its own between update()s; the
// next update() waits for it, so every frame is scored by the same filter as when it learns in place.
TEST(SpotTracker, LearningInTheBackgroundGivesTheSameNumbersAsLearningInPlace) {
  spot::test::TempDir d;
  auto c = config_with_model(d);
  c.presence_threshold = 0.0;
  c.update_threshold = 0.0;  // learn from every frame ...
  c.update_interval = 1;
  c.background_learning = true;
  spot::track::SpotTracker background(c);
  c.background_learning = false;
  spot::track::SpotTracker in_place(c);
  c.update_interval = 1000;  // ... and a tracker that never learns, to see that learning matters here
  spot::track::SpotTracker never(c);
  bool learning_mattered = false;
  for (int video = 0; video < 2; ++video) {  // init() again while a refit may still be running
    for (auto* t : {&background, &in_place, &never}) {
      t->init(frame_with_target(40, 50 + video), Box{40, 50.0 + video, 12, 12});
    }
    for (int k = 0; k < 8; ++k) {
      const auto f = frame_with_target(60 + 17 * k, 50 + 9 * k);
      const auto a = background.update(f);
      const auto b = in_place.update(f);
      const auto n = never.update(f);
      EXPECT_DOUBLE_EQ(a.score, b.score) << "video " << video << " frame " << k;
      EXPECT_DOUBLE_EQ(a.box.x, b.box.x);
      EXPECT_DOUBLE_EQ(a.box.y, b.box.y);
      EXPECT_DOUBLE_EQ(a.box.w, b.box.w);
      EXPECT_EQ(a.present, b.present);
      learning_mattered = learning_mattered || a.score != n.score;
    }
  }
  EXPECT_TRUE(learning_mattered);
}

// centroid_threshold: near 1 only the peak cell itself counts, so the point is that cell's centre,
// exactly the point without the option (checks the centroid's cell-to-pixel convention); a low
// threshold moves the point by at most half the target's size.
TEST(SpotTracker, CentroidOfThePeakStaysWithinHalfTheTarget) {
  spot::test::TempDir d;
  auto c = config_with_model(d);
  c.presence_threshold = 0.0;
  c.centroid_threshold = 0;
  c.refine.enabled = false;  // the map's own point, not lined up by the template
  c.update_threshold = 0.0;  // the online model learns from every frame: its state must not see the centroid
  c.update_interval = 1;
  spot::track::SpotTracker peak(c);
  c.centroid_threshold = 0.9999;
  spot::track::SpotTracker tight(c);
  c.centroid_threshold = 0.05;
  spot::track::SpotTracker loose(c);
  for (auto* t : {&peak, &tight, &loose}) t->init(frame_with_target(40, 50), Box{40, 50, 12, 12});
  bool moved = false;
  for (int k = 0; k < 3; ++k) {
    const auto f = frame_with_target(200 - 30 * k, 120);
    const auto rp = peak.update(f), rl = loose.update(f);
    const auto a = rp.box.center(), b = tight.update(f).box.center(), l = rl.box.center();
    // Only the reported box moves: the tracker's state (prior, online model) follows the peak.
    EXPECT_DOUBLE_EQ(rp.score, rl.score);
    EXPECT_DOUBLE_EQ(a.x, b.x);
    EXPECT_DOUBLE_EQ(a.y, b.y);
    EXPECT_LE(std::abs(l.x - a.x), 6.0 + 1e-9);  // half of the 12 px target
    EXPECT_LE(std::abs(l.y - a.y), 6.0 + 1e-9);
    moved = moved || l.x != a.x || l.y != a.y;
  }
  EXPECT_TRUE(moved);  // the untrained model's map is not a single-cell spike
  c.centroid_threshold = 1.0;
  EXPECT_THROW(spot::track::SpotTracker{c}, spot::Error);
}

// A target whose texture turns into another one over `frames` frames (k = 0: the first texture).
cv::Mat frame_with_changing_target(int x, int y, int k, int frames) {
  cv::Mat f(180, 320, CV_8UC3, cv::Scalar(90, 100, 110)), first(6, 6, CV_8UC3), second(6, 6, CV_8UC3), blend, target;
  cv::RNG(5).fill(first, cv::RNG::UNIFORM, cv::Scalar::all(0), cv::Scalar::all(255));
  cv::RNG(6).fill(second, cv::RNG::UNIFORM, cv::Scalar::all(0), cv::Scalar::all(255));
  const double a = std::min(1.0, static_cast<double>(k) / frames);
  cv::addWeighted(first, 1 - a, second, a, 0, blend);
  cv::resize(blend, target, {24, 24}, 0, 0, cv::INTER_NEAREST);
  target.copyTo(f(cv::Rect(x, y, 24, 24)));
  return f;
}

// A textured 24 px target (fixed random blocks) on a plain frame: something to match a template on.
cv::Mat frame_with_textured_target(int x, int y) { return frame_with_changing_target(x, y, 0, 1); }

TEST(SpotTracker, TheTemplateLinesTheReportedBoxUpButNotTheState) {
  spot::test::TempDir d;
  auto c = config_with_model(d);
  c.presence_threshold = 0.0;
  c.update_threshold = 0.0;  // the online model learns from every frame: its state must not see the refined box
  c.update_interval = 1;
  c.refine.accept_ncc = 0.9;  // only a sure match moves the box
  spot::track::SpotTracker refined(c);
  c.refine.enabled = false;
  spot::track::SpotTracker plain(c);
  for (auto* t : {&refined, &plain}) t->init(frame_with_textured_target(40, 50), Box{40, 50, 24, 24});
  double error_refined = 0, error_plain = 0;
  for (int k = 0; k < 4; ++k) {
    const int x = 60 + 25 * k, y = 60 + 10 * k;
    const auto f = frame_with_textured_target(x, y);
    const auto a = refined.update(f), b = plain.update(f);
    EXPECT_DOUBLE_EQ(a.score, b.score);  // same state, same maps, same choices
    EXPECT_DOUBLE_EQ(a.box.w, b.box.w);
    error_refined += std::hypot(a.box.center().x - (x + 12), a.box.center().y - (y + 12));
    error_plain += std::hypot(b.box.center().x - (x + 12), b.box.center().y - (y + 12));
  }
  EXPECT_GT(error_plain, 4.0);  // the untrained model's boxes are off the target's middle ...
  EXPECT_LT(error_refined, 0.5 * error_plain) << error_refined << " vs " << error_plain;  // ... lined up here
}

// Template hold: with a threshold no map score reaches, every frame is absent unless the target's
// template holds it. It holds a target that stays within hold_search target sizes of where it was
// reported (at the target, scored at the threshold), lets go when the target is gone (plain
// background: nothing matches), and does not reach a target that comes back far away.
TEST(SpotTracker, TheTemplateHoldsANearbyTargetButNotAFarOrMissingOne) {
  spot::test::TempDir d;
  auto c = config_with_model(d);
  c.presence_threshold = 0.99;
  c.association.hold_min_score = 0;  // the untrained map's values say nothing here
  c.local.enabled = false;  // the hold alone
  c.association.hold_ncc = 0;  // off
  spot::track::SpotTracker plain(c);
  c.association.hold_ncc = 0.7;
  spot::track::SpotTracker held(c);
  for (auto* t : {&plain, &held}) t->init(frame_with_textured_target(40, 50), Box{40, 50, 24, 24});
  for (int k = 1; k <= 4; ++k) {
    const int x = 40 + 12 * k, y = 50 + 5 * k;  // half a target size per frame
    const auto f = frame_with_textured_target(x, y);
    const auto a = held.update(f), b = plain.update(f);
    EXPECT_FALSE(b.present);
    ASSERT_LT(b.score, 0.99);
    ASSERT_TRUE(a.present) << "frame " << k;
    EXPECT_DOUBLE_EQ(a.score, 0.99);  // the map's score at the held place is lower: raised to the threshold
    EXPECT_LE(std::hypot(a.box.center().x - (x + 12), a.box.center().y - (y + 12)), 2.0) << "frame " << k;
  }
  const cv::Mat empty(180, 320, CV_8UC3, cv::Scalar(90, 100, 110));
  EXPECT_FALSE(held.update(empty).present);
  EXPECT_FALSE(held.update(frame_with_textured_target(260, 120)).present);  // ~7 target sizes away
  c.association.hold_ncc = 1.5;
  EXPECT_THROW(spot::track::SpotTracker{c}, spot::Error);
}

// hold_min_score: a held place must also score at least this on the map; the (untrained) map scores
// under 0.99 everywhere, so a floor of 0.99 lets every frame go that the hold alone keeps.
TEST(SpotTracker, TheHoldLetsGoWhereTheMapScoresUnderItsFloor) {
  spot::test::TempDir d;
  auto c = config_with_model(d);
  c.presence_threshold = 0.99;
  c.association.hold_min_score = 0;
  c.local.enabled = false;  // the hold alone
  spot::track::SpotTracker held(c);
  c.association.hold_min_score = 0.99;
  spot::track::SpotTracker floored(c);
  for (auto* t : {&held, &floored}) t->init(frame_with_textured_target(40, 50), Box{40, 50, 24, 24});
  for (int k = 1; k <= 3; ++k) {
    const auto f = frame_with_textured_target(40 + 12 * k, 50 + 5 * k);
    const auto a = held.update(f), b = floored.update(f);
    EXPECT_TRUE(a.present) << "frame " << k;
    EXPECT_FALSE(b.present) << "frame " << k;
    EXPECT_LT(b.score, 0.99);
  }
  c.association.hold_min_score = 1.5;
  EXPECT_THROW(spot::track::SpotTracker{c}, spot::Error);
}

// The local tracker: with a threshold no map score reaches and the hold off, SPOT is never sure,
// so the local tracker (started from the init frame) answers every frame where the map's answer is
// away or absent. It follows a target that walks away from where the hold would look, at the
// threshold's score; without it (or with a floor the map does not reach) every frame is absent.
// Settings under which SPOT is never sure and the local tracker alone answers (the test below).
spot::track::SpotTrackerConfig local_only_config(const spot::test::TempDir& d) {
  auto c = config_with_model(d);
  c.presence_threshold = 0.99;
  c.association.hold_ncc = 0;  // the local tracker alone
  c.local.enabled = true;
  c.local.min_score = 0;       // the untrained map's values say nothing here
  return c;
}

TEST(SpotTracker, TheLocalTrackerFollowsTheTargetWhereTheMapIsNotSure) {
  spot::test::TempDir d;
  auto c = local_only_config(d);
  spot::track::SpotTracker local(c);
  c.local.min_score = 0.99;
  spot::track::SpotTracker floored(c);
  c.local.min_score = 0;
  c.local.absent_frames = false;  // every frame's map says absent here: never taken
  spot::track::SpotTracker present_only(c);
  c.local.enabled = false;
  spot::track::SpotTracker plain(c);
  for (auto* t : {&local, &floored, &present_only, &plain}) {
    t->init(frame_with_textured_target(40, 50), Box{40, 50, 24, 24});
  }
  for (int k = 1; k <= 12; ++k) {
    const int x = 40 + 10 * k, y = 50 + 4 * k;  // 130 px away by the last frame
    const auto f = frame_with_textured_target(x, y);
    const auto a = local.update(f), b = floored.update(f), p = plain.update(f), q = present_only.update(f);
    EXPECT_FALSE(p.present) << "frame " << k;
    EXPECT_FALSE(q.present) << "frame " << k;
    EXPECT_FALSE(b.present) << "frame " << k;
    ASSERT_TRUE(a.present) << "frame " << k;
    EXPECT_DOUBLE_EQ(a.score, 0.99);  // raised to the threshold, like a held frame
    EXPECT_LE(std::hypot(a.box.center().x - (x + 12), a.box.center().y - (y + 12)), 3.0) << "frame " << k;
  }
  c.local.template_size = 3;
  EXPECT_THROW(spot::track::SpotTracker{c}, spot::Error);
}

TEST(SpotTracker, TheLocalTrackersBoxMustMatchTheInitTemplateWhenAsked) {
  spot::test::TempDir d;
  auto c = local_only_config(d);
  spot::track::SpotTracker any(c);
  c.local.min_ncc = 0.6;
  spot::track::SpotTracker matching(c);
  for (auto* t : {&any, &matching}) t->init(frame_with_changing_target(40, 50, 0, 12), Box{40, 50, 24, 24});
  int first_kept = 0, last_kept = 0;
  for (int k = 1; k <= 16; ++k) {
    const int x = 40 + 6 * k, y = 50 + 3 * k;
    const auto f = frame_with_changing_target(x, y, k, 12);
    const auto a = any.update(f), b = matching.update(f);
    // Without the guard the local tracker follows the target as its texture changes ...
    ASSERT_TRUE(a.present) << "frame " << k;
    EXPECT_LE(std::hypot(a.box.center().x - (x + 12), a.box.center().y - (y + 12)), 3.0) << "frame " << k;
    // ... with it, the frames stop counting once the target no longer looks like the init frame's.
    if (b.present) {
      EXPECT_EQ(b.box.x, a.box.x) << "frame " << k;  // the same local tracker's box where kept
      first_kept += k <= 4;
      last_kept += k >= 9;
    }
  }
  EXPECT_EQ(first_kept, 4);  // still close to the init texture
  EXPECT_EQ(last_kept, 0);   // frames 9..16: two thirds of the way to the other texture and beyond
  c.local.min_ncc = 1.0;
  EXPECT_THROW(spot::track::SpotTracker{c}, spot::Error);
}

TEST(SpotTracker, ALocalTrackerRunningEveryFrameIsWeighedAgainstTheMapInEveryFrame) {
  spot::test::TempDir d;
  auto c = config_with_model(d);
  c.presence_threshold = 0;           // every frame's map answer is present ...
  c.association.confident_score = 0;  // ... and sure where it is near the last place
  c.association.hold_ncc = 0;
  c.local.enabled = true;
  c.local.min_score = 0;  // the local tracker's place always scores enough: it wins wherever it disagrees
  c.local.min_share = 0;
  c.local.report_box = true;  // ... and its box is reported where it agrees
  spot::track::SpotTracker lazy(c);
  c.local.every_frame = true;
  spot::track::SpotTracker every(c);
  const Box start{40, 50, 24, 24};
  for (auto* t : {&lazy, &every}) t->init(frame_with_textured_target(40, 50), start);
  // So with every_frame the reported boxes are CSRT's path, never restarted.
  cv::TrackerCSRT::Params p;
  p.template_size = static_cast<float>(c.local.template_size);
  p.admm_iterations = c.local.admm_iterations;
  p.number_of_scales = c.local.number_of_scales;
  p.psr_threshold = static_cast<float>(c.local.psr_threshold);
  auto csrt = cv::TrackerCSRT::create(p);
  csrt->init(frame_with_textured_target(40, 50), cv::Rect(40, 50, 24, 24));
  int lazy_differs = 0;
  for (int k = 1; k <= 12; ++k) {
    const int x = 40 + 10 * k, y = 50 + 4 * k;
    const auto f = frame_with_textured_target(x, y);
    cv::Rect r;
    ASSERT_TRUE(csrt->update(f, r));
    const auto a = lazy.update(f), b = every.update(f);
    ASSERT_TRUE(b.present);
    EXPECT_EQ(b.box, (Box{static_cast<double>(r.x), static_cast<double>(r.y), static_cast<double>(r.width),
                          static_cast<double>(r.height)}))
        << "frame " << k;
    EXPECT_LE(std::hypot(b.box.center().x - (x + 12), b.box.center().y - (y + 12)), 3.0) << "frame " << k;
    lazy_differs += !(a.box == b.box);
  }
  // The lazy one runs the local tracker only where the map is not sure, and reports the map's box
  // (lined up by the template) where it is.
  EXPECT_GT(lazy_differs, 0);
}

// Every frame's map answer present and sure, no hold, and a local tracker every frame whose place
// always scores enough: it wins wherever it disagrees with the map.
spot::track::SpotTrackerConfig local_every_frame_config(const spot::test::TempDir& d) {
  auto c = config_with_model(d);
  c.presence_threshold = 0;
  c.association.confident_score = 0;
  c.association.hold_ncc = 0;
  c.local.enabled = true;
  c.local.every_frame = true;
  c.local.min_score = 0;
  c.local.min_share = 0;
  return c;
}

// [local] concurrent: a local tracker that runs every frame tracks on a thread of its own while the
// network scores the frame; it needs nothing of that frame's map, so the boxes are those of running
// the two one after the other.
TEST(SpotTracker, ALocalTrackerOnItsOwnThreadGivesTheSameBoxesAsInTurn) {
  spot::test::TempDir d;
  auto c = local_every_frame_config(d);
  c.local.report_box = true;  // its box is reported also where they agree
  c.local.concurrent = true;
  spot::track::SpotTracker concurrent(c);
  c.local.concurrent = false;
  spot::track::SpotTracker in_turn(c);
  c.local.enabled = false;
  spot::track::SpotTracker without(c);
  int local_mattered = 0;
  for (int video = 0; video < 2; ++video) {  // init() again: the local tracker starts over
    const Box start{40.0 + video, 50, 24, 24};
    for (auto* t : {&concurrent, &in_turn, &without}) t->init(frame_with_textured_target(40 + video, 50), start);
    for (int k = 1; k <= 10; ++k) {
      const auto f = frame_with_textured_target(40 + video + 11 * k, 50 + 5 * k);
      const auto a = concurrent.update(f), b = in_turn.update(f), n = without.update(f);
      EXPECT_EQ(a.box, b.box) << "video " << video << " frame " << k;
      EXPECT_DOUBLE_EQ(a.score, b.score);
      EXPECT_EQ(a.present, b.present);
      local_mattered += !(a.box == n.box);
    }
  }
  EXPECT_GT(local_mattered, 0);  // the local tracker decided boxes here
}

// [local] box_weight: where the local tracker's box is on the map's answer, the reported box goes
// that share of the way from SPOT's box to the local tracker's.
TEST(SpotTracker, TheReportedBoxBlendsSpotsAndTheLocalTrackersBoxesByTheWeight) {
  spot::test::TempDir d;
  auto c = local_every_frame_config(d);
  std::vector<std::unique_ptr<spot::track::SpotTracker>> trackers;
  for (const double w : {0.0, 0.5, 1.0}) {
    c.local.box_weight = w;
    trackers.push_back(std::make_unique<spot::track::SpotTracker>(c));
    trackers.back()->init(frame_with_textured_target(40, 50), Box{40, 50, 24, 24});
  }
  // The first frame after init: every tracker is in the same state.
  const auto f = frame_with_textured_target(52, 54);
  const auto a = trackers[0]->update(f), m = trackers[1]->update(f), b = trackers[2]->update(f);
  ASSERT_TRUE(a.present && m.present && b.present);
  ASSERT_FALSE(a.box == b.box);  // SPOT's box and the local tracker's differ here
  const Box expected = spot::geometry::blend(a.box, b.box, 0.5);
  EXPECT_NEAR(m.box.x, expected.x, 1e-9);
  EXPECT_NEAR(m.box.y, expected.y, 1e-9);
  EXPECT_NEAR(m.box.w, expected.w, 1e-9);
  EXPECT_NEAR(m.box.h, expected.h, 1e-9);
  c.local.box_weight = 1.5;
  EXPECT_THROW(spot::track::SpotTracker{c}, spot::Error);

}

TEST(SpotTracker, TheLocalTrackerYieldsToAMapTrackElsewhere) {
  spot::test::TempDir d;
  auto c = config_with_model(d);
  c.presence_threshold = 0;
  c.association.enabled = false;  // the map's answer is its top peak
  c.association.hold_ncc = 0;
  c.local.enabled = true;
  c.local.every_frame = true;
  c.local.min_score = 0;  // the local tracker's place always scores enough: it wins wherever it disagrees ...
  c.local.min_share = 0;
  spot::track::SpotTracker holds(c);
  c.local.yield_after = 3;  // ... unless the map's answer keeps to a track of its own for 3 frames
  spot::track::SpotTracker yields(c);
  for (auto* t : {&holds, &yields}) t->init(frame_with_textured_target(40, 50), Box{40, 50, 24, 24});
  for (int k = 1; k <= 3; ++k) {
    const auto f = frame_with_textured_target(40 + 4 * k, 50);
    holds.update(f);
    yields.update(f);
  }
  // The target is suddenly far away and moves on there; a faded copy where it was keeps the local
  // tracker there.
  for (int k = 0; k < 8; ++k) {
    const int x = 250 - 3 * k, y = 130;
    cv::Mat f = frame_with_textured_target(x, y);
    const cv::Rect ghost(52, 50, 24, 24);
    const cv::Mat was = frame_with_textured_target(52, 50)(ghost);
    cv::addWeighted(was, 0.5, f(ghost), 0.5, 0, f(ghost));
    const auto a = holds.update(f), b = yields.update(f);
    const double da = std::hypot(a.box.center().x - (x + 12), a.box.center().y - (y + 12));
    const double db = std::hypot(b.box.center().x - (x + 12), b.box.center().y - (y + 12));
    EXPECT_GT(da, 100) << "frame " << k;  // the local tracker's ghost, every frame
    if (k < 2) {
      EXPECT_GT(db, 100) << "frame " << k;  // a rival for fewer than 3 frames: still the local tracker
    } else {
      EXPECT_LE(db, 3.0) << "frame " << k;  // the map's track from its third frame on
    }
  }
  c.local.yield_after = -1;
  EXPECT_THROW(spot::track::SpotTracker{c}, spot::Error);
}

TEST(SpotTracker, ReportedBoxSizeFollowsTheHeadAtItsOwnRate) {
  spot::test::TempDir d;
  auto c = config_with_model(d);
  c.presence_threshold = 0.0;
  c.update_threshold = 0.0;  // the online model learns from every frame
  c.update_interval = 1;
  c.box_size_smoothing = 0;
  spot::track::SpotTracker fixed(c);
  c.box_size_smoothing = 1;
  spot::track::SpotTracker follows(c);
  for (auto* t : {&fixed, &follows}) t->init(frame_with_target(40, 50), Box{40, 50, 12, 12});
  bool resized = false;
  for (int k = 0; k < 3; ++k) {
    const auto f = frame_with_target(200 - 30 * k, 120);
    const auto a = fixed.update(f), b = follows.update(f);
    EXPECT_DOUBLE_EQ(a.box.w, 12.0);  // rate 0: the init size
    EXPECT_DOUBLE_EQ(a.box.h, 12.0);
    // Only the reported box differs: same score, same centre (the tracker's own size is separate).
    EXPECT_DOUBLE_EQ(a.score, b.score);
    EXPECT_NEAR(a.box.center().x, b.box.center().x, 1e-9);
    EXPECT_NEAR(a.box.center().y, b.box.center().y, 1e-9);
    resized = resized || std::abs(b.box.w - 12.0) > 1e-6 || std::abs(b.box.h - 12.0) > 1e-6;
  }
  EXPECT_TRUE(resized);  // rate 1: the (untrained) head's size at once
  c.box_size_smoothing = 1.5;
  EXPECT_THROW(spot::track::SpotTracker{c}, spot::Error);
}

TEST(SpotTracker, ScoreMapCoversTheFrameAfterEachUpdate) {
  spot::test::TempDir d;
  auto c = config_with_model(d);
  spot::track::SpotTracker t(c);
  t.init(frame_with_target(40, 50), Box{40, 50, 12, 12});
  EXPECT_TRUE(t.score_map().empty());  // nothing scored yet
  const auto r = t.update(frame_with_target(200, 120));
  const cv::Mat map = t.score_map();
  ASSERT_EQ(map.type(), CV_32F);
  EXPECT_EQ(map.cols, 320);
  EXPECT_EQ(map.rows, 180);
  double lo = 0, hi = 0;
  cv::minMaxLoc(map, &lo, &hi);
  EXPECT_GE(lo, 0.0);
  EXPECT_LE(hi, 1.0 + 1e-6);
  // The reported score is the map's value at the chosen point, which bilinear resizing keeps up to
  // the half-cell offset; the map's maximum is at least about that high.
  EXPECT_GE(hi, r.score - 0.05);
  t.init(frame_with_target(40, 50), Box{40, 50, 12, 12});
  EXPECT_TRUE(t.score_map().empty());  // a new video starts without one
}

TEST(SpotTracker, PresenceFollowsTheThreshold) {
  spot::test::TempDir d;
  auto c = config_with_model(d);
  c.local.enabled = false;  // the map's own score (the local tracker answers frames the map does not)
  c.presence_threshold = 0.0;
  spot::track::SpotTracker always(c);
  always.init(frame_with_target(40, 50), Box{40, 50, 12, 12});
  EXPECT_TRUE(always.update(frame_with_target(60, 50)).present);
  // The absolute score (a sigmoid) never reaches 1; the relative one is clamped at 1 when the target
  // scores as well as in the init frame, so only a threshold above its score says absent.
  c.presence_threshold = 1.0;
  c.relative_presence = false;
  spot::track::SpotTracker never(c);
  never.init(frame_with_target(40, 50), Box{40, 50, 12, 12});
  EXPECT_FALSE(never.update(frame_with_target(60, 50)).present);
  for (const bool relative : {false, true}) {
    c.relative_presence = relative;
    c.presence_threshold = 0.0;
    spot::track::SpotTracker probe(c);
    probe.init(frame_with_target(40, 50), Box{40, 50, 12, 12});
    const double score = probe.update(frame_with_target(60, 50)).score;
    ASSERT_GT(score, 0.0);
    ASSERT_LE(score, 1.0);
    // Just above this frame's score (when under 1): absent; at it: present.
    for (const double threshold : {std::min(score + 1e-3, 1.0), score}) {
      c.presence_threshold = threshold;
      spot::track::SpotTracker t(c);
      t.init(frame_with_target(40, 50), Box{40, 50, 12, 12});
      const auto r = t.update(frame_with_target(60, 50));
      EXPECT_DOUBLE_EQ(r.score, score) << "relative " << relative;
      EXPECT_EQ(r.present, r.score >= threshold) << "relative " << relative << ", threshold " << threshold;
    }
  }
}

TEST(SpotTracker, MissingOrBadWeightsAreClearErrors) {
  spot::test::TempDir d;
  spot::track::SpotTrackerConfig c;
  c.weights = (d.path() / "nope.pt").string();
  try {
    spot::track::SpotTracker t(c);
    FAIL();
  } catch (const spot::Error& e) {
    EXPECT_NE(std::string(e.what()).find("nope.pt"), std::string::npos) << e.what();
  }
  std::ofstream(d.path() / "bad.pt") << "not a checkpoint";
  c.weights = (d.path() / "bad.pt").string();
  EXPECT_THROW(spot::track::SpotTracker{c}, spot::Error);
  c.weights = write_model(d.path()).string();
  c.input_scale = -1;
  EXPECT_THROW(spot::track::SpotTracker{c}, spot::Error);
}

TEST(SpotTracker, AutomaticInputScaleShrinksLargeFramesButNotSmallTargets) {
  spot::track::SpotTrackerConfig c;  // max_input_side 640, min_target_px 32, max_target_px 128
  EXPECT_DOUBLE_EQ(spot::track::input_scale_for(c, 1280, 720, Box{0, 0, 40, 40}), 1.0);  // the explicit 1.0
  c.input_scale = 0;
  EXPECT_DOUBLE_EQ(spot::track::input_scale_for(c, 640, 360, Box{0, 0, 40, 40}), 1.0);   // small enough frame
  EXPECT_DOUBLE_EQ(spot::track::input_scale_for(c, 1280, 720, Box{0, 0, 100, 100}), 0.5);  // to 640 px
  EXPECT_DOUBLE_EQ(spot::track::input_scale_for(c, 1280, 720, Box{0, 0, 40, 40}), 0.8);  // target kept at 32 px
  EXPECT_DOUBLE_EQ(spot::track::input_scale_for(c, 1280, 720, Box{0, 0, 10, 10}), 1.0);  // never enlarged
  EXPECT_DOUBLE_EQ(spot::track::input_scale_for(c, 640, 480, Box{0, 0, 256, 256}), 0.5);  // trained sizes only
  c.min_target_px = 16;
  c.max_target_px = 32;
  EXPECT_DOUBLE_EQ(spot::track::input_scale_for(c, 160, 128, Box{0, 0, 120, 120}), 0.5);  // 64 px left
}

TEST(SpotTracker, SmallTargetsAreEnlargedWithinTheFrameSizeLimit) {
  spot::track::SpotTrackerConfig c;  // upscale_below_px 16, upscale 2, max_upscaled_side 1280
  EXPECT_DOUBLE_EQ(spot::track::input_scale_for(c, 640, 360, Box{0, 0, 10, 10}), 2.0);
  EXPECT_DOUBLE_EQ(spot::track::input_scale_for(c, 800, 450, Box{0, 0, 10, 10}), 1.6);    // up to 1280 px only
  EXPECT_DOUBLE_EQ(spot::track::input_scale_for(c, 640, 360, Box{0, 0, 16, 16}), 1.0);    // not under 16 px
  EXPECT_DOUBLE_EQ(spot::track::input_scale_for(c, 1024, 540, Box{0, 0, 10, 10}), 1.25);  // up to 1280 px only
  EXPECT_DOUBLE_EQ(spot::track::input_scale_for(c, 1280, 720, Box{0, 0, 10, 10}), 1.0);   // large frames as they are
  c.input_scale = 0.5;  // the size that counts is the target's at the chosen scale: 20 px -> 10 px
  EXPECT_DOUBLE_EQ(spot::track::input_scale_for(c, 1280, 720, Box{0, 0, 20, 20}), 1.0);
  c.upscale_below_px = 0;
  EXPECT_DOUBLE_EQ(spot::track::input_scale_for(c, 1280, 720, Box{0, 0, 20, 20}), 0.5);
  c.upscale_below_px = 16;
  c.upscale = 0.9;
  EXPECT_THROW(spot::track::SpotTracker{c}, spot::Error);
}

TEST(SpotTracker, PresenceThresholdStoredWithTheWeights) {
  spot::test::TempDir d;
  EXPECT_DOUBLE_EQ(spot::track::stored_presence_threshold(write_model(d.path()).string()), 0.5);
  const auto file = write_model(d.path(), {{"presence_threshold", 0.37}}).string();
  EXPECT_DOUBLE_EQ(spot::track::stored_presence_threshold(file), 0.37);
  spot::test::expect_contains(
      spot::test::error_of([&] { spot::track::stored_presence_threshold(write_model(d.path(), {{"presence_threshold", 7}}).string()); }),
      {"presence_threshold", "m.pt"});
}

TEST(SpotTracker, AFrameOfAnotherSizeIsAClearError) {
  spot::test::TempDir d;
  auto c = config_with_model(d);
  spot::track::SpotTracker t(c);
  t.init(frame_with_target(40, 50), Box{40, 50, 12, 12});
  const std::string e = spot::test::error_of([&] { t.update(cv::Mat(90, 160, CV_8UC3, cv::Scalar::all(0))); });
  spot::test::expect_contains(e, {"frame size changed", "320x180", "160x90"});
}

TEST(SpotTrackerConfig, LoadsSectionsAndRejectsUnknownKeysWithTheirLine) {
  spot::test::TempDir d;
  const auto file = d.path() / "t.toml";
  std::ofstream(file) << "presence_threshold = 0.3\n[online]\nweight = 0.9\nmemory = 2\n[association]\nenabled = false\n"
                          "[refine]\nsearch = 0.25\n";
  const auto c = spot::track::load_spot_tracker_config(file.string());
  EXPECT_DOUBLE_EQ(c.presence_threshold, 0.3);
  EXPECT_DOUBLE_EQ(c.online.weight, 0.9);
  EXPECT_EQ(c.online.memory, 2);
  EXPECT_FALSE(c.association.enabled);
  EXPECT_DOUBLE_EQ(c.refine.search, 0.25);
  std::ofstream(file) << "threads = 1\n[online]\nwieght = 0.9\n";
  spot::test::expect_contains(spot::test::error_of([&] { spot::track::load_spot_tracker_config(file.string()); }),
                              {"t.toml:3", "online.wieght", "weight"});
  std::ofstream(file) << "[onlien]\nweight = 0.9\n";
  spot::test::expect_contains(spot::test::error_of([&] { spot::track::load_spot_tracker_config(file.string()); }),
                              {"t.toml:1", "[onlien]"});
  std::ofstream(file) << "[online]\nweight = 1.5\n";
  spot::test::expect_contains(spot::test::error_of([&] { spot::track::load_spot_tracker_config(file.string()); }),
                              {"t.toml", "weight = 1.5"});
}

}  // namespace
