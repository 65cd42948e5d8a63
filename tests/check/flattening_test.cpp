// Every flattening of gongkai's own reports, on every format: the checker recognises the
// format, year and body and reads the same cells the report holds, with no false alarm.
#include <gtest/gtest.h>

#include <map>
#include <tuple>

#include "check/checker.hpp"
#include "check/flatten.hpp"
#include "check/output.hpp"

namespace gongkai::check {
namespace {

using fixtures::Style;

using CellKey = std::tuple<std::string, std::string, std::string>;

std::map<CellKey, double> Expected(const report::Report& r) {
  std::map<CellKey, double> out;
  for (const Cell& c : report::ToCheckCells(r)) {
    out[{std::string(c.table->id), std::string(c.row->id), std::string(c.column->id)}] =
        c.value.number;
  }
  return out;
}

std::map<CellKey, double> Read(const CheckReport& r) {
  std::map<CellKey, double> out;
  for (const Cell& c : r.cells) {
    out[{std::string(c.table->id), std::string(c.row->id), std::string(c.column->id)}] =
        c.value.state == CellState::kNumber ? c.value.number : -1;
  }
  return out;
}

class FlatteningTest : public ::testing::TestWithParam<std::tuple<core::ReportFormat, Style>> {};

TEST_P(FlatteningTest, ReadsTheReportsCellsWithoutFalseAlarms) {
  const auto [format, style] = GetParam();
  for (int variant : {0, 1}) {
    const report::Report report = fixtures::SampleReport(format, variant);
    const std::string text = fixtures::Flatten(report, style);
    auto checked = CheckReportBytes(text, "flat");
    ASSERT_TRUE(checked.ok()) << checked.status().message() << "\n" << text;
    const CheckReport& r = *checked;
    const std::string dump = FormatReportText(r) + "\n---\n" + text.substr(0, 6000);
    ASSERT_TRUE(r.format.has_value()) << dump;
    EXPECT_EQ(*r.format, format) << dump;
    EXPECT_EQ(r.year, report.year) << dump;
    EXPECT_EQ(r.body, report.org.name) << dump;
    EXPECT_EQ(r.ErrorCount(), 0) << dump;
    EXPECT_EQ(r.WarningCount(), 0) << dump;
    const std::map<CellKey, double> expected = Expected(report);
    const std::map<CellKey, double> read = Read(r);
    if (style == Style::kAbridged) {
      // Rows dropped: what is read is right, and the missing rows are noted.
      EXPECT_LT(read.size(), expected.size());
      EXPECT_FALSE(r.notes.empty()) << dump;
      for (const auto& [key, value] : read) {
        auto it = expected.find(key);
        ASSERT_NE(it, expected.end()) << std::get<1>(key) << "\n" << dump;
        EXPECT_EQ(value, it->second) << std::get<1>(key) << "/" << std::get<2>(key);
      }
    } else {
      EXPECT_EQ(read, expected) << dump;
      EXPECT_TRUE(r.notes.empty()) << dump;
    }
  }
}

std::string Name(const ::testing::TestParamInfo<std::tuple<core::ReportFormat, Style>>& info) {
  const auto [format, style] = info.param;
  std::string f(core::ReportFormatId(format));
  return f + "_" + std::string(fixtures::StyleName(style));
}

INSTANTIATE_TEST_SUITE_P(AllStyles, FlatteningTest,
                         ::testing::Combine(::testing::Values(core::ReportFormat::kFormat2021,
                                                              core::ReportFormat::kTrial2019,
                                                              core::ReportFormat::kLegacy2008),
                                            ::testing::ValuesIn(fixtures::AllStyles())),
                         Name);

// A flattened table whose one cell is changed is caught on the rule involving it.
TEST(FlatteningTest, AChangedCellIsFoundInEveryStyle) {
  for (Style style : fixtures::AllStyles()) {
    if (style == Style::kAbridged) continue;
    report::Report report = fixtures::SampleReport(core::ReportFormat::kFormat2021);
    report.values.Set("table3", "r1_open", "business", 40);  // breaks row total and column
    auto r = CheckReportBytes(fixtures::Flatten(report, style), "x");
    ASSERT_TRUE(r.ok());
    std::multiset<std::string> rules;
    for (const Finding& f : r->findings) {
      if (f.severity == core::Severity::kError) rules.insert(f.rule);
    }
    EXPECT_EQ(rules, (std::multiset<std::string>{"t3_results_total", "t3_row_total"}))
        << fixtures::StyleName(style) << "\n"
        << FormatReportText(*r);
  }
}

}  // namespace
}  // namespace gongkai::check
