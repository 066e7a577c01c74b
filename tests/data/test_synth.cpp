// The synthetic generator: byte-identical output per seed, ground truth that matches the pixels, and
// clear errors on bad configs.
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "fixtures.hpp"
#include "spot/data/dataset.hpp"
#include "spot/data/synth_dataset.hpp"
#include "spot/data/synth_sequence.hpp"
#include "support/paths.hpp"

namespace fs = std::filesystem;
using spot::data::SynthConfig;

namespace {

SynthConfig small_config(std::uint64_t seed) {
  SynthConfig c;
  c.width = 160;
  c.height = 96;
  c.sequences = 3;
  c.frames = 60;
  c.seed = seed;
  c.size_max = 48;
  return c;
}

// FNV-1a over every file's relative path and bytes, in sorted order.
std::uint64_t tree_hash(const fs::path& root) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::uint64_t h = 1469598103934665603ULL;
  auto feed = [&](const std::string& s) {
    for (unsigned char ch : s) h = (h ^ ch) * 1099511628211ULL;
  };
  for (const auto& f : files) {
    feed(fs::relative(f, root).string());
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    feed(ss.str());
  }
  return h;
}

TEST(Synth, SameSeedSameBytesDifferentSeedDifferentBytes) {
  spot::test::TempDir d;
  spot::data::write_synth_dataset(small_config(5), d.path() / "a", "test");
  spot::data::write_synth_dataset(small_config(5), d.path() / "b", "test");
  spot::data::write_synth_dataset(small_config(6), d.path() / "c", "test");
  const auto a = tree_hash(d.path() / "a"), b = tree_hash(d.path() / "b"), c = tree_hash(d.path() / "c");
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  // The written dataset reads back through the generic reader with one GT row per frame.
  const auto seqs = spot::data::load_dataset(d.path() / "a");
  ASSERT_EQ(seqs.size(), 3u);
  for (const auto& s : seqs) {
    EXPECT_EQ(s.size(), 60);
    EXPECT_EQ(s.groundtruth.size(), 60u);
    EXPECT_TRUE(fs::exists(d.path() / "a" / s.name / "meta.json"));
  }
  EXPECT_TRUE(fs::exists(d.path() / "a" / "README.md"));
}

// Rendering each frame with and without the target: the pixels that change must lie inside the GT
// box, and the GT must be nan exactly when nothing of the target is visible.
TEST(Synth, GroundTruthMatchesThePixels) {
  SynthConfig c = small_config(11);
  c.blur_share = 0.0;  // blur would spread the target's pixels one or two px beyond its box
  c.frames = 200;
  c.sequences = 6;
  c.size_min = 3;
  long present = 0, present_invisible = 0, absent = 0;
  int leave_events = 0, occlusion_events = 0;
  for (int s = 0; s < c.sequences; ++s) {
    const spot::data::SynthSequenceGenerator gen(c, s);
    for (const auto& e : gen.events()) {
      (e.type == "leave_frame" ? leave_events : occlusion_events)++;
      // Every planned absence frame is absent (the target waits outside / behind the occluder).
      for (int t = e.start; t < e.end; ++t) {
        EXPECT_FALSE(gen.groundtruth()[t].has_value()) << gen.name() << " " << e.type << " frame " << t;
      }
    }
    EXPECT_GE(gen.events().size(), 1u);
    ASSERT_TRUE(gen.groundtruth()[0].has_value()) << "frame 0 must show the target for init";
    for (int t = 0; t < gen.size(); ++t) {
      cv::Mat with = gen.render(t, true), without = gen.render(t, false), diff, changed;
      cv::absdiff(with, without, diff);
      cv::cvtColor(diff, diff, cv::COLOR_BGR2GRAY);
      changed = diff > 0;
      const auto& gt = gen.groundtruth()[t];
      if (!gt) {
        ++absent;
        EXPECT_EQ(cv::countNonZero(changed), 0) << gen.name() << " frame " << t << ": absent but drawn";
        continue;
      }
      ++present;
      const cv::Rect box(int(gt->x), int(gt->y), int(gt->w), int(gt->h));
      cv::Mat outside = changed.clone();
      outside(box).setTo(0);
      EXPECT_EQ(cv::countNonZero(outside), 0) << gen.name() << " frame " << t << ": drawn outside the GT box";
      if (cv::countNonZero(changed(box)) == 0) ++present_invisible;
    }
  }
  EXPECT_GT(absent, 0);
  EXPECT_GT(leave_events, 0);
  EXPECT_GT(occlusion_events, 0);
  // A present target may coincide with the background in colour at a pixel or two, or be mostly
  // behind an occluder; it must still be visible in almost every present frame.
  EXPECT_LE(present_invisible, present / 100) << present_invisible << " of " << present;
}

