// Planning and rendering of one synthetic long-term sequence.
#include "spot/data/synth_sequence.hpp"

#include "spot/data/size_distribution.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

namespace spot::data {
namespace {

constexpr int kCameraMargin = 48;  // px the camera may pan/shake away from the canvas centre
constexpr double kTwoPi = 6.283185307179586476925;

struct Key {
  int t;
  cv::Point2d p;
};

// Linear interpolation of keyframes (sorted by t) at time t; clamps outside the key range.
cv::Point2d at(const std::vector<Key>& keys, double t) {
  if (t <= keys.front().t) return keys.front().p;
  for (size_t i = 1; i < keys.size(); ++i) {
    if (t <= keys[i].t) {
      const double span = keys[i].t - keys[i - 1].t;
      const double a = span > 0 ? (t - keys[i - 1].t) / span : 1.0;
      return keys[i - 1].p + a * (keys[i].p - keys[i - 1].p);
    }
  }
  return keys.back().p;
}

// Random waypoints inside [margin, size - margin], travelled at about `speed` px/frame.
std::vector<Key> wander(cv::Size view, cv::Point2d margin, double speed, int frames, Rng& rng) {
  auto inside = [&] {
    return cv::Point2d(rng.uniform(margin.x, std::max(margin.x, view.width - margin.x)),
                       rng.uniform(margin.y, std::max(margin.y, view.height - margin.y)));
  };
  std::vector<Key> keys{{0, inside()}};
  while (keys.back().t < frames) {
    const cv::Point2d next = inside();
    const double dist = cv::norm(next - keys.back().p);
    const double v = std::max(0.2, speed * rng.uniform(0.5, 1.5));
    const int dt = std::clamp(static_cast<int>(dist / v), 8, 120);
    keys.push_back({keys.back().t + dt, next});
  }
  return keys;
}

// Replaces the keys strictly inside (t0, t1) by `inserted`, keeping the path continuous at t0, t1.
void splice(std::vector<Key>& keys, int t0, int t1, const std::vector<Key>& inserted) {
  const Key k0{t0, at(keys, t0)}, k1{t1, at(keys, t1)};
  std::vector<Key> out;
  for (const auto& k : keys)
    if (k.t < t0) out.push_back(k);
  out.push_back(k0);
  for (const auto& k : inserted) out.push_back(k);
  out.push_back(k1);
  for (const auto& k : keys)
    if (k.t > t1) out.push_back(k);
  keys = std::move(out);
}

cv::Rect box_at(cv::Point2d centre, double w, double h) {
  const int iw = std::max(1, static_cast<int>(std::lround(w)));
  const int ih = std::max(1, static_cast<int>(std::lround(h)));
  return {static_cast<int>(std::lround(centre.x - iw / 2.0)),
          static_cast<int>(std::lround(centre.y - ih / 2.0)), iw, ih};
}

bool contains_rect(const cv::Rect& outer, const cv::Rect& inner) {
  return (outer & inner) == inner;
}

}  // namespace

double draw_target_size(const SynthConfig& c, Rng& rng) { return size_distribution_of(c).draw(rng); }

double stratified_target_size(const SynthConfig& c, int index, Rng& rng) {
  // A seeded shuffle of the strata 0..n-1: sequence `index` gets stratum perm[index].
  const int n = c.sequences;
  std::vector<int> perm(n);
  for (int i = 0; i < n; ++i) perm[i] = i;
  Rng shuffle = Rng::stream(c.seed, 0xffffffffffffULL);
  for (int i = n - 1; i > 0; --i) std::swap(perm[i], perm[shuffle.integer(0, i)]);
  const int stratum = index < n ? perm[index] : index % n;
  return size_distribution_of(c).quantile((stratum + rng.uniform()) / n);
}

SynthSequenceGenerator::SynthSequenceGenerator(const SynthConfig& config, int index,
                                               const RealMaterial* real)
    : config_(config), name_(fmt::format("synth-{:04d}", index)), index_(index) {
  Rng rng = Rng::stream(config.seed, static_cast<std::uint64_t>(index));
  const cv::Size canvas(config.width + 2 * kCameraMargin, config.height + 2 * kCameraMargin);
  if (real && !config.backgrounds.empty()) {
    cv::Mat bg = real->background(rng);
    const double s = std::max(double(canvas.width) / bg.cols, double(canvas.height) / bg.rows);
    cv::resize(bg, bg, cv::Size(), s, s, cv::INTER_AREA);
    canvas_ = bg(cv::Rect((bg.cols - canvas.width) / 2, (bg.rows - canvas.height) / 2, canvas.width,
                          canvas.height)).clone();
  } else {
    canvas_ = procedural_background(canvas, rng);
  }
  if (real && config.target_source == "real") {
    cv::Mat patch;
    cv::resize(real->target_patch(rng), patch, {kSpriteSide, kSpriteSide}, 0, 0, cv::INTER_AREA);
    target_ = {patch, cv::Mat(kSpriteSide, kSpriteSide, CV_32F, cv::Scalar(1.0f))};
  } else {
    target_ = procedural_sprite(rng);
  }
  occluder_ = procedural_sprite(rng);
  occluder_.mask.setTo(1.0f);  // occluders are opaque rectangles: "fully occluded" is exact
  plan(rng);
}

void SynthSequenceGenerator::plan(Rng& rng) {
  const SynthConfig& c = config_;
  const int F = c.frames;
  const cv::Size view(c.width, c.height);
  base_size_ = stratified_target_size(c, index_, rng);
  aspect_ = std::exp(rng.uniform(std::log(c.aspect_min), std::log(c.aspect_max)));

  // Size: two slow sinusoids in log-scale, within x(1 +- scale_change).
  const double amp = std::log1p(c.scale_change);
  const double T1 = rng.uniform(80, 300), T2 = rng.uniform(30, 120);
  const double ph1 = rng.uniform(0, kTwoPi), ph2 = rng.uniform(0, kTwoPi);
  const double max_side = 0.9 * std::min(c.width, c.height);
  std::vector<double> w(F), h(F);
  for (int t = 0; t < F; ++t) {
    // Clamped so every frame's size stays inside the configured range.
    const double s = std::clamp(base_size_ * std::exp(amp * (0.6 * std::sin(kTwoPi * t / T1 + ph1) +
                                                             0.4 * std::sin(kTwoPi * t / T2 + ph2))),
                                c.size_min, c.size_max);
    w[t] = std::min(max_side, s * std::sqrt(aspect_));
    h[t] = std::min(max_side, s / std::sqrt(aspect_));
  }
  const double wmax = *std::max_element(w.begin(), w.end());
  const double hmax = *std::max_element(h.begin(), h.end());
  const cv::Point2d margin(wmax / 2 + 2, hmax / 2 + 2);
  std::vector<Key> keys = wander(view, margin, c.speed, F, rng);

  // Absence events, one per equal slot of the timeline after a settling-in period (so frame 0 and
  // the first frames always show the target for initialisation).
  const int settle = std::min(15, F);
  const int n_events = rng.integer(c.absence_events_min, c.absence_events_max);
  const int slot = n_events > 0 ? (F - settle) / n_events : 0;
  std::vector<std::pair<int, int>> occluder_windows;
  std::vector<cv::Rect> occluder_rects;
  for (int e = 0; e < n_events && slot >= 12; ++e) {
    const int exit_frames = std::clamp(static_cast<int>((std::max(wmax, hmax) + 40) / std::max(0.5, c.speed)), 3, 20);
    int duration = rng.integer(c.absence_frames_min, c.absence_frames_max);
    duration = std::min(duration, slot - 2 * exit_frames - 4);
    if (duration < 1) continue;
    const int lo = settle + e * slot + exit_frames + 2;
    const int hi = settle + (e + 1) * slot - duration - exit_frames - 2;
    const int t0 = rng.integer(lo, std::max(lo, hi));
    const int t1 = t0 + duration;  // first frame after the absence
    const bool leave = rng.chance(c.leave_frame_share);
    if (leave) {
      // Out through the edge nearest to where the target is, back in through a random edge.
      const cv::Point2d p = at(keys, t0 - exit_frames);
      auto outside = [&](int edge, cv::Point2d q) {
        const double ox = wmax / 2 + 3, oy = hmax / 2 + 3;
        switch (edge) {
          case 0: return cv::Point2d(-ox, q.y);
          case 1: return cv::Point2d(c.width + ox, q.y);
          case 2: return cv::Point2d(q.x, -oy);
          default: return cv::Point2d(q.x, c.height + oy);
        }
      };
      const double d[4] = {p.x, c.width - p.x, p.y, c.height - p.y};
      const int exit_edge = static_cast<int>(std::min_element(d, d + 4) - d);
      const cv::Point2d back = at(keys, t1 + exit_frames);
      const int entry_edge = rng.integer(0, 3);
      // It waits outside where it left and jumps to its entry point between two frames that are
      // both outside, so the path never crosses the view while "absent".
      splice(keys, t0 - exit_frames, t1 + exit_frames,
             {{t0, outside(exit_edge, p)}, {t1 - 1, outside(exit_edge, p)}, {t1, outside(entry_edge, back)}});
      events_.push_back({"leave_frame", t0, t1});
    } else {
      // The target moves behind an opaque block, rests there, and moves on.
      cv::Point2d p = at(keys, t0);
      p.x = std::clamp(p.x, margin.x + 4, c.width - margin.x - 4);
      p.y = std::clamp(p.y, margin.y + 4, c.height - margin.y - 4);
      splice(keys, t0 - exit_frames, t1 + exit_frames, {{t0, p}, {t1 - 1, p}});
      const cv::Rect block = box_at(p, 1.3 * wmax + 8, 1.3 * hmax + 8);
      occluder_windows.emplace_back(std::max(0, t0 - exit_frames - 6), std::min(F, t1 + exit_frames + 6));
      occluder_rects.push_back(block);
      events_.push_back({"full_occlusion", t0, t1});
    }
  }

  // Distractors: look-alikes with their own paths, in a share of the sequences.
  int n_distractors = 0;
  if (c.distractors_max > 0 && rng.chance(c.distractor_share)) n_distractors = rng.integer(1, c.distractors_max);
  std::vector<std::vector<Key>> dkeys;
  std::vector<double> dscale;
  for (int i = 0; i < n_distractors; ++i) {
    distractor_sprites_.push_back(recoloured(target_, rng.uniform(0.1, 0.4), rng));
    dscale.push_back(rng.uniform(0.7, 1.3));
    dkeys.push_back(wander(view, margin, c.speed, F, rng));
  }

  // Camera: bounded pan plus shake; light; blur; noise seeds.
  cv::Point2d cam(kCameraMargin, kCameraMargin), vel(rng.uniform(-1, 1) * c.camera_pan, rng.uniform(-1, 1) * c.camera_pan);
  const double Tg = rng.uniform(60, 200), phg = rng.uniform(0, kTwoPi);
  frames_.resize(F);
  groundtruth_.resize(F);
  for (int t = 0; t < F; ++t) {
    FramePlan& fp = frames_[t];
    fp.target = box_at(at(keys, t), w[t], h[t]);
    for (size_t k = 0; k < occluder_windows.size(); ++k) {
      if (t >= occluder_windows[k].first && t < occluder_windows[k].second) fp.occluder = occluder_rects[k];
    }
    for (int i = 0; i < n_distractors; ++i) {
      fp.distractors.push_back(box_at(at(dkeys[i], t), w[t] * dscale[i], h[t] * dscale[i]));
    }
    cam += vel;
    if (cam.x < 2 || cam.x > 2 * kCameraMargin - 2) vel.x = -vel.x;
    if (cam.y < 2 || cam.y > 2 * kCameraMargin - 2) vel.y = -vel.y;
    const cv::Point2d shake(rng.normal(0, c.camera_shake), rng.normal(0, c.camera_shake));
    fp.camera = cv::Point(std::clamp(static_cast<int>(std::lround(cam.x + shake.x)), 0, 2 * kCameraMargin),
                          std::clamp(static_cast<int>(std::lround(cam.y + shake.y)), 0, 2 * kCameraMargin));
    fp.gain = 1.0 + c.illumination * std::sin(kTwoPi * t / Tg + phg);
    if (rng.chance(c.blur_share)) {
      fp.blur_length = 2 * rng.integer(1, 4) + 1;
      fp.blur_angle = rng.uniform(0, kTwoPi / 2);
    }
    fp.noise_seed = rng.bits();

    // GT: the visible part of the box; absent when nothing of it is in the frame or it is entirely
    // behind the occluder.
    const cv::Rect visible = fp.target & cv::Rect(0, 0, c.width, c.height);
    const bool occluded = fp.occluder && contains_rect(*fp.occluder, fp.target);
    if (!visible.empty() && !occluded) {
      groundtruth_[t] = geometry::Box{double(visible.x), double(visible.y), double(visible.width),
                                      double(visible.height)};
    }
  }
}

std::vector<double> SynthSequenceGenerator::target_sizes() const {
  std::vector<double> s;
  s.reserve(frames_.size());
  for (const auto& f : frames_) s.push_back(std::sqrt(double(f.target.width) * f.target.height));
  return s;
}

nlohmann::json SynthSequenceGenerator::meta() const {
  nlohmann::json events = nlohmann::json::array();
  for (const auto& e : events_) events.push_back({{"type", e.type}, {"start", e.start}, {"end", e.end}});
  int absent = 0;
  for (const auto& g : groundtruth_) absent += !g.has_value();
  return {{"name", name_},
          {"frames", size()},
          {"base_size", base_size_},
          {"aspect", aspect_},
          {"distractors", distractor_sprites_.size()},
          {"absent_frames", absent},
          {"events", events},
          {"target_size", target_sizes()}};
}

cv::Mat SynthSequenceGenerator::render(int t, bool draw_target) const {
  const FramePlan& fp = frames_.at(static_cast<size_t>(t));
  cv::Mat frame = canvas_(cv::Rect(fp.camera.x, fp.camera.y, config_.width, config_.height)).clone();
  for (size_t i = 0; i < fp.distractors.size(); ++i) draw_sprite(frame, distractor_sprites_[i], fp.distractors[i]);
  if (draw_target) draw_sprite(frame, target_, fp.target);
  if (fp.occluder) draw_sprite(frame, occluder_, *fp.occluder);
  if (fp.blur_length > 0) {
    cv::Mat k = cv::Mat::zeros(fp.blur_length, fp.blur_length, CV_32F);
    const int m = fp.blur_length / 2;
    const cv::Point d(static_cast<int>(std::lround(m * std::cos(fp.blur_angle))),
                      static_cast<int>(std::lround(m * std::sin(fp.blur_angle))));
    cv::line(k, cv::Point(m, m) - d, cv::Point(m, m) + d, 1.0, 1);
    k /= cv::sum(k)[0];
    cv::filter2D(frame, frame, -1, k);
  }
  cv::Mat f32;
  frame.convertTo(f32, CV_32FC3, fp.gain);
  if (config_.noise_sigma > 0) {
    cv::Mat noise(frame.size(), CV_32FC3);
    cv::RNG r(fp.noise_seed | 1ULL);
    r.fill(noise, cv::RNG::NORMAL, 0.0, config_.noise_sigma);
    f32 += noise;
  }
  f32.convertTo(frame, CV_8UC3);
  return frame;
}

}  // namespace spot::data
