// Results files: write / read round trip, accepted delimiters, and errors that name file and line;
// load_results() frame-count checks.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "eval/eval_fixtures.hpp"
#include "spot/error.hpp"
#include "spot/eval/evaluate.hpp"
#include "spot/eval/results_io.hpp"
#include "support/paths.hpp"

namespace spot::eval {
namespace {

using test::absent;
using test::box;

void write_text(const std::filesystem::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}

// Runs `f`, expecting a spot::Error; returns it for inspection.
template <class F>
Error expect_error(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no spot::Error thrown";
  return Error("none");
}

TEST(ResultsIo, RoundTrip) {
  test::TempDir dir;
  TrackerOutput out;
  out.boxes = {box(1, 2, 3, 4), absent, box(0.1, -5.25, 1e-3, 123456.789), box(0, 0, 0, 0)};
  out.confidence = {std::nullopt, 0.5, std::nan(""), 1e-9};
  out.seconds = {0.01, 0.02, 0.5, 1.0 / 3.0};
  write_results(dir.path() / "sub", "seq", out);
  const TrackerOutput in = read_results(dir.path() / "sub", "seq");
  ASSERT_EQ(in.boxes.size(), 4u);
  EXPECT_EQ(in.boxes[0], out.boxes[0]);
  EXPECT_FALSE(in.boxes[1].has_value());
  EXPECT_EQ(in.boxes[2], out.boxes[2]);  // exact: the writer prints round-trip digits
  EXPECT_EQ(in.boxes[3], out.boxes[3]);  // a zero-size box stays a (present) box
  ASSERT_EQ(in.confidence.size(), 4u);
  EXPECT_FALSE(in.confidence[0].has_value());
  EXPECT_EQ(*in.confidence[1], 0.5);
  EXPECT_TRUE(std::isnan(*in.confidence[2]));
  EXPECT_EQ(*in.confidence[3], 1e-9);
  ASSERT_EQ(in.seconds.size(), 4u);
  EXPECT_EQ(in.seconds[3], 1.0 / 3.0);
}

// What resumable runs (spot run, spot experiment) use to skip finished sequences.
TEST(ResultsIo, CompleteResultsMeanEveryFrame) {
  test::TempDir dir;
  EXPECT_FALSE(has_complete_results(dir.path(), "s", 2));  // no file
  write_text(dir.path() / "s.txt", "1,2,3,4\nnan,nan,nan,nan\n");
  EXPECT_TRUE(has_complete_results(dir.path(), "s", 2));
  EXPECT_FALSE(has_complete_results(dir.path(), "s", 3));  // a run killed before the end
  write_text(dir.path() / "s.txt", "1,2,3,4\n1,2,3\n");  // killed while writing a line
  EXPECT_FALSE(has_complete_results(dir.path(), "s", 2));
}

TEST(ResultsIo, OptionalFilesMayBeMissing) {
  test::TempDir dir;
  write_text(dir.path() / "s.txt", "1,2,3,4\n");
  const TrackerOutput in = read_results(dir.path(), "s");
  EXPECT_EQ(in.boxes.size(), 1u);
  EXPECT_TRUE(in.confidence.empty());
  EXPECT_TRUE(in.seconds.empty());
}

TEST(ResultsIo, AcceptsTabSpaceCrlfAndNanRows) {
  test::TempDir dir;
  write_text(dir.path() / "s.txt",
             "1\t2\t3\t4\r\n5 6  7 8\r\nNaN,NaN,NaN,NaN\r\n 9 , 10 ,11,12\n\n");
  const TrackerOutput in = read_results(dir.path(), "s");
  ASSERT_EQ(in.boxes.size(), 4u);  // the trailing blank line is not a frame
  EXPECT_EQ(*in.boxes[0], (geometry::Box{1, 2, 3, 4}));
  EXPECT_EQ(*in.boxes[1], (geometry::Box{5, 6, 7, 8}));
  EXPECT_FALSE(in.boxes[2].has_value());
  EXPECT_EQ(*in.boxes[3], (geometry::Box{9, 10, 11, 12}));
}

TEST(ResultsIo, WrongFieldCountNamesFileAndLine) {
  test::TempDir dir;
  const auto file = dir.path() / "s.txt";
  write_text(file, "1,2,3,4\n1,2,3\n");
  const Error e = expect_error([&] { read_results(dir.path(), "s"); });
  EXPECT_EQ(e.file(), file.string());
  EXPECT_EQ(e.line(), 2);
  EXPECT_NE(std::string(e.what()).find(file.string() + ":2:"), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.what()).find("expected 4 numbers"), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.what()).find("found 3"), std::string::npos) << e.what();
}

