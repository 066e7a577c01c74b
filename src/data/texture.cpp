// Procedural backgrounds and sprites for the synthetic benchmark.
#include "spot/data/texture.hpp"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace spot::data {

namespace {
cv::Scalar random_colour(Rng& rng) {
  return cv::Scalar(rng.integer(0, 255), rng.integer(0, 255), rng.integer(0, 255));
}

// cv::RNG seeded from our stream: OpenCV's fill is fast and deterministic for a given seed.
cv::RNG opencv_rng(Rng& rng) { return cv::RNG(rng.bits() | 1ULL); }
}  // namespace

cv::Mat procedural_background(cv::Size size, Rng& rng) {
  cv::Mat acc(size, CV_32FC3, cv::Scalar::all(0));
  cv::RNG cvrng = opencv_rng(rng);
  // Value noise: coarse random grids upsampled smoothly, finer octaves weighted less.
  double weight = 1.0, total = 0.0;
  for (int cells = 3 + rng.integer(0, 2); cells <= 192; cells *= 2) {
    const int gw = std::max(2, cells * size.width / std::max(size.width, size.height));
    const int gh = std::max(2, cells * size.height / std::max(size.width, size.height));
    cv::Mat grid(gh, gw, CV_32FC3);
    cvrng.fill(grid, cv::RNG::UNIFORM, 0.0, 255.0);
    cv::Mat up;
    cv::resize(grid, up, size, 0, 0, cv::INTER_CUBIC);
    acc += up * weight;
    total += weight;
    weight *= 0.6;
  }
  acc /= total;
  cv::Mat bg;
  acc.convertTo(bg, CV_8UC3);
  // Man-made structure: lines, boxes and discs of random colours and sizes.
  const int shapes = 20 + rng.integer(0, 30);
  for (int i = 0; i < shapes; ++i) {
    const cv::Point p(rng.integer(0, size.width - 1), rng.integer(0, size.height - 1));
    const int r = rng.integer(3, std::max(4, std::min(size.width, size.height) / 6));
    const cv::Scalar c = random_colour(rng);
    switch (rng.integer(0, 2)) {
      case 0:
        cv::line(bg, p, p + cv::Point(rng.integer(-4 * r, 4 * r), rng.integer(-4 * r, 4 * r)), c,
                 rng.integer(1, 4), cv::LINE_AA);
        break;
      case 1:
        cv::rectangle(bg, cv::Rect(p.x, p.y, rng.integer(2, 2 * r), rng.integer(2, 2 * r)), c,
                      rng.chance(0.5) ? cv::FILLED : rng.integer(1, 3));
        break;
      default:
        cv::circle(bg, p, r / 2 + 1, c, rng.chance(0.5) ? cv::FILLED : rng.integer(1, 3), cv::LINE_AA);
    }
  }
  cv::GaussianBlur(bg, bg, {0, 0}, 0.8);
  return bg;
}

