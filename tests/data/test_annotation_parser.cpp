// Box rows and flag files: every encoding, the absent markers, and the error messages' context.
#include <gtest/gtest.h>

#include <cmath>

#include "fixtures.hpp"
#include "spot/data/annotation_parser.hpp"
#include "support/paths.hpp"

namespace spot::data {
namespace {

using geometry::Box;
using test::error_of;
using test::expect_contains;

TEST(SplitFields, CommaTabSpaceAndMixed) {
  EXPECT_EQ(split_fields("1,2,3,4"), (std::vector<std::string>{"1", "2", "3", "4"}));
  EXPECT_EQ(split_fields("1\t2\t3\t4"), (std::vector<std::string>{"1", "2", "3", "4"}));
  EXPECT_EQ(split_fields("1  2 3   4"), (std::vector<std::string>{"1", "2", "3", "4"}));
  EXPECT_EQ(split_fields("1, 2 ,3,\t4"), (std::vector<std::string>{"1", "2", "3", "4"}));
  EXPECT_EQ(split_fields("1,,3,4"), (std::vector<std::string>{"1", "", "3", "4"}));
  EXPECT_EQ(split_fields("1,2,3,"), (std::vector<std::string>{"1", "2", "3", ""}));
  EXPECT_TRUE(split_fields("   ").empty());
}

TEST(ParseBoxRow, XywhWithEveryDelimiter) {
  for (const char* row : {"10,20,30,40", "10\t20\t30\t40", "10 20 30 40", "10.0,20,30,40.0"}) {
    const auto box = parse_box_row(row, BoxEncoding::kXywh, "f.txt", 1);
    ASSERT_TRUE(box.has_value()) << row;
    EXPECT_EQ(*box, (Box{10, 20, 30, 40})) << row;
  }
}

TEST(ParseBoxRow, NanRowIsAbsentInAnySpelling) {
  EXPECT_FALSE(parse_box_row("NaN,NaN,NaN,NaN", BoxEncoding::kXywh, "f", 1).has_value());
  EXPECT_FALSE(parse_box_row("nan,nan,nan,nan", BoxEncoding::kCorners, "f", 1).has_value());
  EXPECT_FALSE(parse_box_row("NAN\tNAN\tNAN\tNAN", BoxEncoding::kVot, "f", 1).has_value());
}

TEST(ParseBoxRow, ZeroBoxIsKeptAsAZeroSizeBox) {
  const auto box = parse_box_row("0,0,0,0", BoxEncoding::kXywh, "f", 1);
  ASSERT_TRUE(box.has_value());
  EXPECT_EQ(*box, (Box{0, 0, 0, 0}));
}

TEST(ParseBoxRow, CornersBecomeContinuousWidthAndHeight) {
  const auto box = parse_box_row("138.05,124.57,228.07,163.58", BoxEncoding::kCorners, "gt.txt", 2);
  ASSERT_TRUE(box.has_value());
  EXPECT_DOUBLE_EQ(box->x, 138.05);
  EXPECT_DOUBLE_EQ(box->y, 124.57);
  EXPECT_NEAR(box->w, 90.02, 1e-9);
  EXPECT_NEAR(box->h, 39.01, 1e-9);
}

TEST(ParseBoxRow, VotPolygonBecomesItsBoundingBox) {
  const auto box = parse_box_row("10,20,50,22,48,60,8,58", BoxEncoding::kVot, "groundtruth.txt", 1);
  ASSERT_TRUE(box.has_value());
  EXPECT_EQ(*box, (Box{8, 20, 42, 40}));
}

TEST(ParseBoxRow, VotSingleNumberIsAbsentOnlyInVot) {
  EXPECT_FALSE(parse_box_row("0", BoxEncoding::kVot, "groundtruth.txt", 1).has_value());
  const std::string msg =
      error_of([] { parse_box_row("0", BoxEncoding::kXywh, "groundtruth_rect.txt", 5); });
  expect_contains(msg, {"groundtruth_rect.txt:5:", "expected 4 numbers (x,y,w,h)", "found 1"});
}

TEST(ParseBoxRow, NonNumericFieldNamesFileLineAndToken) {
  const std::string msg =
      error_of([] { parse_box_row("1,2,abc,4", BoxEncoding::kXywh, "groundtruth_rect.txt", 17); });
  expect_contains(msg, {"groundtruth_rect.txt:17:", "expected 4 numbers (x,y,w,h)", "'abc'"});
}

TEST(ParseBoxRow, WrongFieldCountEmptyFieldAndEmptyRowAreErrors) {
  expect_contains(error_of([] { parse_box_row("1,2,3", BoxEncoding::kXywh, "a.txt", 3); }),
                  {"a.txt:3:", "found 3 fields"});
  expect_contains(error_of([] { parse_box_row("1,2,3,4,5", BoxEncoding::kXywh, "a.txt", 4); }),
                  {"a.txt:4:", "found 5 fields"});
  expect_contains(error_of([] { parse_box_row("1,,3,4", BoxEncoding::kXywh, "a.txt", 5); }),
                  {"a.txt:5:", "found ''"});
  expect_contains(error_of([] { parse_box_row("  ", BoxEncoding::kXywh, "a.txt", 6); }),
                  {"a.txt:6:", "empty line"});
  expect_contains(error_of([] { parse_box_row("1,2,3,4,5", BoxEncoding::kVot, "g.txt", 7); }),
                  {"g.txt:7:", "polygon"});
}

TEST(ParseBoxRow, NegativeSizeIsAnError) {
  expect_contains(error_of([] { parse_box_row("1,2,-3,4", BoxEncoding::kXywh, "a.txt", 9); }),
                  {"a.txt:9:", "negative width/height", "w >= 0"});
  expect_contains(error_of([] { parse_box_row("5,5,4,9", BoxEncoding::kCorners, "gt.txt", 2); }),
                  {"gt.txt:2:", "negative width/height", "x2 >= x1"});
}

TEST(ParseBoxRow, PartialNanInfinityAndMasksAreErrors) {
  expect_contains(error_of([] { parse_box_row("1,NaN,3,4", BoxEncoding::kXywh, "a.txt", 1); }),
                  {"a.txt:1:", "NaN in every field"});
  expect_contains(error_of([] { parse_box_row("1,inf,3,4", BoxEncoding::kXywh, "a.txt", 2); }),
                  {"a.txt:2:", "finite"});
  expect_contains(error_of([] { parse_box_row("m1,2,3,4,5", BoxEncoding::kVot, "g.txt", 3); }),
                  {"g.txt:3:", "mask"});
}

// Found while writing fuzz/fuzz_annotation (fuzz/regressions/annotation/): finite corners or
// vertices 2e308 apart gave a box of infinite width.
TEST(ParseBoxRow, WidthOverflowingToInfinityIsAnError) {
  expect_contains(
      error_of([] { parse_box_row("-1e308,0,1e308,1", BoxEncoding::kCorners, "gt.txt", 4); }),
      {"gt.txt:4:", "too large"});
  expect_contains(error_of([] {
                    parse_box_row("-1e308,0,1e308,0,1e308,1", BoxEncoding::kVot, "g.txt", 5);
                  }),
                  {"g.txt:5:", "too large"});
  const auto big = parse_box_row("-1e308,0,1e308,1", BoxEncoding::kXywh, "a.txt", 1);
  ASSERT_TRUE(big.has_value());  // x,y,w,h needs no subtraction: large but finite is fine
  EXPECT_TRUE(big->finite());
}

TEST(SplitTextLines, SameLinesAsReadTextLines) {
  EXPECT_EQ(split_text_lines("\xEF\xBB\xBF" "1,2,3,4\r\n5,6,7,8\n\n \n"),
            (std::vector<std::string>{"1,2,3,4", "5,6,7,8"}));
  EXPECT_TRUE(split_text_lines("").empty());
}

TEST(ReadTextLines, HandlesCrlfBomTrailingBlanksAndNoFinalNewline) {
  test::TempDir tmp;
  test::write_text(tmp.path() / "a.txt",
                   "\xEF\xBB\xBF"
                   "1,2,3,4\r\n5,6,7,8\r\n\r\n  \n\n");
  EXPECT_EQ(read_text_lines(tmp.path() / "a.txt"),
            (std::vector<std::string>{"1,2,3,4", "5,6,7,8"}));
  test::write_text(tmp.path() / "b.txt", "1,2,3,4\n5,6,7,8");
  EXPECT_EQ(read_text_lines(tmp.path() / "b.txt"),
            (std::vector<std::string>{"1,2,3,4", "5,6,7,8"}));
  test::write_text(tmp.path() / "c.txt", "");
  EXPECT_TRUE(read_text_lines(tmp.path() / "c.txt").empty());
  expect_contains(error_of([&] { read_text_lines(tmp.path() / "missing.txt"); }),
                  {"missing.txt", "cannot open"});
}

TEST(ReadBoxFile, ReportsTheOneBasedLineOfABadRow) {
  test::TempDir tmp;
  const auto file = tmp.path() / "groundtruth_rect.txt";
  test::write_text(file, "1,2,3,4\r\n1,2,3,4\r\n1,2,x,4\r\n");
  expect_contains(error_of([&] { read_box_file(file, BoxEncoding::kXywh); }),
                  {file.string() + ":3:", "'x'"});
}

TEST(ReadBoxFile, BlankLineInsideTheFileIsAnError) {
  test::TempDir tmp;
  const auto file = tmp.path() / "groundtruth.txt";
  test::write_text(file, "1,2,3,4\n\n1,2,3,4\n");
  expect_contains(error_of([&] { read_box_file(file, BoxEncoding::kXywh); }),
                  {file.string() + ":2:", "empty line"});
}

TEST(ReadIntValues, OneLineCommaSeparatedOrOnePerLine) {
  test::TempDir tmp;
  test::write_text(tmp.path() / "full_occlusion.txt", "0,0,1,1,0");
  EXPECT_EQ(read_int_values(tmp.path() / "full_occlusion.txt"), (std::vector<int>{0, 0, 1, 1, 0}));
  test::write_text(tmp.path() / "cover.label", "8\n3\r\n0\n");
  EXPECT_EQ(read_int_values(tmp.path() / "cover.label"), (std::vector<int>{8, 3, 0}));
  test::write_text(tmp.path() / "absence.label", "0\n1\nyes\n");
  expect_contains(error_of([&] { read_int_values(tmp.path() / "absence.label"); }),
                  {"absence.label:3:", "integer", "'yes'"});
}

}  // namespace
}  // namespace spot::data
