// Axis-aligned boxes (x, y, w, h: top-left corner and size, in the pixel coordinates of the dataset's
// own GT files) and the overlap / error measures the tracking toolkits use.
#pragma once

#include <optional>

namespace spot::geometry {

struct Point {
  double x = 0.0;
  double y = 0.0;
};

struct Box {
  double x = 0.0;
  double y = 0.0;
  double w = 0.0;
  double h = 0.0;

  double area() const { return (w > 0 && h > 0) ? w * h : 0.0; }
  // Continuous centre (x + w/2, y + h/2). The toolkits' x + (w-1)/2 differs by a constant that
  // cancels in every centre *difference*, so all centre errors here equal theirs.
  Point center() const { return {x + w / 2.0, y + h / 2.0}; }
  // True when all four numbers are finite (false for the nan rows that mark "absent").
  bool finite() const;
  // True when finite and w > 0 and h > 0.
  bool non_empty() const { return finite() && w > 0 && h > 0; }
  friend bool operator==(const Box& a, const Box& b) {
    return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h;
  }
};

// A per-frame annotation or prediction: std::nullopt means "target absent".
using MaybeBox = std::optional<Box>;

struct ImageSize {
  int width = 0;
  int height = 0;
};

// Continuous IoU of [x, x+w) x [y, y+h); 0 when either box is empty or the union is 0.
double iou(const Box& a, const Box& b);

// got10k's rect_iou: inter / (union + eps), clipped to [0, 1]; eps = machine epsilon of double.
double iou_got10k(const Box& a, const Box& b);

// got10k's rect_iou with bound=(W, H): a box with negative x or y is *moved* to 0 keeping its size
// (the toolkit's quirk), then its right/bottom edge is clipped to the bound; then iou_got10k.
double iou_got10k_bounded(const Box& a, const Box& b, ImageSize bound);

// Both boxes cropped to the image [0,W) x [0,H), then continuous IoU (OxUvA's iou_clip).
double iou_clipped(const Box& a, const Box& b, ImageSize bound);

// A box cropped to the image [0,W) x [0,H); w or h become 0 when it lies outside.
Box crop_to_image(const Box& b, ImageSize bound);

// Euclidean distance between the two centres, in pixels.
double center_error(const Box& pred, const Box& gt);

// got10k's normalised centre error: per axis (c_pred - c_gt) / max(1, gt size), then Euclidean norm.
double normalized_center_error(const Box& pred, const Box& gt);

// Point criterion: x <= px <= x+w and y <= py <= y+h (closed box). False for a non-finite box/point.
bool contains(const Box& b, const Point& p);

// sqrt(w*h), the "size" of a target used for size bins; 0 for an empty box.
double box_size(const Box& b);

// The box whose centre and size are (1 - w) x a's + w x b's (w = 0: a, w = 1: b).
Box blend(const Box& a, const Box& b, double w);

}  // namespace spot::geometry
