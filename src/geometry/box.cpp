// Overlap and error measures on boxes, each as the named toolkit computes it.
#include "spot/geometry/box.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace spot::geometry {

bool Box::finite() const {
  return std::isfinite(x) && std::isfinite(y) && std::isfinite(w) && std::isfinite(h);
}

namespace {
double intersection(const Box& a, const Box& b) {
  const double iw = std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x);
  const double ih = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
  return (iw > 0 && ih > 0) ? iw * ih : 0.0;
}
}  // namespace

double iou(const Box& a, const Box& b) {
  if (!a.non_empty() || !b.non_empty()) return 0.0;
  const double inter = intersection(a, b);
  const double uni = a.area() + b.area() - inter;
  return uni > 0 ? inter / uni : 0.0;
}

double iou_got10k(const Box& a, const Box& b) {
  // got10k computes areas from w*h as given (no max(0, .)) and the intersection clamped at 0.
  if (!a.finite() || !b.finite()) return 0.0;
  const double iw = std::max(0.0, std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x));
  const double ih = std::max(0.0, std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y));
  const double inter = iw * ih;
  const double uni = a.w * a.h + b.w * b.h - inter;
  const double v = inter / (uni + std::numeric_limits<double>::epsilon());
  return std::clamp(v, 0.0, 1.0);
}

namespace {
// got10k's bound step, as its code does it: x clipped to [0, W] (so a negative x is moved, keeping
// w), then w clipped to [0, W - x]; the same for y and h.
Box bound_got10k(Box r, ImageSize bound) {
  const double W = bound.width, H = bound.height;
  r.x = std::clamp(r.x, 0.0, W);
  r.y = std::clamp(r.y, 0.0, H);
  r.w = std::clamp(r.w, 0.0, W - r.x);
  r.h = std::clamp(r.h, 0.0, H - r.y);
  return r;
}
}  // namespace

double iou_got10k_bounded(const Box& a, const Box& b, ImageSize bound) {
  if (!a.finite() || !b.finite()) return 0.0;
  return iou_got10k(bound_got10k(a, bound), bound_got10k(b, bound));
}

Box crop_to_image(const Box& b, ImageSize bound) {
  const double x1 = std::clamp(b.x, 0.0, static_cast<double>(bound.width));
  const double y1 = std::clamp(b.y, 0.0, static_cast<double>(bound.height));
  const double x2 = std::clamp(b.x + b.w, 0.0, static_cast<double>(bound.width));
  const double y2 = std::clamp(b.y + b.h, 0.0, static_cast<double>(bound.height));
  return {x1, y1, std::max(0.0, x2 - x1), std::max(0.0, y2 - y1)};
}

double iou_clipped(const Box& a, const Box& b, ImageSize bound) {
  if (!a.finite() || !b.finite()) return 0.0;
  return iou(crop_to_image(a, bound), crop_to_image(b, bound));
}

double center_error(const Box& pred, const Box& gt) {
  const Point p = pred.center(), g = gt.center();
  return std::hypot(p.x - g.x, p.y - g.y);
}

double normalized_center_error(const Box& pred, const Box& gt) {
  const Point p = pred.center(), g = gt.center();
  return std::hypot((p.x - g.x) / std::max(1.0, gt.w), (p.y - g.y) / std::max(1.0, gt.h));
}

Box blend(const Box& a, const Box& b, double w) {
  const double cx = (1 - w) * (a.x + a.w / 2) + w * (b.x + b.w / 2), cy = (1 - w) * (a.y + a.h / 2) + w * (b.y + b.h / 2);
  const double bw = (1 - w) * a.w + w * b.w, bh = (1 - w) * a.h + w * b.h;
  return {cx - bw / 2, cy - bh / 2, bw, bh};
}

bool contains(const Box& b, const Point& p) {
  if (!b.finite() || !std::isfinite(p.x) || !std::isfinite(p.y)) return false;
  return b.x <= p.x && p.x <= b.x + b.w && b.y <= p.y && p.y <= b.y + b.h;
}

double box_size(const Box& b) { return std::sqrt(b.area()); }

}  // namespace spot::geometry