Sprite procedural_sprite(Rng& rng) {
  const int n = kSpriteSide;
  Sprite s;
  s.colour = cv::Mat(n, n, CV_8UC3, random_colour(rng));
  const cv::Scalar c1 = random_colour(rng), c2 = random_colour(rng);
  const int period = rng.integer(6, 32);
  switch (rng.integer(0, 3)) {
    case 0:  // stripes at a random angle
    {
      const double a = rng.uniform(0, 3.14159), ca = std::cos(a), sa = std::sin(a);
      for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x)
          if (static_cast<int>(std::floor((x * ca + y * sa) / period)) % 2 == 0)
            s.colour.at<cv::Vec3b>(y, x) = cv::Vec3b(c1[0], c1[1], c1[2]);
      break;
    }
    case 1:  // checker
      for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x)
          if ((x / period + y / period) % 2 == 0) s.colour.at<cv::Vec3b>(y, x) = cv::Vec3b(c1[0], c1[1], c1[2]);
      break;
    case 2:  // blobs
      for (int i = 0; i < 6; ++i)
        cv::circle(s.colour, {rng.integer(0, n), rng.integer(0, n)}, rng.integer(6, n / 3),
                   i % 2 ? c1 : c2, cv::FILLED, cv::LINE_AA);
      break;
    default:  // rings
      for (int r = n; r > 0; r -= period / 2 + 2)
        cv::circle(s.colour, {n / 2, n / 2}, r, (r / (period / 2 + 2)) % 2 ? c1 : c2, cv::FILLED);
  }
  // A bright/dark core so even a 2-px target differs from its surroundings on average.
  cv::circle(s.colour, {n / 2, n / 2}, n / 6, c2, cv::FILLED, cv::LINE_AA);

  cv::Mat m(n, n, CV_8U, cv::Scalar(0));
  switch (rng.integer(0, 3)) {
    case 0: m.setTo(255); break;
    case 1: cv::ellipse(m, {n / 2, n / 2}, {n / 2, n / 2}, 0, 0, 360, 255, cv::FILLED); break;
    case 2: {
      const std::vector<cv::Point> d = {{n / 2, 0}, {n - 1, n / 2}, {n / 2, n - 1}, {0, n / 2}};
      cv::fillConvexPoly(m, d, 255);
      break;
    }
    default:
      cv::rectangle(m, cv::Rect(n / 8, 0, n - n / 4, n), 255, cv::FILLED);
      cv::rectangle(m, cv::Rect(0, n / 8, n, n - n / 4), 255, cv::FILLED);
      for (const cv::Point c : {cv::Point(n / 8, n / 8), cv::Point(n - 1 - n / 8, n / 8),
                                cv::Point(n / 8, n - 1 - n / 8), cv::Point(n - 1 - n / 8, n - 1 - n / 8)})
        cv::circle(m, c, n / 8, 255, cv::FILLED);
  }
  m.convertTo(s.mask, CV_32F, 1.0 / 255.0);
  return s;
}

Sprite recoloured(const Sprite& sprite, double amount, Rng& rng) {
  Sprite out{sprite.colour.clone(), sprite.mask.clone()};
  const cv::Scalar shift(rng.uniform(-1, 1) * 80 * amount, rng.uniform(-1, 1) * 80 * amount,
                         rng.uniform(-1, 1) * 80 * amount);
  out.colour.convertTo(out.colour, CV_8UC3, 1.0, 0.0);
  cv::add(out.colour, shift, out.colour);
  return out;
}

void draw_sprite(cv::Mat& frame, const Sprite& sprite, const cv::Rect& box) {
  if (box.width <= 0 || box.height <= 0) return;
  const cv::Rect visible = box & cv::Rect(0, 0, frame.cols, frame.rows);
  if (visible.empty()) return;
  cv::Mat colour, mask;
  const int interp = (box.width < kSpriteSide || box.height < kSpriteSide) ? cv::INTER_AREA : cv::INTER_LINEAR;
  cv::resize(sprite.colour, colour, box.size(), 0, 0, interp);
  cv::resize(sprite.mask, mask, box.size(), 0, 0, interp);
  const cv::Rect inner(visible.x - box.x, visible.y - box.y, visible.width, visible.height);
  for (int y = 0; y < visible.height; ++y) {
    auto* dst = frame.ptr<cv::Vec3b>(visible.y + y) + visible.x;
    const auto* src = colour.ptr<cv::Vec3b>(inner.y + y) + inner.x;
    const float* a = mask.ptr<float>(inner.y + y) + inner.x;
    for (int x = 0; x < visible.width; ++x) {
      const float al = a[x];
      for (int c = 0; c < 3; ++c) {
        dst[x][c] = cv::saturate_cast<uchar>(al * src[x][c] + (1.0f - al) * dst[x][c]);
      }
    }
  }
}

}  // namespace spot::data
