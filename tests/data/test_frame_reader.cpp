// FrameReader on image files and on a small generated video; first_frame_size.
#include <gtest/gtest.h>

#include <opencv2/videoio.hpp>

#include "fixtures.hpp"
#include "spot/data/dataset.hpp"
#include "spot/data/frame_reader.hpp"
#include "support/paths.hpp"

namespace spot::data {
namespace {

namespace fs = std::filesystem;

// An MJPG AVI whose frame i is filled with grey level 20*i, so reads can be checked by value.
// OpenCV writes MJPG AVIs with its own encoder, so this needs no system codec.
bool write_video(const fs::path& path, int frames) {
  cv::VideoWriter writer(path.string(), cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 10.0,
                         cv::Size(32, 24));
  if (!writer.isOpened()) return false;
  for (int i = 0; i < frames; ++i) writer.write(cv::Mat(24, 32, CV_8UC3, cv::Scalar::all(20 * i)));
  return true;
}

int grey(const cv::Mat& frame) { return frame.at<cv::Vec3b>(12, 16)[0]; }

TEST(FrameReader, ReadsImageFramesAsBgr) {
  test::TempDir tmp;
  const fs::path dir = tmp.path() / "clip";
  test::write_frames(dir, 3, 4, "", ".png", 1, 10, 7);
  const Sequence s = load_dataset(dir).front();
  FrameReader reader(s);
  EXPECT_EQ(reader.size(), 3);
  const cv::Mat f = reader.read(2);
  EXPECT_EQ(f.type(), CV_8UC3);
  EXPECT_EQ(f.cols, 10);
  EXPECT_EQ(f.rows, 7);
  EXPECT_EQ(f.at<cv::Vec3b>(0, 0)[0], 40);  // write_frames colours frame i with 20*i
  const geometry::ImageSize size = first_frame_size(s);
  EXPECT_EQ(size.width, 10);
  EXPECT_EQ(size.height, 7);
}

TEST(FrameReader, SequenceWithoutFramesIsAnError) {
  Sequence empty;
  empty.name = "nothing";
  test::expect_contains(test::error_of([&] { FrameReader reader(empty); }),
                        {"nothing", "no frames"});
}

TEST(FrameReader, VideoFileForwardSkipAndBackward) {
  test::TempDir tmp;
  const fs::path video = tmp.path() / "clip.avi";
  if (!write_video(video, 6)) GTEST_SKIP() << "OpenCV cannot write MJPG AVI here";
  EXPECT_EQ(detect_format(video), "video");
  const auto all = load_dataset(video);
  ASSERT_EQ(all.size(), 1u);
  const Sequence& s = all.front();
  EXPECT_EQ(s.name, "clip");
  EXPECT_EQ(s.format, "video");
  EXPECT_EQ(s.size(), 6);
  EXPECT_FALSE(s.has_groundtruth());

  FrameReader reader(s);
  EXPECT_NEAR(grey(reader.read(0)), 0, 3);
  EXPECT_NEAR(grey(reader.read(3)), 60, 3);  // skips 1 and 2
  EXPECT_NEAR(grey(reader.read(1)), 20, 3);  // backwards re-opens
  EXPECT_NEAR(grey(reader.read(5)), 100, 3);
  EXPECT_EQ(reader.read(4).type(), CV_8UC3);
  const geometry::ImageSize size = first_frame_size(s);
  EXPECT_EQ(size.width, 32);
  EXPECT_EQ(size.height, 24);

  // A folder of videos: one sequence per file.
  ASSERT_TRUE(write_video(tmp.path() / "second.avi", 2));
  const auto both = load_dataset(tmp.path());
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[1].name, "second");
  EXPECT_EQ(both[1].size(), 2);
}

TEST(FrameReader, CorruptVideoIsNamed) {
  test::TempDir tmp;
  const fs::path video = tmp.path() / "broken.mp4";
  test::write_text(video, "not a video at all");
  test::expect_contains(test::error_of([&] { load_dataset(video); }), {"broken.mp4", "video"});
}

}  // namespace
}  // namespace spot::data
