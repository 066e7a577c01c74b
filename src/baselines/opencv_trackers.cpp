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
  std::string name_;
  Box last_;
  bool initialised_ = false;
};

// cv::Tracker (OpenCV >= 4.5 API: integer rectangles).
class ModernTracker final : public OpenCvTrackerBase {
 public:
  using Factory = std::function<cv::Ptr<cv::Tracker>()>;
  ModernTracker(std::string name, Factory factory)
      : OpenCvTrackerBase(std::move(name)), factory_(std::move(factory)) {}

  void init(const cv::Mat& frame, const Box& box) override {
    track::validate_init(frame, box);
    tracker_ = factory_();  // a fresh instance: OpenCV trackers cannot be re-initialised reliably
    tracker_->init(frame, to_rect(box));
    last_ = box;
    initialised_ = true;
  }
  track::TrackResult update(const cv::Mat& frame) override {
    require_init();
    cv::Rect r;
    const bool ok = tracker_->update(frame, r);
    return result(ok, Box{double(r.x), double(r.y), double(r.width), double(r.height)});
  }

 private:
  Factory factory_;
  cv::Ptr<cv::Tracker> tracker_;
};

// cv::legacy::Tracker (MOSSE, MedianFlow, TLD, Boosting: double rectangles). `upsample_small`
// rescales every frame by max(1, min_side / min(w, h)) of the init box: OpenCV's TLD upsamples
// internally for boxes under 20 px and then returns boxes in its upsampled frame, so the fair
// baseline does the upsampling itself and keeps TLD's internal scale at 1.
class LegacyTracker final : public OpenCvTrackerBase {
 public:
  using Factory = std::function<cv::Ptr<cv::legacy::Tracker>()>;
  LegacyTracker(std::string name, Factory factory, double upsample_small = 0.0)
      : OpenCvTrackerBase(std::move(name)),
        factory_(std::move(factory)),
        min_side_(upsample_small) {}

  void init(const cv::Mat& frame, const Box& box) override {
    track::validate_init(frame, box);
    scale_ = min_side_ > 0 ? std::max(1.0, min_side_ / std::min(box.w, box.h)) : 1.0;
    tracker_ = factory_();
    const cv::Rect2d r(box.x * scale_, box.y * scale_, box.w * scale_, box.h * scale_);
    if (!tracker_->init(scaled(frame), r)) {
      throw Error(fmt::format("tracker {}: OpenCV refused the init box", name_));
    }
    last_ = box;
    initialised_ = true;
  }
  track::TrackResult update(const cv::Mat& frame) override {
    require_init();
    cv::Rect2d r;
    const bool ok = tracker_->update(scaled(frame), r);
    return result(ok, Box{r.x / scale_, r.y / scale_, r.width / scale_, r.height / scale_});
  }

 private:
  cv::Mat scaled(const cv::Mat& frame) const {
    if (scale_ == 1.0) return frame;
    cv::Mat out;
    cv::resize(frame, out, cv::Size(), scale_, scale_, cv::INTER_LINEAR);
    return out;
  }
  Factory factory_;
  double min_side_;
  double scale_ = 1.0;
  cv::Ptr<cv::legacy::Tracker> tracker_;
};

using Maker = std::function<std::unique_ptr<track::Tracker>()>;

const std::vector<std::pair<std::string, Maker>>& registry() {
  static const std::vector<std::pair<std::string, Maker>> makers = {
      {"csrt", [] { return std::make_unique<ModernTracker>("csrt", [] { return cv::TrackerCSRT::create(); }); }},
      {"kcf", [] { return std::make_unique<ModernTracker>("kcf", [] { return cv::TrackerKCF::create(); }); }},
      {"mil", [] { return std::make_unique<ModernTracker>("mil", [] { return cv::TrackerMIL::create(); }); }},
      {"mosse", [] { return std::make_unique<LegacyTracker>("mosse", [] { return cv::legacy::TrackerMOSSE::create(); }); }},
      {"medianflow", [] { return std::make_unique<LegacyTracker>("medianflow", [] { return cv::legacy::TrackerMedianFlow::create(); }); }},
      {"tld", [] { return std::make_unique<LegacyTracker>("tld", [] { return cv::legacy::TrackerTLD::create(); }, 20.0); }},
      {"tld-stock", [] { return std::make_unique<LegacyTracker>("tld-stock", [] { return cv::legacy::TrackerTLD::create(); }); }},
      {"boosting", [] { return std::make_unique<LegacyTracker>("boosting", [] { return cv::legacy::TrackerBoosting::create(); }); }},
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
