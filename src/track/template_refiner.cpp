// TemplateRefiner: normalised cross-correlation of the target's template near the reported box.
#include "spot/track/template_refiner.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <opencv2/imgproc.hpp>

#include "spot/error.hpp"

namespace spot::track {

util::Fields RefineConfig::fields() {
  return {{"enabled", &enabled},
          {"search", &search},
          {"template_rate", &template_rate},
          {"update_ncc", &update_ncc},
          {"accept_ncc", &accept_ncc},
          {"min_target_px", &min_target_px},
          {"max_template_px", &max_template_px},
          {"verify", &verify},
          {"scale_step", &scale_step},
          {"scale_rate", &scale_rate},
          {"scale_decay", &scale_decay}};
}

void RefineConfig::validate(const std::string& source) const {
  auto fail = [&](const std::string& what) { throw Error("invalid refine config: " + what, source); };
  if (!(search > 0 && search <= 4)) fail(fmt::format("search = {} (expected 0 < s <= 4 target sizes)", search));
  if (!(template_rate >= 0 && template_rate <= 1)) fail(fmt::format("template_rate = {} (expected 0..1)", template_rate));
  if (!(update_ncc >= -1 && update_ncc <= 1)) fail(fmt::format("update_ncc = {} (expected -1..1)", update_ncc));
  if (!(accept_ncc >= -1 && accept_ncc <= 1)) fail(fmt::format("accept_ncc = {} (expected -1..1)", accept_ncc));
  if (!(min_target_px >= 1)) fail(fmt::format("min_target_px = {} (expected >= 1)", min_target_px));
  if (!(verify >= 0 && verify <= 1)) fail(fmt::format("verify = {} (expected 0..1; 0 = off)", verify));
  if (!(scale_step >= 1 && scale_step <= 2)) fail(fmt::format("scale_step = {} (expected 1..2; 1 = off)", scale_step));
  if (!(scale_rate >= 0 && scale_rate <= 1)) fail(fmt::format("scale_rate = {} (expected 0..1)", scale_rate));
  if (!(scale_decay >= 0 && scale_decay <= 1)) fail(fmt::format("scale_decay = {} (expected 0..1; 0 = off)", scale_decay));
  if (!(max_template_px >= 4)) fail(fmt::format("max_template_px = {} (expected >= 4)", max_template_px));
}

namespace {

cv::Mat grey_float(const cv::Mat& frame) {
  cv::Mat grey, out;
  if (frame.type() == CV_8UC3) {
    cv::cvtColor(frame, grey, cv::COLOR_BGR2GRAY);
  } else if (frame.type() == CV_8UC1) {
    grey = frame;
  } else {
    throw Error("template refiner: expected an 8-bit BGR or grey frame");
  }
  grey.convertTo(out, CV_32F);
  return out;
}

// The pixel rectangle of `box` (rounded), possibly outside the frame.
// A template with (almost) no contrast matches everywhere equally (normalised correlation 1 at every
// position): nothing to line up with.
bool flat(const cv::Mat& m) {
  cv::Scalar mean, stddev;
  cv::meanStdDev(m, mean, stddev);
  return stddev[0] < 2.0;
}

cv::Rect pixel_rect(const geometry::Box& box) {
  return {static_cast<int>(std::lround(box.x)), static_cast<int>(std::lround(box.y)),
          std::max(1, static_cast<int>(std::lround(box.w))), std::max(1, static_cast<int>(std::lround(box.h)))};
}

}  // namespace

TemplateRefiner::TemplateRefiner(const RefineConfig& config) : config_(config) { config_.validate(); }

void TemplateRefiner::init(const cv::Mat& frame, const geometry::Box& box) {
  template_ = cv::Mat();
  last_match_ = 0;
  scale_ = 1.0;
  if (!config_.enabled) return;
  const cv::Rect r = pixel_rect(box) & cv::Rect(0, 0, frame.cols, frame.rows);
  if (r.width < 2 || r.height < 2) return;  // too little of the target in view to match
  template_ = grey_float(frame(r)).clone();
  if (flat(template_)) template_ = cv::Mat();
}

TemplateRefiner::Match TemplateRefiner::locate(const cv::Mat& frame, const geometry::Box& box, double search) const {
  if (template_.empty() || std::min(box.w, box.h) < config_.min_target_px) return {0, box};
  // Match at a scale where the template is at most max_template_px: the cost stays small for large
  // targets, and a pixel there is a small fraction of them.
  const double k = std::min(1.0, config_.max_template_px / std::sqrt(box.w * box.h));
  const int tw = std::max(3, static_cast<int>(std::lround(k * box.w)));
  const int th = std::max(3, static_cast<int>(std::lround(k * box.h)));
  const double dx = search * box.w, dy = search * box.h;
  const cv::Rect window =
      pixel_rect({box.x - dx, box.y - dy, box.w + 2 * dx, box.h + 2 * dy}) & cv::Rect(0, 0, frame.cols, frame.rows);
  if (window.width < box.w || window.height < box.h) return {0, box};
  cv::Mat region = grey_float(frame(window));
  const cv::Size scaled(std::max(tw, static_cast<int>(std::lround(k * window.width))),
                        std::max(th, static_cast<int>(std::lround(k * window.height))));
  if (scaled != region.size()) cv::resize(region, region, scaled, 0, 0, k < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
  cv::Mat tmpl;
  cv::resize(template_, tmpl, {tw, th}, 0, 0, cv::INTER_AREA);
  if (flat(tmpl)) return {0, box};  // its contrast gone at the matching scale
  cv::Mat match;
  cv::matchTemplate(region, tmpl, match, cv::TM_CCOEFF_NORMED);
  double best = 0;
  cv::Point at;
  cv::minMaxLoc(match, nullptr, &best, nullptr, &at);
  if (!std::isfinite(best)) return {0, box};  // a flat window: nothing to line up with
  // Back to frame px: the matched patch's top-left, then the box of the original size centred on it.
  const double sx = static_cast<double>(window.width) / region.cols, sy = static_cast<double>(window.height) / region.rows;
  const double cx = window.x + (at.x + tw / 2.0) * sx, cy = window.y + (at.y + th / 2.0) * sy;
  return {best, {cx - box.w / 2, cy - box.h / 2, box.w, box.h}};
}

double TemplateRefiner::match_near(const cv::Mat& frame, const geometry::Box& box) const {
  return locate(frame, box, config_.search).ncc;
}

geometry::Box TemplateRefiner::refine(const cv::Mat& frame, const geometry::Box& given, bool learn) {
  const geometry::Point c = given.center();
  const double w = scale_ * given.w, h = scale_ * given.h;
  const geometry::Box box{c.x - w / 2, c.y - h / 2, w, h};
  Match m = locate(frame, box, config_.search);
  last_match_ = m.ncc;
  if (m.ncc == 0 || m.ncc < config_.accept_ncc) return box;
  if (config_.scale_step > 1) {
    // The template a step smaller and larger at the matched place; the best moves the size factor.
    const geometry::Point at = m.box.center();
    double best_ncc = m.ncc, best_step = 1;
    for (const double step : {1 / config_.scale_step, config_.scale_step}) {
      const Match s = locate(frame, {at.x - step * w / 2, at.y - step * h / 2, step * w, step * h}, 0.25);
      if (s.ncc > best_ncc) {
        best_ncc = s.ncc;
        best_step = step;
      }
    }
    const double pulled = std::pow(scale_, 1 - config_.scale_decay);  // back towards the size given
    const double next = std::clamp(pulled * (1 + config_.scale_rate * (best_step - 1)), 1 / 3.0, 3.0);
    if (next != scale_) {
      scale_ = next;
      m.box = {at.x - scale_ * given.w / 2, at.y - scale_ * given.h / 2, scale_ * given.w, scale_ * given.h};
    }
  }
  if (learn && config_.template_rate > 0 && m.ncc >= config_.update_ncc) {
    const cv::Rect r = pixel_rect(m.box) & cv::Rect(0, 0, frame.cols, frame.rows);
    if (r.width >= 2 && r.height >= 2) {
      cv::Mat patch = grey_float(frame(r));
      cv::resize(patch, patch, template_.size(), 0, 0, cv::INTER_AREA);
      cv::addWeighted(template_, 1 - config_.template_rate, patch, config_.template_rate, 0, template_);
    }
  }
  return m.box;
}

}  // namespace spot::track
