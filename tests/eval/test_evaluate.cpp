// evaluate(): report layout, protocol selection, input validation, and the table / plot outputs.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "eval/eval_fixtures.hpp"
#include "spot/error.hpp"
#include "spot/eval/evaluate.hpp"
#include "spot/eval/protocols.hpp"
#include "spot/eval/report.hpp"
#include "support/paths.hpp"

namespace spot::eval {
namespace {

using test::absent;
using test::box;

// Two sequences (one with an absent stretch) and two results sets: a perfect tracker and one that
// is always 40 px off and never reports absence.
struct Fixture {
  std::vector<SequenceEvalInput> seqs;
  std::map<std::string, ResultsBySequence> results;
  Fixture() {
    const auto g = box(10, 10, 20, 20);
    const std::vector<geometry::MaybeBox> gt_a = {g, g, absent, g};
    const auto gt_b = test::repeat(box(50, 50, 6, 6), 3);
    seqs = {test::sequence("a", gt_a), test::sequence("b", gt_b)};
    results["perfect"]["a"] = test::output(gt_a);
    results["perfect"]["b"] = test::output(gt_b);
    results["off"]["a"] = test::output(test::repeat(box(50, 50, 20, 20), 4));
    results["off"]["b"] = test::output(test::repeat(box(0, 0, 6, 6), 3));
  }
};

TEST(Evaluate, ReportLayoutAndKeys) {
  Fixture f;
  const auto report = evaluate(f.seqs, f.results, protocol_names());
  ASSERT_EQ(report.size(), 6u);
  for (const auto& p : protocol_names()) {
    ASSERT_TRUE(report.contains(p)) << p;
    for (const auto& name : {"perfect", "off"}) {
      const auto& r = report[p][name];
      ASSERT_TRUE(r.contains("overall")) << p;
      ASSERT_EQ(r["sequences"].size(), 2u) << p;
    }
  }
  auto keys = [](const nlohmann::json& j) {
    std::vector<std::string> k;
    for (const auto& [key, v] : j.items()) {
      (void)v;
      k.push_back(key);
    }
    return k;
  };
  using V = std::vector<std::string>;
  // nlohmann::json keeps keys sorted.
  EXPECT_EQ(keys(report["otb"]["off"]["overall"]),
            (V{"precision_at_20px", "precision_curve", "success_auc", "success_curve",
               "success_rate_0.5"}));
  EXPECT_EQ(keys(report["lasot"]["off"]["sequences"]["a"]),
            (V{"normalized_precision_curve", "normalized_precision_score", "precision_at_20px",
               "precision_curve", "success_auc", "success_curve", "success_rate_0.5"}));
  EXPECT_EQ(keys(report["got10k"]["off"]["overall"]),
            (V{"ao", "sr50", "sr75", "success_curve_101"}));
  EXPECT_EQ(keys(report["vot-lt"]["off"]["overall"]),
            (V{"curve_f", "curve_precision", "curve_recall", "f_score", "precision", "recall",
               "thresholds"}));
  EXPECT_EQ(keys(report["oxuva"]["off"]["overall"]),
            (V{"FN", "FP", "GM", "MaxGM", "TN", "TNR", "TP", "TPR"}));
  EXPECT_EQ(keys(report["point"]["off"]["overall"]),
            (V{"absent_accuracy", "absent_accuracy_seq_mean", "by_size", "point_hit_rate",
               "point_hit_rate_seq_mean", "reacquisition"}));
  EXPECT_EQ(keys(report["point"]["off"]["sequences"]["b"]),
            (V{"absent_accuracy", "by_size", "point_hit_rate", "reacquisition"}));

  // Spot checks worked out by hand. "off" on a: frames 1 and 3 missed, frame 2 absent-GT with a
  // box.
  EXPECT_EQ(report["point"]["off"]["sequences"]["a"]["point_hit_rate"].get<double>(), 0.0);
  EXPECT_EQ(report["point"]["off"]["sequences"]["a"]["absent_accuracy"].get<double>(), 0.0);
  EXPECT_TRUE(report["point"]["off"]["sequences"]["b"]["absent_accuracy"].is_null());
  // "perfect": oxuva TP = 2 (a) + 2 (b), TN = 1 (a's absent frame).
  EXPECT_EQ(report["oxuva"]["perfect"]["overall"]["TP"].get<long>(), 4);
  EXPECT_EQ(report["oxuva"]["perfect"]["overall"]["TN"].get<long>(), 1);
  EXPECT_EQ(report["oxuva"]["perfect"]["overall"]["MaxGM"].get<double>(), 1.0);
  // The serialised report has no NaN / Infinity tokens (invalid JSON).
  const std::string text = report.dump();
  EXPECT_EQ(text.find("NaN"), std::string::npos);
  EXPECT_EQ(text.find("Infinity"), std::string::npos);
}

TEST(Evaluate, UnknownProtocolListsTheValidOnes) {
  Fixture f;
  try {
    evaluate(f.seqs, f.results, {"otb", "vot"});
    FAIL() << "no error";
  } catch (const Error& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("'vot'"), std::string::npos) << msg;
    for (const auto& p : protocol_names()) EXPECT_NE(msg.find(p), std::string::npos) << msg;
  }
  EXPECT_THROW(parse_protocols({"otb,nope"}), Error);
}

TEST(Evaluate, ParseProtocols) {
  EXPECT_EQ(parse_protocols({"all"}), protocol_names());
  EXPECT_EQ(parse_protocols({"point,otb", "point"}), (std::vector<std::string>{"point", "otb"}));
  EXPECT_THROW(parse_protocols({""}), Error);
}

TEST(Evaluate, InputErrors) {
  Fixture f;
  // A results set without sequence b.
  auto missing = f.results;
  missing["off"].erase("b");
  try {
    evaluate(f.seqs, missing, {"otb"});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("'off'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("'b'"), std::string::npos) << e.what();
  }
  // Box count differs from the GT frame count.
  auto short_out = f.results;
  short_out["perfect"]["a"].boxes.pop_back();
  try {
    evaluate(f.seqs, short_out, {"point"});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("3 boxes, expected 4"), std::string::npos) << e.what();
  }
  // Image size is required by got10k / vot-lt / oxuva only.
  auto no_size = f.seqs;
  no_size[1].image_size = {0, 0};
  EXPECT_NO_THROW(evaluate(no_size, f.results, {"otb", "lasot", "point"}));
  EXPECT_THROW(evaluate(no_size, f.results, {"vot-lt"}), Error);
  // A sequence with no present GT box.
  auto no_gt = f.seqs;
  no_gt[0].groundtruth = {absent, absent, absent, absent};
  EXPECT_THROW(evaluate(no_gt, f.results, {"otb"}), Error);
  // An attribute of the wrong length.
  auto bad_attr = f.seqs;
  bad_attr[0].attributes["cover"] = {1, 1};
  EXPECT_THROW(evaluate(bad_attr, f.results, {"got10k"}), Error);
}

TEST(Evaluate, InitFrameIsTheFirstPresentGtBox) {
  EXPECT_EQ(init_frame(test::sequence("s", {absent, absent, box(1, 1, 2, 2)})), 2);
  EXPECT_EQ(init_frame(test::sequence("s", {box(1, 1, 2, 2), absent})), 0);
  EXPECT_THROW(init_frame(test::sequence("s", {absent})), Error);
}

TEST(Report, TableHasOneColumnPerResultsName) {
  Fixture f;
  const auto report = evaluate(f.seqs, f.results, {"otb", "oxuva", "point"});
  const std::string table = format_table(report);
  std::istringstream lines(table);
  std::string header;
  std::getline(lines, header);
  EXPECT_NE(header.find("off"), std::string::npos);
  EXPECT_NE(header.find("perfect"), std::string::npos);
  // Perfect tracker, otb: sequence a has one GT-absent frame of 4 (a failure), so its curve is 0.75
  // for t < 1, b's is 1; averaged 0.875 -> AUC = 20 * 0.875 / 21 = 0.8333.
  EXPECT_NE(table.find("otb.success_auc"), std::string::npos);
  EXPECT_NE(table.find("0.8333"), std::string::npos);
  EXPECT_NE(table.find("oxuva.TP"), std::string::npos);
  EXPECT_NE(table.find("point.by_size.0-8"), std::string::npos);
  EXPECT_EQ(table.find("success_curve"), std::string::npos);  // curves are not table rows
  EXPECT_EQ(format_table(nlohmann::json::object()), "");
}

TEST(Report, PlotsWriteDataAndScripts) {
  Fixture f;
  const auto report = evaluate(f.seqs, f.results, {"otb", "point"});
  test::TempDir dir;
  std::ostringstream warnings;
  const PlotFiles files = write_plots(report, dir.path() / "plots", warnings);
  ASSERT_EQ(files.data.size(), 3u);
  ASSERT_EQ(files.scripts.size(), 3u);
  // success.dat: a header line and 21 rows "t off perfect"; at t = 0 the perfect tracker's value is
  // the otb curve point 0.875 (see TableHasOneColumnPerResultsName).
  std::ifstream in(dir.path() / "plots" / "success.dat");
  std::string line;
  int rows = 0;
  std::getline(in, line);
  EXPECT_EQ(line, "# x off perfect");
  std::string first;
  while (std::getline(in, line)) {
    if (rows == 0) first = line;
    ++rows;
  }
  EXPECT_EQ(rows, 21);
  EXPECT_EQ(first.substr(first.rfind(' ') + 1), "0.875");
  if (files.gnuplot_ran) {
    EXPECT_EQ(files.images.size(), 3u) << warnings.str();
    for (const auto& png : files.images) EXPECT_GT(std::filesystem::file_size(png), 0u);
  } else {
    EXPECT_NE(warnings.str().find("gnuplot"), std::string::npos);
  }
}

}  // namespace
}  // namespace spot::eval
