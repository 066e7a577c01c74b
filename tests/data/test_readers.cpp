// Every dataset format on a tiny generated copy: names, frames, boxes, absence, attributes, and
// what auto-detection calls it.
#include <gtest/gtest.h>

#include "fixtures.hpp"
#include "spot/data/dataset.hpp"
#include "support/paths.hpp"

namespace spot::data {
namespace {

namespace fs = std::filesystem;
using geometry::Box;
using test::write_frames;
using test::write_text;

int absent_count(const Sequence& s) {
  int n = 0;
  for (const auto& b : s.groundtruth) n += b.has_value() ? 0 : 1;
  return n;
}

// The one sequence loaded (by value: callers pass a temporary vector).
Sequence only(const std::vector<Sequence>& sequences) {
  EXPECT_EQ(sequences.size(), 1u);
  return sequences.empty() ? Sequence{} : sequences.front();
}

TEST(ReaderOtb, TabDelimitedSequenceFolderAndDatasetFolder) {
  test::TempDir tmp;
  const fs::path seq = tmp.path() / "Crossing";
  write_frames(seq / "img", 3, 4);
  write_text(seq / "groundtruth_rect.txt",
             "205\t151\t17\t50\n202\t150\t19\t49\n200\t150\t19\t49\n");
  EXPECT_EQ(detect_format(seq), "otb");
  EXPECT_EQ(detect_format(tmp.path()), "otb");
  for (const fs::path& root : {seq, tmp.path()}) {
    const Sequence s = only(load_dataset(root));
    EXPECT_EQ(s.name, "Crossing");
    EXPECT_EQ(s.format, "otb");
    ASSERT_EQ(s.frames.size(), 3u);
    EXPECT_EQ(s.frames[0].filename(), "0001.jpg");
    EXPECT_EQ(s.frames[2].filename(), "0003.jpg");
    ASSERT_EQ(s.groundtruth.size(), 3u);
    EXPECT_EQ(*s.groundtruth[1], (Box{202, 150, 19, 49}));
    EXPECT_EQ(s.first_annotated_frame(), 0);
    EXPECT_TRUE(s.attributes.empty());
  }
}

TEST(ReaderOtb, TakesGroundtruthRectOverNumberedFiles) {
  test::TempDir tmp;
  const fs::path seq = tmp.path() / "Jogging";
  write_frames(seq / "img", 2, 4);
  write_text(seq / "groundtruth_rect.txt", "1,1,5,5\r\n2,2,5,5\r\n");
  write_text(seq / "groundtruth_rect.1.txt", "9,9,5,5\n9,9,5,5\n");
  const Sequence s = only(load_dataset(seq));
  EXPECT_EQ(s.name, "Jogging");
  EXPECT_EQ(*s.groundtruth[0], (Box{1, 1, 5, 5}));
}

TEST(ReaderOtb, SeveralNumberedFilesWithoutTheMainOneGiveOneSequenceEach) {
  test::TempDir tmp;
  const fs::path seq = tmp.path() / "Jogging";
  write_frames(seq / "img", 2, 4);
  write_text(seq / "groundtruth_rect.1.txt", "1,1,5,5\n1,1,5,5\n");
  write_text(seq / "groundtruth_rect.2.txt", "2,2,6,6\n2,2,6,6");
  const auto all = load_dataset(seq);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "Jogging-1");
  EXPECT_EQ(all[1].name, "Jogging-2");
  EXPECT_EQ(*all[1].groundtruth[1], (Box{2, 2, 6, 6}));
}

TEST(ReaderDtb70, DetectedFromThePathOrFiveDigitNamesAndOverridable) {
  test::TempDir tmp;
  const fs::path hinted = tmp.path() / "DTB70" / "Gull2";
  write_frames(hinted / "img", 2, 4);
  write_text(hinted / "groundtruth_rect.txt", "1,2,3,4\n1,2,3,4\n");
  EXPECT_EQ(detect_format(hinted), "dtb70");
  EXPECT_EQ(only(load_dataset(hinted)).format, "dtb70");

  const fs::path numbered = tmp.path() / "plain" / "Surfing06";
  write_frames(numbered / "img", 2, 5);
  write_text(numbered / "groundtruth_rect.txt", "1,2,3,4\n1,2,3,4\n");
  EXPECT_EQ(detect_format(numbered), "dtb70");
  EXPECT_EQ(only(load_dataset(numbered, "otb")).format, "otb");
  EXPECT_EQ(only(load_dataset(tmp.path() / "plain" / "Surfing06", "dtb70")).format, "dtb70");
}

TEST(ReaderUav123, SequenceFolderWithSubSequenceStartingMidVideo) {
  test::TempDir tmp;
  const fs::path seq = tmp.path() / "group3_2";
  write_frames(seq / "data_seq" / "UAV123_10fps" / "group3", 4, 6, "", ".jpg", 523);
  write_text(seq / "anno" / "UAV123_10fps" / "group3_2.txt",
             "643,293,15,64\nNaN,NaN,NaN,NaN\nNaN,NaN,NaN,NaN\n640,290,15,64");
  EXPECT_EQ(detect_format(seq), "uav123");
  const Sequence s = only(load_dataset(seq));
  EXPECT_EQ(s.name, "group3_2");
  EXPECT_EQ(s.format, "uav123");
  ASSERT_EQ(s.frames.size(), 4u);
  EXPECT_EQ(s.frames[0].filename(), "000523.jpg");
  EXPECT_EQ(absent_count(s), 2);
  EXPECT_FALSE(s.groundtruth[1].has_value());
  EXPECT_EQ(*s.groundtruth[3], (Box{640, 290, 15, 64}));
}

TEST(ReaderUav123, WholeDatasetLayoutAndThirtyFpsNames) {
  test::TempDir tmp;
  const fs::path root = tmp.path() / "UAV123";
  write_frames(root / "data_seq" / "UAV123" / "boat1", 2, 6);
  write_frames(root / "data_seq" / "UAV123" / "car1_s", 3, 6);
  write_text(root / "anno" / "UAV123" / "boat1.txt", "1,2,3,4\n1,2,3,4\n");
  write_text(root / "anno" / "UAV123" / "car1_s.txt", "1,2,3,4\n1,2,3,4\n1,2,3,4\n");
  const auto all = load_dataset(root);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "boat1");
  EXPECT_EQ(all[1].name, "car1_s");
  EXPECT_EQ(all[1].frames.size(), 3u);
  EXPECT_EQ(detect_format(root), "uav123");
}

