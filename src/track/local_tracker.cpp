// LocalTracker: OpenCV CSRT started lazily from the last frame SPOT was sure of.
#include "spot/track/local_tracker.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <opencv2/tracking.hpp>

#include "spot/error.hpp"

namespace spot::track {

util::Fields LocalTrackerConfig::fields() {
  return {{"enabled", &enabled},
          {"template_size", &template_size},
          {"admm_iterations", &admm_iterations},
          {"number_of_scales", &number_of_scales},
          {"segmentation", &segmentation},
          {"colour_names", &colour_names},
          {"psr_threshold", &psr_threshold},
          {"min_score", &min_score},
          {"absent_frames", &absent_frames},
          {"min_share", &min_share},
          {"min_ncc", &min_ncc},
          {"every_frame", &every_frame},
          {"concurrent", &concurrent},
          {"report_box", &report_box},
          {"box_weight", &box_weight},
          {"yield_after", &yield_after},
          {"vouches", &vouches},
          {"max_frames", &max_frames}};
}

void LocalTrackerConfig::validate(const std::string& source) const {
  auto fail = [&](const std::string& what) { throw Error("invalid local tracker config: " + what, source); };
  if (template_size < 16 || template_size > 1024) {
    fail(fmt::format("template_size = {} (expected 16..1024 px)", template_size));
  }
  if (admm_iterations < 1 || admm_iterations > 20) fail(fmt::format("admm_iterations = {} (expected 1..20)", admm_iterations));
  if (number_of_scales < 1 || number_of_scales > 65) {
    fail(fmt::format("number_of_scales = {} (expected 1..65)", number_of_scales));
  }
  if (!(psr_threshold >= 0 && psr_threshold < 1)) fail(fmt::format("psr_threshold = {} (expected 0..1)", psr_threshold));
  if (!(min_score >= 0 && min_score <= 1)) fail(fmt::format("min_score = {} (expected 0..1; 0 = any)", min_score));
  if (!(min_share >= 0 && min_share <= 1)) fail(fmt::format("min_share = {} (expected 0..1; 0 = off)", min_share));
  if (!(min_ncc >= 0 && min_ncc < 1)) fail(fmt::format("min_ncc = {} (expected 0 <= n < 1; 0 = off)", min_ncc));
  if (!(box_weight >= 0 && box_weight <= 1)) fail(fmt::format("box_weight = {} (expected 0..1; 0 = SPOT's box)", box_weight));
  if (yield_after < 0) fail(fmt::format("yield_after = {} (expected >= 0; 0 = never)", yield_after));
  if (max_frames < 0) fail(fmt::format("max_frames = {} (expected >= 0; 0 = no limit)", max_frames));
}

LocalTracker::LocalTracker(const LocalTrackerConfig& config) : config_(config) { config_.validate(); }
LocalTracker::~LocalTracker() = default;

void LocalTracker::reset() {
  remembered_ = cv::Mat();
  remembered_roi_ = {};
  tracker_.reset();
  tracked_ = 0;
  failed_ = false;
}

void LocalTracker::remember(const cv::Mat& frame, const geometry::Box& box) {
  tracker_.reset();
  tracked_ = 0;
  failed_ = false;
  if (!config_.enabled) return;  // off: nothing to copy (track() answers nothing)
  if (remembered_.size() != frame.size() || remembered_.type() != frame.type()) {
    remembered_.create(frame.size(), frame.type());
  }
  // CSRT starts from a window of w + padding (3) x sqrt(w*h) around the target (and its scale search
  // up to ~1.4x that): copying 1.5x (w + 4 sqrt(w*h)) keeps every pixel it reads, at a fraction of the
  // frame's copy. tests/track/local_tracker_test.cpp checks the paths are the same as from the frame.
  const double s = std::sqrt(std::max(box.w * box.h, 1.0));
  const double hx = 0.75 * (box.w + 4 * s), hy = 0.75 * (box.h + 4 * s);
  const geometry::Point c = box.center();
  const cv::Rect roi = cv::Rect(cv::Point(static_cast<int>(std::floor(c.x - hx)), static_cast<int>(std::floor(c.y - hy))),
                                cv::Point(static_cast<int>(std::ceil(c.x + hx)), static_cast<int>(std::ceil(c.y + hy)))) &
                       cv::Rect(0, 0, frame.cols, frame.rows);
  remembered_roi_ = roi;
  remembered_box_ = box;
  if (!roi.empty()) frame(roi).copyTo(remembered_(roi));
}

std::optional<geometry::Box> LocalTracker::track(const cv::Mat& frame) {
  if (!config_.enabled || failed_ || remembered_roi_.empty()) return std::nullopt;
  if (frame.size() != remembered_.size()) return std::nullopt;
  if (config_.max_frames > 0 && tracked_ >= config_.max_frames) return std::nullopt;
  try {
    if (!tracker_) {
      // CSRT needs a box of a few px inside the frame.
      const cv::Rect start = cv::Rect(static_cast<int>(std::lround(remembered_box_.x)),
                                      static_cast<int>(std::lround(remembered_box_.y)),
                                      std::max(1, static_cast<int>(std::lround(remembered_box_.w))),
                                      std::max(1, static_cast<int>(std::lround(remembered_box_.h)))) &
                             remembered_roi_;
      if (start.width < 4 || start.height < 4) {
        failed_ = true;
        return std::nullopt;
      }
      cv::TrackerCSRT::Params p;
      p.template_size = static_cast<float>(config_.template_size);
      p.admm_iterations = config_.admm_iterations;
      p.number_of_scales = config_.number_of_scales;
      p.psr_threshold = static_cast<float>(config_.psr_threshold);
      p.use_segmentation = config_.segmentation;
      p.use_color_names = config_.colour_names;
      tracker_ = cv::TrackerCSRT::create(p);
      tracker_->init(remembered_, start);
    }
    cv::Rect r;
    ++tracked_;
    // A weak response this frame: no answer, but CSRT goes on from where it was (the target may
    // be passing behind something).
    if (!tracker_->update(frame, r) || r.width <= 0 || r.height <= 0) return std::nullopt;
    return geometry::Box{static_cast<double>(r.x), static_cast<double>(r.y), static_cast<double>(r.width),
                         static_cast<double>(r.height)};
  } catch (const cv::Exception&) {
    // CSRT throws on inputs it cannot handle (a box of 1-2 px, say): no local answer, not an error.
    failed_ = true;
    tracker_.reset();
    return std::nullopt;
  }
}

}  // namespace spot::track