TEST(Synth, TargetSizesFollowTheChosenDistribution) {
  SynthConfig c;
  spot::data::Rng rng(3);
  // uniform-log between 2 and 128: six octaves, each should get 1/6 of 12000 draws (+-20 %).
  std::map<int, int> octave;
  for (int i = 0; i < 12000; ++i) ++octave[static_cast<int>(std::log2(spot::data::draw_target_size(c, rng) / 2.0))];
  for (int k = 0; k < 6; ++k) EXPECT_NEAR(octave[k], 2000, 400) << "octave " << k;
  // imbalanced: mostly large.
  c.size_distribution = "imbalanced";
  int large = 0;
  for (int i = 0; i < 10000; ++i) large += spot::data::draw_target_size(c, rng) >= 32;
  EXPECT_GT(large, 5000);
}

TEST(SynthConfig, BadValuesGiveOneClearError) {
  auto message = [](const SynthConfig& c) {
    return spot::test::error_of([&] { c.validate("cfg.toml"); });
  };
  SynthConfig c;
  c.size_min = 64;
  c.size_max = 8;
  spot::test::expect_contains(message(c), {"cfg.toml", "size range inverted"});
  c = SynthConfig{};
  c.frames = 0;
  spot::test::expect_contains(message(c), {"frames = 0"});
  c = SynthConfig{};
  c.size_distribution = "gaussian";
  spot::test::expect_contains(message(c), {"size_distribution = 'gaussian'", "uniform-log"});
  c = SynthConfig{};
  c.size_distribution = "bins";
  spot::test::expect_contains(message(c), {"size_bins"});
}

TEST(SynthConfig, TomlFileErrorsNameFileAndLine) {
  spot::test::TempDir d;
  const fs::path f = d.path() / "c.toml";
  spot::test::write_text(f, "[synth]\nframes = 10\nsize_mni = 3\n");
  spot::test::expect_contains(spot::test::error_of([&] { spot::data::load_synth_config(f); }),
                              {"c.toml:3", "unknown key 'size_mni'"});
  spot::test::write_text(f, "[synth]\nframes = \"ten\"\n");
  spot::test::expect_contains(spot::test::error_of([&] { spot::data::load_synth_config(f); }),
                              {"c.toml:2", "frames", "integer"});
  spot::test::write_text(f, "[synth]\nframes = 0\n");
  spot::test::expect_contains(spot::test::error_of([&] { spot::data::load_synth_config(f); }),
                              {"c.toml", "frames = 0"});
  spot::test::write_text(f, "[synth]\nframes = 12\nsize_distribution = \"bins\"\nsize_bins = [[2, 8], [32, 64]]\n");
  const auto c = spot::data::load_synth_config(f);
  EXPECT_EQ(c.frames, 12);
  ASSERT_EQ(c.size_bins.size(), 2u);
  EXPECT_EQ(c.size_bins[1].first, 32);
}

TEST(SynthConfig, BenchmarkDefinitionLoads) {
  const auto c = spot::data::load_synth_config(fs::path(SPOT_SOURCE_DIR) / "configs" / "bench-small-lt.toml");
  EXPECT_EQ(c.sequences, 60);
  EXPECT_EQ(c.frames, 300);
  EXPECT_EQ(c.size_distribution, "uniform-log");
  EXPECT_GE(c.absence_events_min, 1);
}

}  // namespace