TEST(ReaderUavdt, SequenceFolderAndFlatDataset) {
  test::TempDir tmp;
  const fs::path seq = tmp.path() / "S1606";
  write_frames(seq / "S1606", 2, 6, "img");
  write_text(seq / "S1606_gt.txt", "248,182,53,27\n247,181,55,25\n");
  const Sequence s = only(load_dataset(seq));
  EXPECT_EQ(s.name, "S1606");
  EXPECT_EQ(s.format, "uavdt");
  EXPECT_EQ(s.frames[1].filename(), "img000002.jpg");
  EXPECT_EQ(*s.groundtruth[1], (Box{247, 181, 55, 25}));

  const fs::path flat = tmp.path() / "seq";
  for (const char* name : {"S0101", "S0102"}) {
    write_frames(flat / name, 1, 6, "img");
    write_text(flat / (std::string(name) + "_gt.txt"), "1,2,3,4\n");
  }
  const auto all = load_dataset(flat);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].name, "S0102");
  EXPECT_EQ(detect_format(flat), "uavdt");
}

TEST(ReaderTld, CornersWithNanRows) {
  test::TempDir tmp;
  const fs::path seq = tmp.path() / "car";
  write_frames(seq, 3, 5);
  write_text(seq / "gt.txt", "142,125,232,164\nNaN,NaN,NaN,NaN\n133.5,125,223.5,164.25\n");
  EXPECT_EQ(detect_format(seq), "tld");
  const Sequence s = only(load_dataset(seq));
  EXPECT_EQ(s.name, "car");
  EXPECT_EQ(s.format, "tld");
  EXPECT_EQ(s.frames[0].filename(), "00001.jpg");
  EXPECT_EQ(*s.groundtruth[0], (Box{142, 125, 90, 39}));
  EXPECT_FALSE(s.groundtruth[1].has_value());
  EXPECT_EQ(*s.groundtruth[2], (Box{133.5, 125, 90, 39.25}));
}

