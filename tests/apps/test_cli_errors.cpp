// The `spot` binary on bad input: exactly one error line naming the file (and line), exit code 1,
// never a crash. Each case builds a small generic-layout dataset and breaks one thing.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include "support/paths.hpp"
#include "support/run_spot.hpp"

namespace fs = std::filesystem;

namespace {

using spot::test::Outcome;
using spot::test::run_spot;

// <root>/seq/color/00000001.jpg..n + groundtruth.txt with the given lines.
fs::path make_sequence(const fs::path& root, int frames, const std::string& gt) {
  const fs::path seq = root / "seq";
  fs::create_directories(seq / "color");
  for (int i = 1; i <= frames; ++i) {
    cv::Mat img(48, 64, CV_8UC3, cv::Scalar(i * 20, 80, 120));
    char name[32];
    std::snprintf(name, sizeof(name), "%08d.jpg", i);
    cv::imwrite((seq / "color" / name).string(), img);
  }
  std::ofstream(seq / "groundtruth.txt") << gt;
  return seq;
}

void expect_one_line_error(const Outcome& o, const std::string& must_contain) {
  EXPECT_EQ(o.exit_code, 1) << o.output;
  // Exactly one line on the output, starting with "spot: error:".
  ASSERT_FALSE(o.output.empty());
  EXPECT_EQ(o.output.rfind("spot: error: ", 0), 0u) << o.output;
  EXPECT_EQ(std::count(o.output.begin(), o.output.end(), '\n'), 1) << o.output;
  EXPECT_NE(o.output.find(must_contain), std::string::npos) << o.output;
}

const std::string kGood3 = "10,10,20,20\n11,10,20,20\n12,10,20,20\n";

TEST(CliErrors, UnknownTracker) {
  spot::test::TempDir d;
  make_sequence(d.path(), 3, kGood3);
  expect_one_line_error(run_spot("run --tracker nope --dataset " + d.path().string() + " --out " +
                                 (d.path() / "out").string()),
                        "unknown tracker 'nope'");
}

TEST(CliErrors, GtWithFewerLinesThanFrames) {
  spot::test::TempDir d;
  make_sequence(d.path(), 4, kGood3);
  expect_one_line_error(run_spot("run --tracker csrt --dataset " + d.path().string() + " --out " +
                                 (d.path() / "out").string()),
                        "groundtruth.txt");
}

TEST(CliErrors, GtWithMoreLinesThanFrames) {
  spot::test::TempDir d;
  make_sequence(d.path(), 2, kGood3);
  expect_one_line_error(run_spot("run --tracker csrt --dataset " + d.path().string() + " --out " +
                                 (d.path() / "out").string()),
                        "groundtruth.txt");
}

TEST(CliErrors, NonNumericField) {
  spot::test::TempDir d;
  make_sequence(d.path(), 3, "10,10,20,20\n11,abc,20,20\n12,10,20,20\n");
  expect_one_line_error(run_spot("run --tracker csrt --dataset " + d.path().string() + " --out " +
                                 (d.path() / "out").string()),
                        "groundtruth.txt:2");
}

TEST(CliErrors, NegativeSize) {
  spot::test::TempDir d;
  make_sequence(d.path(), 3, "10,10,20,20\n11,10,-20,20\n12,10,20,20\n");
  expect_one_line_error(run_spot("run --tracker csrt --dataset " + d.path().string() + " --out " +
                                 (d.path() / "out").string()),
                        "groundtruth.txt:2");
}

TEST(CliErrors, EmptyDatasetFolder) {
  spot::test::TempDir d;
  fs::create_directories(d.path() / "empty");
  expect_one_line_error(run_spot("run --tracker csrt --dataset " + (d.path() / "empty").string() +
                                 " --out " + (d.path() / "out").string()),
                        "empty");
}

TEST(CliErrors, MissingFrames) {
  spot::test::TempDir d;
  const fs::path seq = make_sequence(d.path(), 3, kGood3);
  fs::remove_all(seq / "color");
  expect_one_line_error(run_spot("run --tracker csrt --dataset " + d.path().string() + " --out " +
                                 (d.path() / "out").string()),
                        "seq");
}

TEST(CliErrors, UnreadableImage) {
  spot::test::TempDir d;
  const fs::path seq = make_sequence(d.path(), 3, kGood3);
  std::ofstream(seq / "color" / "00000002.jpg", std::ios::trunc) << "this is not a jpeg";
  expect_one_line_error(run_spot("run --tracker csrt --dataset " + d.path().string() + " --out " +
                                 (d.path() / "out").string()),
                        "00000002.jpg");
}

TEST(CliErrors, BadInitBox) {
  spot::test::TempDir d;
  make_sequence(d.path(), 3, kGood3);
  expect_one_line_error(run_spot("track --input " + (d.path() / "seq").string() +
                                 " --init 1,2,x,4 --out " + (d.path() / "out").string()),
                        "expected x,y,w,h");
}

TEST(CliRun, WritesResultsAndResumes) {
  spot::test::TempDir d;
  make_sequence(d.path() / "ds", 3, kGood3);
  const std::string args = "run --tracker medianflow --dataset " + (d.path() / "ds").string() +
                           " --out " + (d.path() / "out").string();
  const Outcome first = run_spot(args);
  ASSERT_EQ(first.exit_code, 0) << first.output;
  for (const char* f : {"seq.txt", "seq_confidence.value", "seq_time.txt", "run.json"}) {
    EXPECT_TRUE(fs::exists(d.path() / "out" / f)) << f;
  }
  std::ifstream in(d.path() / "out" / "seq.txt");
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line.substr(0, 2), "10");  // the init frame holds the GT box
  const Outcome second = run_spot(args);
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_NE(second.output.find("already had results"), std::string::npos) << second.output;
}

