// Every bad-input case of the readers: the spot::Error names the file (and line) and says what
// was expected.
#include <gtest/gtest.h>

#include "fixtures.hpp"
#include "spot/data/dataset.hpp"
#include "spot/data/frame_reader.hpp"
#include "support/paths.hpp"

namespace spot::data {
namespace {

namespace fs = std::filesystem;
using test::error_of;
using test::expect_contains;
using test::write_frames;
using test::write_text;

TEST(DatasetErrors, MissingFramesFolder) {
  test::TempDir tmp;
  const fs::path seq = tmp.path() / "Soccer";
  write_text(seq / "groundtruth_rect.txt", "1,2,3,4\n");
  expect_contains(error_of([&] { load_dataset(seq); }),
                  {(seq / "img").string(), "missing frames folder", "img/0001.jpg"});

  const fs::path uav = tmp.path() / "uav" / "boat1";
  write_text(uav / "anno" / "UAV123_10fps" / "boat1.txt", "1,2,3,4\n");
  fs::create_directories(uav / "data_seq" / "UAV123_10fps");
  expect_contains(error_of([&] { load_dataset(uav); }),
                  {"boat1.txt", "missing frames folder", "data_seq/UAV123_10fps/boat1/"});
}

TEST(DatasetErrors, EmptyFramesFolder) {
  test::TempDir tmp;
  const fs::path seq = tmp.path() / "walk";
  fs::create_directories(seq / "img");
  write_text(seq / "groundtruth.txt", "1,2,3,4\n");
  expect_contains(error_of([&] { load_dataset(seq); }), {(seq / "img").string(), "no "});
}

TEST(DatasetErrors, LineCountDifferentFromFrameCountStatesBoth) {
  test::TempDir tmp;
  const fs::path seq = tmp.path() / "David";
  write_frames(seq / "img", 3, 4);
  write_text(seq / "groundtruth_rect.txt", "1,2,3,4\n1,2,3,4\n");
  expect_contains(error_of([&] { load_dataset(seq); }),
                  {"groundtruth_rect.txt", "has 2 lines", "holds 3 frames", "frame offset"});

  write_text(seq / "groundtruth_rect.txt", "1,2,3,4\n1,2,3,4\n1,2,3,4\n1,2,3,4\n\n\n");
  expect_contains(error_of([&] { load_dataset(seq); }), {"has 4 lines", "holds 3 frames"});

  const fs::path lasot = tmp.path() / "cat-1";
  write_frames(lasot / "img", 2, 8);
  write_text(lasot / "groundtruth.txt", "1,2,3,4\n1,2,3,4\n");
  write_text(lasot / "full_occlusion.txt", "0,0,0");
  write_text(lasot / "out_of_view.txt", "0,0");
  expect_contains(error_of([&] { load_dataset(lasot); }),
                  {"full_occlusion.txt", "has 3 lines", "holds 2 frames"});
}

TEST(DatasetErrors, NonNumericFieldNamesFileAndLine) {
  test::TempDir tmp;
  const fs::path seq = tmp.path() / "car";
  write_frames(seq, 3, 5);
  write_text(seq / "gt.txt", "1,2,3,4\r\n1,2,3,4\r\n1,2,abc,4\r\n");
  expect_contains(error_of([&] { load_dataset(seq); }),
                  {(seq / "gt.txt").string() + ":3:", "expected 4 numbers (x1,y1,x2,y2)", "'abc'"});
}

TEST(DatasetErrors, NegativeWidthOrHeight) {
  test::TempDir tmp;
  const fs::path seq = tmp.path() / "walk";
  write_frames(seq / "img", 2, 4);
  write_text(seq / "groundtruth.txt", "1,2,3,4\n1,2,3,-4\n");
  expect_contains(error_of([&] { load_dataset(seq); }),
                  {(seq / "groundtruth.txt").string() + ":2:", "negative width/height"});
}

TEST(DatasetErrors, EmptyFolderAndMissingPath) {
  test::TempDir tmp;
  expect_contains(error_of([&] { load_dataset(tmp.path()); }),
                  {tmp.path().string(), "empty folder"});
  expect_contains(error_of([&] { load_dataset(tmp.path() / "nope"); }),
                  {"nope", "no such file or folder"});
  write_text(tmp.path() / "notes.txt", "x");
  expect_contains(error_of([&] { load_dataset(tmp.path() / "notes.txt"); }),
                  {"notes.txt", "video"});
}

TEST(DatasetErrors, NoFormatRecognised) {
  test::TempDir tmp;
  write_text(tmp.path() / "a" / "readme.txt", "x");
  write_text(tmp.path() / "b.txt", "x");
  const std::string msg = error_of([&] { load_dataset(tmp.path()); });
  expect_contains(msg,
                  {tmp.path().string(), "no dataset in any known format", "groundtruth_rect.txt"});
  expect_contains(error_of([&] { detect_format(tmp.path()); }), {tmp.path().string()});
}

TEST(DatasetErrors, UnrecognisedFolderBesideSequencesIsNamed) {
  test::TempDir tmp;
  write_frames(tmp.path() / "car", 1, 5);
  write_text(tmp.path() / "car" / "gt.txt", "1,2,3,4\n");
  // An OTB folder that lost its annotation must not vanish silently.
  write_frames(tmp.path() / "Lemming" / "img", 1, 4);
  expect_contains(error_of([&] { load_dataset(tmp.path()); }),
                  {(tmp.path() / "Lemming").string(), "not a sequence in any known format"});
}

TEST(DatasetErrors, UnknownFormatNameListsValidOnes) {
  test::TempDir tmp;
  expect_contains(error_of([&] { load_dataset(tmp.path(), "otb2015"); }),
                  {"unknown dataset format 'otb2015'", "auto", "otb", "uav123", "video"});
}

TEST(DatasetErrors, BadListTxtLine) {
  test::TempDir tmp;
  write_text(tmp.path() / "list.txt", "car9\nmissing_seq\n");
  write_frames(tmp.path() / "car9" / "color", 1, 8);
  write_text(tmp.path() / "car9" / "groundtruth.txt", "1,2,3,4\n");
  write_text(tmp.path() / "car9" / "sequence", "channels.color=color/%08d.jpg\n");
  expect_contains(error_of([&] { load_dataset(tmp.path()); }),
                  {(tmp.path() / "list.txt").string() + ":2:", "missing_seq"});
}

TEST(DatasetErrors, VotPatternWithoutNumberOrFrames) {
  test::TempDir tmp;
  const fs::path seq = tmp.path() / "car9";
  write_frames(seq / "color", 1, 8);
  write_text(seq / "groundtruth.txt", "1,2,3,4\n");
  write_text(seq / "sequence", "name=car9\nchannels.color=color/frame.jpg\n");
  expect_contains(error_of([&] { load_dataset(seq); }),
                  {(seq / "sequence").string() + ":2:", "frame number"});
  write_text(seq / "sequence", "channels.color=rgb/%06d.jpg\n");
  expect_contains(error_of([&] { load_dataset(seq); }),
                  {(seq / "sequence").string() + ":1:", "no frame matches", "000001.jpg"});
}

TEST(DatasetErrors, TagFileLongerThanTheSequence) {
  test::TempDir tmp;
  const fs::path seq = tmp.path() / "car9";
  write_frames(seq / "color", 2, 8);
  write_text(seq / "groundtruth.txt", "1,2,3,4\n1,2,3,4\n");
  write_text(seq / "occlusion.tag", "0\n0\n1\n");
  expect_contains(error_of([&] { load_dataset(seq); }),
                  {"occlusion.tag", "has 3 values", "2 frames"});
}

TEST(DatasetErrors, LasotMissingFlagFile) {
  test::TempDir tmp;
  const fs::path seq = tmp.path() / "cat-1";
  write_frames(seq / "img", 1, 8);
  write_text(seq / "groundtruth.txt", "1,2,3,4\n");
  write_text(seq / "full_occlusion.txt", "0");
  expect_contains(error_of([&] { load_dataset(seq); }), {"out_of_view.txt", "missing file"});
}

TEST(DatasetErrors, UnreadableOrCorruptImageIsNamed) {
  test::TempDir tmp;
  const fs::path seq = tmp.path() / "car";
  write_frames(seq, 2, 5);
  write_text(seq / "00002.jpg", "this is not a jpeg");
  write_text(seq / "gt.txt", "1,2,3,4\n1,2,3,4\n");
  // Loading only lists files; decoding happens when a frame is read.
  const auto all = load_dataset(seq);
  FrameReader reader(all.front());
  EXPECT_EQ(reader.read(0).cols, 8);
  expect_contains(error_of([&] { reader.read(1); }),
                  {(seq / "00002.jpg").string(), "cannot decode"});
  expect_contains(error_of([&] { read_image(seq / "00009.jpg"); }), {"00009.jpg", "not found"});
  expect_contains(error_of([&] { reader.read(2); }), {"out of range"});
}

}  // namespace
}  // namespace spot::data
