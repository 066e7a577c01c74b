// Wrappers that put OpenCV's trackers (current API and cv::legacy) behind spot::track::Tracker.
#include "spot/baselines/opencv_trackers.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <utility>

#include <fmt/format.h>
#include <opencv2/imgproc.hpp>
#include <opencv2/tracking.hpp>
#include <opencv2/tracking/tracking_legacy.hpp>
#include <opencv2/video/tracking.hpp>

#include "spot/error.hpp"
#include "spot/track/validate.hpp"

namespace spot::baselines {
namespace {

using geometry::Box;

// MIL, Boosting and TLD never return from init()/update() on boxes under ~5 px (they loop over
// sample positions that do not exist), so their init box is grown to `min_side`, centred.
Box grown_to(const Box& b, double min_side) {
  Box g = b;
  if (g.w < min_side) g.x -= (min_side - g.w) / 2, g.w = min_side;
  if (g.h < min_side) g.y -= (min_side - g.h) / 2, g.h = min_side;
  return g;
}

cv::Rect to_rect(const Box& b) {
  return cv::Rect(static_cast<int>(std::lround(b.x)), static_cast<int>(std::lround(b.y)),
                  std::max(1, static_cast<int>(std::lround(b.w))),
                  std::max(1, static_cast<int>(std::lround(b.h))));
}

// Shared state handling: absent results keep the last good box so callers can still draw it.
class OpenCvTrackerBase : public track::Tracker {
 public:
  explicit OpenCvTrackerBase(std::string name) : name_(std::move(name)) {}
  std::string name() const override { return name_; }

 protected:
  track::TrackResult result(bool ok, const Box& box) {
    // KCF/MOSSE report (0,0,0,0) after a failure: never let that replace the last real box.
    if (ok && box.non_empty()) {
      last_ = box;
      return {box, 1.0, true};
    }
    return {last_, 0.0, false};
  }
  void require_init() const {
    if (!initialised_) throw Error(fmt::format("tracker {}: update() called before init()", name_));
  }
  // OpenCV trackers throw cv::Exception on inputs they cannot handle (CSRT on a 1-2 px box, say).
  // For a baseline that is a tracking failure, not an error of the run: the frame is reported
  // absent, and a tracker whose init failed reports every frame absent.
  template <typename F>
  track::TrackResult guarded_update(F&& update) {
    if (broken_) return {last_, 0.0, false};
    try {
      return update();
    } catch (const cv::Exception&) {
      return {last_, 0.0, false};
    }
  }
  template <typename F>
  void guarded_init(F&& init) {
    broken_ = false;
    try {
      init();  // may itself set broken_
    } catch (const cv::Exception&) {
      broken_ = true;
    }
  }
  std::string name_;
  Box last_;
  bool initialised_ = false;
  bool broken_ = false;
};

// cv::Tracker (OpenCV >= 4.5 API: integer rectangles).
class ModernTracker final : public OpenCvTrackerBase {
 public:
  using Factory = std::function<cv::Ptr<cv::Tracker>()>;
  ModernTracker(std::string name, Factory factory, double min_side = 0.0)
      : OpenCvTrackerBase(std::move(name)), factory_(std::move(factory)), min_side_(min_side) {}

  void init(const cv::Mat& frame, const Box& box) override {
    track::validate_init(frame, box);
    tracker_ = factory_();  // a fresh instance: OpenCV trackers cannot be re-initialised reliably
    guarded_init([&] { tracker_->init(frame, to_rect(grown_to(box, min_side_))); });
    last_ = box;
    initialised_ = true;
  }
  track::TrackResult update(const cv::Mat& frame) override {
    require_init();
    return guarded_update([&] {
      cv::Rect r;
      const bool ok = tracker_->update(frame, r);
      return result(ok, Box{double(r.x), double(r.y), double(r.width), double(r.height)});
    });
  }