TEST(ResultsIo, NonNumericFieldNamesTheToken) {
  test::TempDir dir;
  write_text(dir.path() / "s.txt", "1,2,3,4\n1,2,3,4\n1,2,abc,4\n");
  const Error e = expect_error([&] { read_results(dir.path(), "s"); });
  EXPECT_EQ(e.line(), 3);
  EXPECT_NE(std::string(e.what()).find("'abc'"), std::string::npos) << e.what();
}

TEST(ResultsIo, BlankLineInsideTheFileIsAnError) {
  test::TempDir dir;
  write_text(dir.path() / "s.txt", "1,2,3,4\n\n1,2,3,4\n");
  const Error e = expect_error([&] { read_results(dir.path(), "s"); });
  EXPECT_EQ(e.line(), 2);
}

TEST(ResultsIo, BadConfidenceNamesItsFile) {
  test::TempDir dir;
  write_text(dir.path() / "s.txt", "1,2,3,4\n1,2,3,4\n");
  write_text(dir.path() / "s_confidence.value", "\nhigh\n");
  const Error e = expect_error([&] { read_results(dir.path(), "s"); });
  EXPECT_EQ(e.file(), (dir.path() / "s_confidence.value").string());
  EXPECT_EQ(e.line(), 2);
}

TEST(ResultsIo, MissingFileNamesIt) {
  test::TempDir dir;
  const Error e = expect_error([&] { read_results(dir.path(), "nope"); });
  EXPECT_EQ(e.file(), (dir.path() / "nope.txt").string());
}

TEST(LoadResults, ChecksEverySequenceAndItsFrameCount) {
  test::TempDir dir;
  const auto g = box(1, 1, 5, 5);
  const std::vector<SequenceEvalInput> seqs = {test::sequence("a", test::repeat(g, 2)),
                                               test::sequence("b", test::repeat(g, 4))};
  write_text(dir.path() / "a.txt", "1,1,5,5\n1,1,5,5\n");

  // b.txt missing: the error names the file it looked for.
  Error e = expect_error([&] { load_results(dir.path(), seqs); });
  EXPECT_EQ(e.file(), (dir.path() / "b.txt").string());

  // b.txt with 3 lines for 4 frames.
  write_text(dir.path() / "b.txt", "1,1,5,5\n1,1,5,5\nnan,nan,nan,nan\n");
  e = expect_error([&] { load_results(dir.path(), seqs); });
  EXPECT_EQ(e.file(), (dir.path() / "b.txt").string());
  EXPECT_NE(std::string(e.what()).find("3 lines, expected 4"), std::string::npos) << e.what();

  // Confidence file of the wrong length.
  write_text(dir.path() / "b.txt", "1,1,5,5\n1,1,5,5\nnan,nan,nan,nan\n1,1,5,5\n");
  write_text(dir.path() / "b_confidence.value", "\n1\n");
  e = expect_error([&] { load_results(dir.path(), seqs); });
  EXPECT_EQ(e.file(), (dir.path() / "b_confidence.value").string());
  EXPECT_NE(std::string(e.what()).find("2 lines, expected 4"), std::string::npos) << e.what();

  // Fixed: everything loads.
  write_text(dir.path() / "b_confidence.value", "\n1\n0.5\n0.25\n");
  const ResultsBySequence r = load_results(dir.path(), seqs);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r.at("b").confidence.size(), 4u);
  EXPECT_FALSE(r.at("b").boxes[2].has_value());
}

}  // namespace
}  // namespace spot::eval