TEST(CliTrack, WritesTheAnnotatedVideoAndBoxesWhereAsked) {
  spot::test::TempDir d;
  const fs::path seq = make_sequence(d.path(), 3, kGood3);
  const fs::path video = d.path() / "annotated.mp4", boxes = d.path() / "r" / "boxes.txt";
  const Outcome o = run_spot("track --video " + seq.string() + " --tracker kcf --out " + video.string() +
                             " --results " + boxes.string());
  ASSERT_EQ(o.exit_code, 0) << o.output;
  ASSERT_TRUE(fs::exists(video)) << o.output;
  EXPECT_GT(fs::file_size(video), 0u);
  std::ifstream in(boxes);
  ASSERT_TRUE(in) << o.output;
  int lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  EXPECT_EQ(lines, 3);
  EXPECT_TRUE(fs::exists(d.path() / "r" / "boxes_time.txt"));
  EXPECT_NE(o.output.find(video.string()), std::string::npos) << o.output;
}

TEST(CliTrack, HeatmapNeedsSpot) {
  spot::test::TempDir d;
  const fs::path seq = make_sequence(d.path(), 3, kGood3);
  expect_one_line_error(run_spot("track --video " + seq.string() + " --tracker kcf --heatmap --out " +
                                 (d.path() / "out").string()),
                        "--heatmap needs --tracker spot");
  // With SPOT (the shipped weights) the overlay is drawn and the run succeeds.
  const fs::path video = d.path() / "heat.avi";
  const Outcome o = run_spot("track --video " + seq.string() + " --tracker spot --heatmap --out " + video.string());
  ASSERT_EQ(o.exit_code, 0) << o.output;
  EXPECT_GT(fs::file_size(video), 0u);
}

TEST(CliTrack, CameraErrorsAreOneClearLine) {
  spot::test::TempDir d;
  // A camera has no ground truth.
  expect_one_line_error(run_spot("track --video 7 --tracker kcf --out " + d.path().string()), "--init");
  // No camera 7 on a test machine: OpenCV may warn first, but spot's last line says what failed.
  const Outcome o = run_spot("track --video 7 --init 1,1,5,5 --tracker kcf --out " + d.path().string());
  EXPECT_EQ(o.exit_code, 1) << o.output;
  const auto last = o.output.rfind("spot: error: ");
  ASSERT_NE(last, std::string::npos) << o.output;
  EXPECT_NE(o.output.find("cannot open camera 7", last), std::string::npos) << o.output;
}

}  // namespace
