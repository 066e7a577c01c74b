// SizeBalancedSampler: flat size histogram, boxes that match the pixels, determinism, bad configs.
#include <cmath>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "fixtures.hpp"
#include "sampler_checks.hpp"
#include "spot/data/dataset.hpp"
#include "spot/data/size_balanced_sampler.hpp"
#include "spot/data/synth_dataset.hpp"
#include "support/paths.hpp"

namespace fs = std::filesystem;
using namespace spot::data;

namespace {

TEST(SizeBalancedSampler, FlatHistogramOnSyntheticData) {
  spot::test::TempDir d;
  SynthConfig c;
  c.width = 320;
  c.height = 180;
  c.sequences = 4;
  c.frames = 40;
  c.size_distribution = "imbalanced";  // the source is imbalanced; the sampler must flatten it
  c.size_min = 8;
  c.size_max = 96;
  write_synth_dataset(c, d.path() / "synth", "test");
  SamplerConfig sc;
  sc.seed = 3;
  const SizeBalancedSampler sampler(load_dataset(d.path() / "synth"), sc);
  spot::test::expect_flat_histogram(sampler, 10000);
}

// A white box on black frames: after sampling, the search image must be bright inside the planned
// box and dark outside it.
TEST(SizeBalancedSampler, SearchBoxMatchesThePixels) {
  spot::test::TempDir d;
  const fs::path seq = d.path() / "ds" / "seq";
  std::string gt;
  for (int i = 1; i <= 6; ++i) {
    cv::Mat img(120, 160, CV_8UC3, cv::Scalar(0, 0, 0));
    const cv::Rect box(20 + 10 * i, 30, 24, 12);
    img(box).setTo(cv::Scalar(255, 255, 255));
    char name[32];
    std::snprintf(name, sizeof(name), "%08d.png", i);
    fs::create_directories(seq / "color");
    cv::imwrite((seq / "color" / name).string(), img);
    gt += fmt::format("{},{},{},{}\n", box.x, box.y, box.width, box.height);
  }
  spot::test::write_text(seq / "groundtruth.txt", gt);
  SamplerConfig sc;
  sc.photometric = false;
  sc.search_width = 200;
  sc.search_height = 100;
  sc.size = {"uniform-log", 8.0, 64.0, {}};
  const SizeBalancedSampler sampler(load_dataset(d.path() / "ds"), sc);
  for (std::uint64_t i = 0; i < 20; ++i) {
    const TrainingPair p = sampler.sample(i);
    ASSERT_EQ(p.search_image.cols, 200);
    ASSERT_EQ(p.search_image.rows, 100);
    ASSERT_EQ(p.template_image.cols, sc.template_size);
    ASSERT_TRUE(p.plan.search_box.has_value());
    const auto& b = *p.plan.search_box;
    cv::Mat grey;
    cv::cvtColor(p.search_image, grey, cv::COLOR_BGR2GRAY);
    // Interior (1 px in from the edges, where interpolation blends) is bright...
    const cv::Rect inner(static_cast<int>(std::ceil(b.x)) + 1, static_cast<int>(std::ceil(b.y)) + 1,
                         static_cast<int>(b.w) - 3, static_cast<int>(b.h) - 3);
    if (inner.width > 0 && inner.height > 0) {
      EXPECT_GT(cv::mean(grey(inner))[0], 200) << "sample " << i;
    }
    // ...and everything 2 px outside the box is dark (black frame or its mean-colour padding).
    cv::Mat outside = grey.clone();
    const cv::Rect grown(static_cast<int>(b.x) - 2, static_cast<int>(b.y) - 2, static_cast<int>(b.w) + 5,
                         static_cast<int>(b.h) + 5);
    outside(grown & cv::Rect(0, 0, 200, 100)).setTo(0);
    double mx = 0;
    cv::minMaxLoc(outside, nullptr, &mx);
    EXPECT_LT(mx, 60) << "sample " << i;
    // The template box sits in the middle of the template crop.
    EXPECT_NEAR(p.template_box.x + p.template_box.w / 2, sc.template_size / 2.0, 1e-9);
  }
}

TEST(SizeBalancedSampler, SameIndexSamePair) {
  spot::test::TempDir d;
  SynthConfig c;
  c.width = 160;
  c.height = 96;
  c.sequences = 2;
  c.frames = 20;
  c.size_max = 48;
  write_synth_dataset(c, d.path() / "s", "test");
  SamplerConfig sc;
  sc.search_width = 160;
  sc.search_height = 96;
  sc.size.max = 48;
  const SizeBalancedSampler a(load_dataset(d.path() / "s"), sc), b(load_dataset(d.path() / "s"), sc);
  for (std::uint64_t i : {0ULL, 7ULL, 123ULL}) {
    const auto pa = a.sample(i), pb = b.sample(i);
    EXPECT_EQ(cv::norm(pa.search_image, pb.search_image, cv::NORM_INF), 0.0);
    EXPECT_EQ(cv::norm(pa.template_image, pb.template_image, cv::NORM_INF), 0.0);
    EXPECT_EQ(pa.plan.search_frame, pb.plan.search_frame);
  }
  EXPECT_NE(a.plan(1).scale, a.plan(2).scale);
}

TEST(SizeBalancedSampler, BadConfigsAndDataAreErrors) {
  SamplerConfig sc;
  sc.size.min = 64;
  sc.size.max = 8;
  spot::test::expect_contains(spot::test::error_of([&] { sc.validate("x.toml"); }), {"x.toml", "inverted"});
  sc = SamplerConfig{};
  sc.size.kind = "normal";
  spot::test::expect_contains(spot::test::error_of([&] { sc.validate(); }), {"'normal'"});
  Sequence no_gt;
  no_gt.name = "v";
  spot::test::expect_contains(spot::test::error_of([&] { SizeBalancedSampler({no_gt}, SamplerConfig{}); }),
                              {"no sequence with a ground-truth box"});
}

}  // namespace