 private:
  Factory factory_;
  double min_side_;
  cv::Ptr<cv::Tracker> tracker_;
};

// cv::legacy::Tracker (MOSSE, MedianFlow, TLD, Boosting: double rectangles). `upsample_small`
// rescales every frame by clamp(upsample_small / min(w, h), 1, 4) of the init box: OpenCV's TLD upsamples
// internally for boxes under 20 px and then returns boxes in its upsampled frame, so the fair
// baseline does the upsampling itself and keeps TLD's internal scale at 1.
class LegacyTracker final : public OpenCvTrackerBase {
 public:
  using Factory = std::function<cv::Ptr<cv::legacy::Tracker>()>;
  LegacyTracker(std::string name, Factory factory, double upsample_small = 0.0, double min_side = 0.0)
      : OpenCvTrackerBase(std::move(name)),
        factory_(std::move(factory)),
        upsample_small_(upsample_small),
        min_side_(min_side) {}

  void init(const cv::Mat& frame, const Box& given) override {
    track::validate_init(frame, given);
    const Box box = grown_to(given, min_side_);
    // Capped at 4x: beyond that the frames get so large that TLD takes minutes per frame.
    scale_ = upsample_small_ > 0 ? std::clamp(upsample_small_ / std::min(box.w, box.h), 1.0, 4.0) : 1.0;
    tracker_ = factory_();
    const cv::Rect2d r(box.x * scale_, box.y * scale_, box.w * scale_, box.h * scale_);
    guarded_init([&] {
      if (!tracker_->init(scaled(frame), r)) broken_ = true;  // OpenCV refused the init box
    });
    last_ = box;
    initialised_ = true;
  }
  track::TrackResult update(const cv::Mat& frame) override {
    require_init();
    return guarded_update([&] {
      cv::Rect2d r;
      const bool ok = tracker_->update(scaled(frame), r);
      return result(ok, Box{r.x / scale_, r.y / scale_, r.width / scale_, r.height / scale_});
    });
  }

 private:
  cv::Mat scaled(const cv::Mat& frame) const {
    if (scale_ == 1.0) return frame;
    cv::Mat out;
    cv::resize(frame, out, cv::Size(), scale_, scale_, cv::INTER_LINEAR);
    return out;
  }
  Factory factory_;
  double upsample_small_;
  double min_side_;
  double scale_ = 1.0;
  cv::Ptr<cv::legacy::Tracker> tracker_;
};

using Maker = std::function<std::unique_ptr<track::Tracker>()>;

const std::vector<std::pair<std::string, Maker>>& registry() {
  static const std::vector<std::pair<std::string, Maker>> makers = {
      {"csrt", [] { return std::make_unique<ModernTracker>("csrt", [] { return cv::TrackerCSRT::create(); }); }},
      {"kcf", [] { return std::make_unique<ModernTracker>("kcf", [] { return cv::TrackerKCF::create(); }); }},
      {"mil", [] { return std::make_unique<ModernTracker>("mil", [] { return cv::TrackerMIL::create(); }, 5.0); }},
      {"mosse", [] { return std::make_unique<LegacyTracker>("mosse", [] { return cv::legacy::TrackerMOSSE::create(); }); }},
      {"medianflow", [] { return std::make_unique<LegacyTracker>("medianflow", [] { return cv::legacy::TrackerMedianFlow::create(); }); }},
      {"tld", [] { return std::make_unique<LegacyTracker>("tld", [] { return cv::legacy::TrackerTLD::create(); }, 20.0, 5.0); }},
      {"tld-stock", [] { return std::make_unique<LegacyTracker>("tld-stock", [] { return cv::legacy::TrackerTLD::create(); }, 0.0, 5.0); }},
      {"boosting", [] { return std::make_unique<LegacyTracker>("boosting", [] { return cv::legacy::TrackerBoosting::create(); }, 0.0, 5.0); }},
  };
  return makers;
}

}  // namespace

const std::vector<std::string>& baseline_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const auto& [name, maker] : registry()) n.push_back(name);
    return n;
  }();
  return names;
}

std::unique_ptr<track::Tracker> make_baseline(const std::string& name) {
  for (const auto& [n, maker] : registry()) {
    if (n == name) return maker();
  }
  throw Error(fmt::format("unknown tracker '{}'; valid names: {}", name,
                          fmt::join(baseline_names(), ", ")));
}

}  // namespace spot::baselines
