// The readers on the real shared sequences (../shared/data, ../shared/train): auto-detection must
// find every sequence of manifest.json with its frame count, absent frames, frame size and format.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "spot/data/dataset.hpp"
#include "spot/data/frame_reader.hpp"
#include "support/paths.hpp"

namespace spot::data {
namespace {

namespace fs = std::filesystem;

double median(std::vector<double> v) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

// Loads `root` with format auto and checks it against `root`/manifest.json, entry by entry.
void check_against_manifest(const fs::path& root) {
  std::ifstream in(root / "manifest.json");
  ASSERT_TRUE(in) << root / "manifest.json";
  const nlohmann::json manifest = nlohmann::json::parse(in);

  const std::vector<Sequence> sequences = load_dataset(root);
  std::map<std::string, const Sequence*> by_name;
  for (const Sequence& s : sequences) by_name[s.name] = &s;
  EXPECT_EQ(sequences.size(), manifest.size());

  for (const auto& entry : manifest) {
    const std::string name = entry.at("sequence");
    SCOPED_TRACE(entry.at("path").get<std::string>());
    ASSERT_EQ(by_name.count(name), 1u) << "sequence not loaded: " << name;
    const Sequence& s = *by_name.at(name);
    EXPECT_EQ(s.format, entry.at("format").get<std::string>());
    EXPECT_EQ(s.size(), entry.at("frames").get<int>());
    ASSERT_EQ(s.groundtruth.size(), s.frames.size());
    const auto absent = std::count_if(s.groundtruth.begin(), s.groundtruth.end(),
                                      [](const geometry::MaybeBox& b) { return !b.has_value(); });
    EXPECT_EQ(absent, entry.at("absent_frames").get<long>());
    for (const fs::path& f : s.frames) ASSERT_TRUE(fs::is_regular_file(f)) << f;

    const geometry::ImageSize size = first_frame_size(s);
    EXPECT_EQ(size.width, entry.at("width").get<int>());
    EXPECT_EQ(size.height, entry.at("height").get<int>());

    // The box convention (TLD corners -> w = x2 - x1) must reproduce the manifest's box sizes.
    std::vector<double> ws, hs;
    for (const auto& b : s.groundtruth) {
      if (!b) continue;
      ws.push_back(b->w);
      hs.push_back(b->h);
    }
    EXPECT_NEAR(median(ws), entry.at("median_box_wh")[0].get<double>(), 0.006);
    EXPECT_NEAR(median(hs), entry.at("median_box_wh")[1].get<double>(), 0.006);
  }
}

TEST(SharedData, EverySequenceMatchesTheManifest) {
  SPOT_REQUIRE_SHARED_DATA(data);
  EXPECT_EQ(detect_format(data), "dtb70+otb+tld+uav123");
  check_against_manifest(data);
}

TEST(SharedData, EverySubDatasetLoadsOnItsOwn) {
  SPOT_REQUIRE_SHARED_DATA(data);
  for (const char* sub : {"dtb70", "otb", "tld", "uav123"}) {
    EXPECT_EQ(detect_format(data / sub), sub);
    EXPECT_FALSE(load_dataset(data / sub, sub).empty()) << sub;
  }
  const auto crossing = load_dataset(data / "otb" / "Crossing");
  ASSERT_EQ(crossing.size(), 1u);
  EXPECT_EQ(crossing[0].name, "Crossing");
}

TEST(SharedTrain, EverySequenceMatchesTheManifest) {
  SPOT_REQUIRE_SHARED_DATA(data);
  const fs::path train = data.parent_path() / "train";
  if (!fs::is_regular_file(train / "manifest.json")) GTEST_SKIP() << train << " not found";
  check_against_manifest(train);
}

}  // namespace
}  // namespace spot::data
