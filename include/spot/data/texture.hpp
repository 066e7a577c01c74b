// Procedural images for the synthetic benchmark: textured backgrounds and target sprites (colour
// pattern + shape mask), all drawn from an Rng so the same seed gives the same pixels.
#pragma once

#include <opencv2/core/mat.hpp>

#include "spot/data/rng.hpp"

namespace spot::data {

// A `size` 8-bit BGR image of multi-octave value noise plus random lines, rectangles and discs:
// enough structure at every scale that a tracker cannot find a target by "the only texture there".
cv::Mat procedural_background(cv::Size size, Rng& rng);

struct Sprite {
  cv::Mat colour;  // 8-bit BGR pattern, square, resolution kSpriteSide
  cv::Mat mask;    // 32-bit float alpha in [0,1]; its bounding box is the whole image
};

constexpr int kSpriteSide = 96;

// A target appearance: a random pattern (stripes, checker, blobs or rings in 2-3 colours) inside a
// random shape (rectangle, ellipse, diamond or rounded rectangle) that touches all four borders, so
// the tight box of the drawn sprite is exactly the rectangle it is drawn into.
Sprite procedural_sprite(Rng& rng);

// The same sprite with its colours shifted (for look-alike distractors): `amount` in [0,1].
Sprite recoloured(const Sprite& sprite, double amount, Rng& rng);

// Draws `sprite` resized to `box` (integer pixels, may lie partly outside) onto `frame` by alpha
// blending; pixels outside `box` are never touched.
void draw_sprite(cv::Mat& frame, const Sprite& sprite, const cv::Rect& box);

}  // namespace spot::data