void write_lasot(const fs::path& seq, const std::string& occlusion,
                 const std::string& out_of_view) {
  write_frames(seq / "img", 4, 8);
  write_text(seq / "groundtruth.txt", "1,2,3,4\n1,2,3,4\n0,0,0,0\n5,6,7,8\n");
  write_text(seq / "full_occlusion.txt", occlusion);
  write_text(seq / "out_of_view.txt", out_of_view);
  write_text(seq / "nlp.txt", "white airplane");
}

TEST(ReaderLasot, FlagsMakeFramesAbsentAndBecomeAttributes) {
  test::TempDir tmp;
  const fs::path seq = tmp.path() / "airplane-1";
  write_lasot(seq, "0,1,0,0\n", "0,0,0,1");
  EXPECT_EQ(detect_format(seq), "lasot");
  const Sequence s = only(load_dataset(seq));
  EXPECT_EQ(s.format, "lasot");
  EXPECT_EQ(s.frames[0].filename(), "00000001.jpg");
  EXPECT_TRUE(s.groundtruth[0].has_value());
  EXPECT_FALSE(s.groundtruth[1].has_value());
  // 0,0,0,0 without a flag stays a (zero-size) box: only the flags mark absence in LaSOT.
  ASSERT_TRUE(s.groundtruth[2].has_value());
  EXPECT_EQ(*s.groundtruth[2], (Box{0, 0, 0, 0}));
  EXPECT_FALSE(s.groundtruth[3].has_value());
  EXPECT_EQ(s.attributes.at("full_occlusion"), (std::vector<int>{0, 1, 0, 0}));
  EXPECT_EQ(s.attributes.at("out_of_view"), (std::vector<int>{0, 0, 0, 1}));
}

TEST(ReaderLasot, WholeDatasetOfClassFolders) {
  test::TempDir tmp;
  write_lasot(tmp.path() / "airplane" / "airplane-1", "0,0,0,0", "0,0,0,0");
  write_lasot(tmp.path() / "airplane" / "airplane-2", "0,0,0,0", "0,0,0,0");
  write_lasot(tmp.path() / "bird" / "bird-3", "1,1,0,0", "0,0,0,0");
  write_text(tmp.path() / "testing_set.txt", "airplane-1\n");
  const auto all = load_dataset(tmp.path());
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].name, "airplane-1");
  EXPECT_EQ(all[2].name, "bird-3");
  EXPECT_EQ(absent_count(all[2]), 2);
  EXPECT_EQ(detect_format(tmp.path()), "lasot");
}

TEST(ReaderGot10k, AbsenceLabelMarksAbsentAndListTxtSelectsSequences) {
  test::TempDir tmp;
  const fs::path seq = tmp.path() / "GOT-10k_Val_000001";
  write_frames(seq, 3, 8);
  write_text(seq / "groundtruth.txt", "1,2,3,4\n0,0,0,0\n5,6,7,8\n");
  write_text(seq / "absence.label", "0\n1\n0\n");
  write_text(seq / "cover.label", "8\n0\n5\n");
  write_text(seq / "meta_info.ini", "[METAINFO]\n");
  write_text(tmp.path() / "list.txt", "GOT-10k_Val_000001\n");
  std::filesystem::create_directories(tmp.path() / "not_listed");
  EXPECT_EQ(detect_format(tmp.path()), "got10k");
  const Sequence s = only(load_dataset(tmp.path()));
  EXPECT_EQ(s.name, "GOT-10k_Val_000001");
  EXPECT_EQ(s.format, "got10k");
  EXPECT_TRUE(s.groundtruth[0].has_value());
  EXPECT_FALSE(s.groundtruth[1].has_value());
  EXPECT_EQ(s.attributes.at("absence"), (std::vector<int>{0, 1, 0}));
  EXPECT_EQ(s.attributes.at("cover"), (std::vector<int>{8, 0, 5}));
}

