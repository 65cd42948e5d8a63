#include "core/report_format.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace gongkai::core {
namespace {

TEST(ReportFormatTest, IdsRoundTrip) {
  for (ReportFormat f : AllReportFormats()) {
    auto parsed = ParseReportFormatId(ReportFormatId(f));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, f);
    EXPECT_FALSE(ReportFormatName(f).empty());
  }
  EXPECT_EQ(ParseReportFormatId("2021"), ReportFormat::kFormat2021);
  EXPECT_FALSE(ParseReportFormatId("2020").has_value());
}

TEST(ReportFormatTest, Table3Has25DataRowsAnd7Columns2021) {
  const TableDef* t3 = GetReportFormat(ReportFormat::kFormat2021).Table("table3");
  ASSERT_NE(t3, nullptr);
  int data_rows = 0;
  for (const RowDef& r : t3->rows) data_rows += r.data ? 1 : 0;
  EXPECT_EQ(data_rows, 25);
  EXPECT_EQ(t3->columns.size(), 7u);
  EXPECT_EQ(t3->ValueColumns(*t3->Row("r1_open")).size(), 7u);
  EXPECT_TRUE(t3->ValueColumns(*t3->Row("results")).empty());
}

TEST(ReportFormatTest, Trial2019HasSingleOtherRow) {
  const FormatDef& f = GetReportFormat(ReportFormat::kTrial2019);
  const TableDef* t3 = f.Table("table3");
  ASSERT_NE(t3, nullptr);
  ASSERT_NE(t3->Row("r6_other"), nullptr);
  EXPECT_TRUE(t3->Row("r6_other")->data);
  EXPECT_EQ(t3->Row("r6_1"), nullptr);
  const RuleDef* total = f.Rule("t3_results_total");
  ASSERT_NE(total, nullptr);
  EXPECT_EQ(total->rhs.back(), "r6_other");
  EXPECT_EQ(f.Table("table2")->blocks.size(), 5u);
}

TEST(ReportFormatTest, Table2ColumnsComeFromTheRowsBlock) {
  const TableDef* t2 = GetReportFormat(ReportFormat::kFormat2021).Table("table2");
  ASSERT_NE(t2, nullptr);
  EXPECT_EQ(t2->ValueColumns(*t2->Row("regulations")).size(), 3u);
  ASSERT_EQ(t2->ValueColumns(*t2->Row("admin_fees")).size(), 1u);
  EXPECT_EQ(t2->ValueColumns(*t2->Row("admin_fees"))[0]->kind, ValueKind::kDecimal);
}

// Every id a rule names exists in its table, and ids are unique per table.
TEST(ReportFormatTest, RulesNameExistingRowsAndColumns) {
  for (ReportFormat fmt : AllReportFormats()) {
    const FormatDef& f = GetReportFormat(fmt);
    for (const TableDef& t : f.tables) {
      std::set<std::string_view> ids;
      for (const RowDef& r : t.rows) EXPECT_TRUE(ids.insert(r.id).second) << r.id;
      for (const RowDef& r : t.rows) {
        if (!r.parent.empty()) {
          EXPECT_NE(t.Row(r.parent), nullptr) << r.id;
        }
      }
    }
    for (const RuleDef& r : f.rules) {
      const TableDef* t = f.Table(r.table);
      ASSERT_NE(t, nullptr) << r.id;
      if (r.kind == RuleKind::kCrossYear) {
        EXPECT_EQ(r.severity, Severity::kWarning) << r.id;
        continue;
      }
      for (const auto* side : {&r.lhs, &r.rhs}) {
        for (std::string_view id : *side) {
          if (r.kind == RuleKind::kPerRow) {
            EXPECT_NE(t->Column(id), nullptr) << r.id << " " << id;
          } else {
            ASSERT_NE(t->Row(id), nullptr) << r.id << " " << id;
            EXPECT_TRUE(t->Row(id)->data) << r.id << " " << id;
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace gongkai::core
