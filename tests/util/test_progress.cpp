// ProgressBar: duration formatting and the final line written to a log file.
#include <cstdio>
#include <string>

#include <gtest/gtest.h>

#include "spot/util/progress.hpp"

using spot::util::ProgressBar;

TEST(ProgressBar, FormatsDurations) {
  EXPECT_EQ(ProgressBar::format_duration(0), "00:00");
  EXPECT_EQ(ProgressBar::format_duration(75), "01:15");
  EXPECT_EQ(ProgressBar::format_duration(3725), "1:02:05");
  EXPECT_EQ(ProgressBar::format_duration(-1), "--:--");
}

TEST(ProgressBar, FinalLineReportsTotals) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  {
    ProgressBar bar("job", 10, "frames", f);
    bar.advance(4);
    bar.advance(100);  // clamped to the total
  }
  std::rewind(f);
  char buf[512] = {};
  const size_t n = std::fread(buf, 1, sizeof(buf) - 1, f);
  std::fclose(f);
  const std::string text(buf, n);
  EXPECT_NE(text.find("job 10/10 frames"), std::string::npos) << text;
}