TEST(ReaderVot, SequenceFilePatternPolygonsAbsentRowsAndTags) {
  test::TempDir tmp;
  const fs::path seq = tmp.path() / "car9";
  write_frames(seq / "color", 5, 8);
  write_frames(seq / "depth", 1, 8);
  write_text(seq / "sequence",
             "channels.color=color\\%08d.jpg\nformat=default\nfps=30\nname=car9\n");
  write_text(seq / "groundtruth.txt",
             "440.0,212.0,30.0,20.0\n10,20,50,22,48,60,8,58\n0\nnan,nan,nan,nan\n1,2,3,4\n");
  write_text(seq / "full_occlusion.tag", "0\n0\n1\n");
  write_text(seq / "out_of_frame.tag", "0\n0\n0\n1\n0\n");
  write_text(tmp.path() / "list.txt", "car9\n");
  EXPECT_EQ(detect_format(seq), "vot");
  const Sequence s = only(load_dataset(tmp.path()));
  EXPECT_EQ(s.name, "car9");
  EXPECT_EQ(s.format, "vot");
  ASSERT_EQ(s.frames.size(), 5u);
  EXPECT_EQ(s.frames[4], seq / "color" / "00000005.jpg");
  EXPECT_EQ(*s.groundtruth[0], (Box{440, 212, 30, 20}));
  EXPECT_EQ(*s.groundtruth[1], (Box{8, 20, 42, 40}));
  EXPECT_FALSE(s.groundtruth[2].has_value());
  EXPECT_FALSE(s.groundtruth[3].has_value());
  EXPECT_EQ(absent_count(s), 2);
  // A tag file that stops early is padded with zeros, as the VOT toolkit reads it.
  EXPECT_EQ(s.attributes.at("full_occlusion"), (std::vector<int>{0, 0, 1, 0, 0}));
  EXPECT_EQ(s.attributes.at("out_of_frame"), (std::vector<int>{0, 0, 0, 1, 0}));
}

TEST(ReaderVot, TagsWithoutSequenceFileUseColorFolderOrFramesBesideGroundtruth) {
  test::TempDir tmp;
  const fs::path with_color = tmp.path() / "a";
  write_frames(with_color / "color", 2, 8);
  write_text(with_color / "groundtruth.txt", "1,2,3,4\n1,2,3,4\n");
  write_text(with_color / "occlusion.tag", "0\n1\n");
  const fs::path old_style = tmp.path() / "b";
  write_frames(old_style, 2, 8);
  write_text(old_style / "groundtruth.txt", "1,2,3,4\n1,2,3,4\n");
  write_text(old_style / "camera_motion.tag", "1\n1\n");
  const auto all = load_dataset(tmp.path());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].format, "vot");
  EXPECT_EQ(all[0].frames[0].parent_path().filename(), "color");
  EXPECT_EQ(all[1].format, "vot");
  EXPECT_EQ(all[1].frames.size(), 2u);
  EXPECT_EQ(all[1].attributes.at("camera_motion"), (std::vector<int>{1, 1}));
}

TEST(ReaderGeneric, ImgOrColorFolderAnyImageTypeNanAbsent) {
  test::TempDir tmp;
  const fs::path a = tmp.path() / "walk";
  write_frames(a / "img", 3, 3, "frame", ".png");
  write_text(a / "groundtruth.txt", "1 2 3 4\nnan,nan,nan,nan\n1\t2\t3\t4\n");
  const fs::path b = tmp.path() / "run";
  write_frames(b / "color", 2, 4, "", ".bmp");
  write_text(b / "groundtruth.txt", "1,2,3,4\n1,2,3,4\n");
  EXPECT_EQ(detect_format(a), "generic");
  const auto all = load_dataset(tmp.path());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "run");
  EXPECT_EQ(all[0].format, "generic");
  EXPECT_EQ(all[0].frames[0].filename(), "0001.bmp");
  EXPECT_EQ(all[1].name, "walk");
  EXPECT_EQ(all[1].frames[2].filename(), "frame003.png");
  EXPECT_EQ(absent_count(all[1]), 1);
  EXPECT_EQ(all[1].first_annotated_frame(), 0);
}

TEST(ReaderGeneric, FormatOverrideReadsAVotFolderAsGenericAndViceVersa) {
  test::TempDir tmp;
  const fs::path seq = tmp.path() / "s";
  write_frames(seq / "color", 2, 8);
  write_text(seq / "groundtruth.txt", "1,2,3,4\n0\n");
  write_text(seq / "occlusion.tag", "0\n1\n");
  EXPECT_EQ(only(load_dataset(seq, "vot")).format, "vot");
  // The generic reader knows no VOT absent marker, so the "0" row is an error there.
  test::expect_contains(test::error_of([&] { load_dataset(seq, "generic"); }),
                        {"groundtruth.txt:2:", "expected 4 numbers"});
}

TEST(ReaderImages, FolderOfImagesIsOneSequenceWithoutGroundtruth) {
  test::TempDir tmp;
  const fs::path dir = tmp.path() / "clip";
  write_frames(dir, 3, 4, "f", ".png");
  EXPECT_EQ(detect_format(dir), "images");
  const Sequence s = only(load_dataset(dir));
  EXPECT_EQ(s.name, "clip");
  EXPECT_EQ(s.format, "images");
  EXPECT_EQ(s.size(), 3);
  EXPECT_FALSE(s.has_groundtruth());
  EXPECT_EQ(s.first_annotated_frame(), -1);
  // With --format images a folder of image folders gives one sequence per folder.
  write_frames(tmp.path() / "other", 2, 4);
  EXPECT_EQ(load_dataset(tmp.path(), "images").size(), 2u);
}

TEST(Dataset, NestedSubDatasetsAreDetectedSeparatelyAndCollisionsPrefixed) {
  test::TempDir tmp;
  const fs::path otb = tmp.path() / "otb" / "David";
  write_frames(otb / "img", 2, 4);
  write_text(otb / "groundtruth_rect.txt", "1,2,3,4\n1,2,3,4\n");
  const fs::path crossing = tmp.path() / "otb" / "Crossing";
  write_frames(crossing / "img", 1, 4);
  write_text(crossing / "groundtruth_rect.txt", "1,2,3,4\n");
  const fs::path tld = tmp.path() / "tld" / "david";
  write_frames(tld, 2, 5);
  write_text(tld / "gt.txt", "1,2,3,4\nNaN,NaN,NaN,NaN\n");
  write_text(tmp.path() / "README.md", "notes");
  EXPECT_EQ(detect_format(tmp.path()), "otb+tld");
  const auto all = load_dataset(tmp.path());
  ASSERT_EQ(all.size(), 3u);
  // David and david collide ignoring case (results are <name>.txt), so both get their dataset.
  EXPECT_EQ(all[0].name, "Crossing");
  EXPECT_EQ(all[1].name, "otb_David");
  EXPECT_EQ(all[1].format, "otb");
  EXPECT_EQ(all[2].name, "tld_david");
  EXPECT_EQ(all[2].format, "tld");
}

TEST(Dataset, FormatsListAndOverrideRestrictsDetection) {
  const auto& formats = dataset_formats();
  for (const char* f : {"otb", "dtb70", "uav123", "uavdt", "tld", "lasot", "got10k", "vot",
                        "generic", "images", "video"}) {
    EXPECT_NE(std::find(formats.begin(), formats.end(), f), formats.end()) << f;
  }
  test::TempDir tmp;
  write_frames(tmp.path() / "car", 1, 5);
  write_text(tmp.path() / "car" / "gt.txt", "1,2,3,4\n");
  EXPECT_EQ(only(load_dataset(tmp.path(), "tld")).name, "car");
  test::expect_contains(test::error_of([&] { load_dataset(tmp.path(), "otb"); }),
                        {tmp.path().string(), "format 'otb'"});
}

}  // namespace
}  // namespace spot::data
