// Narrative-only reports, the narrative's own contradictions, and year/body recognition
// with the spacing and numerals real pages use.
#include <gtest/gtest.h>

#include <set>

#include "check/checker.hpp"
#include "check/output.hpp"

namespace gongkai::check {
namespace {

CheckReport MustCheck(const std::string& text) {
  auto r = CheckReportBytes(text, "t");
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? std::move(r).value() : CheckReport{};
}

std::multiset<std::string> Rules(const CheckReport& r, core::Severity s) {
  std::multiset<std::string> out;
  for (const Finding& f : r.findings) {
    if (f.severity == s) out.insert(f.rule);
  }
  return out;
}

bool HasNote(const CheckReport& r, std::string_view part) {
  for (const std::string& n : r.notes) {
    if (n.find(part) != std::string::npos) return true;
  }
  return false;
}

const char* kNarrativeOnly2021 =
    "青溪市 2025 年政府信息公开工作年度报告\n"
    "一、总体情况\n"
    "2025年，本机关新收政府信息公开申请50件，上年结转4件；全年办结47件，其中予以公开18件、"
    "部分公开6件、不予公开10件、无法提供8件、不予处理3件、其他处理2件，结转下年度继续办理7件，"
    "办结率87%。\n"
    "二、主动公开政府信息情况\n"
    "本年制发行政规范性文件5件。\n"
    "附件：政府信息公开情况统计表（略）\n"
    "青溪市人民政府办公室\n"
    "2026年1月20日\n";

TEST(NarrativeOnlyTest, IsCheckedNotRefused) {
  const CheckReport r = MustCheck(kNarrativeOnly2021);
  ASSERT_TRUE(r.format.has_value());
  EXPECT_EQ(*r.format, core::ReportFormat::kFormat2021);
  EXPECT_EQ(r.year, 2025);
  EXPECT_EQ(r.body, "青溪市人民政府");  // the title's name, extended as the text writes it
  EXPECT_TRUE(r.narrative_only);
  EXPECT_TRUE(r.findings.empty()) << FormatReportText(r);
  EXPECT_TRUE(HasNote(r, "narrative checked")) << FormatReportText(r);
  EXPECT_TRUE(HasNote(r, "正文所述数字")) << FormatReportText(r);
  EXPECT_EQ(r.cells.size(), 0u);
}

std::string Replace(std::string s, std::string_view from, std::string_view to) {
  const size_t p = s.find(from);
  EXPECT_NE(p, std::string::npos) << from;
  if (p != std::string::npos) s.replace(p, from.size(), to);
  return s;
}

TEST(NarrativeOnlyTest, IdentitiesBetweenStatedFigures) {
  // Received + carried in ≠ closed + carried over (either reading of "received").
  CheckReport r =
      MustCheck(Replace(kNarrativeOnly2021, "结转下年度继续办理7件", "结转下年度继续办理9件"));
  EXPECT_EQ(Rules(r, core::Severity::kError), (std::multiset<std::string>{"text_balance"}))
      << FormatReportText(r);
  // Every outcome listed: they must add up to the closed requests.
  r = MustCheck(Replace(kNarrativeOnly2021, "予以公开18件", "予以公开25件"));
  EXPECT_EQ(Rules(r, core::Severity::kError), (std::multiset<std::string>{"text_outcomes_sum"}))
      << FormatReportText(r);
  r = MustCheck(Replace(kNarrativeOnly2021, "予以公开18件", "予以公开15件"));
  EXPECT_EQ(Rules(r, core::Severity::kWarning), (std::multiset<std::string>{"text_outcomes_sum"}))
      << FormatReportText(r);
  EXPECT_EQ(r.ErrorCount(), 0);
  // A rate that does not follow from the counts it cites.
  r = MustCheck(Replace(kNarrativeOnly2021, "办结率87%", "办结率95%"));
  EXPECT_EQ(Rules(r, core::Severity::kWarning), (std::multiset<std::string>{"text_rate_counts"}))
      << FormatReportText(r);
}

TEST(NarrativeOnlyTest, PartialOutcomeListsAreNotAlarms) {
  // "其中予以公开…、部分公开…" lists some outcomes only: below the whole is fine, above is not.
  const std::string base =
      "某县2020年政府信息公开工作年度报告\n本年度共收到政府信息公开申请30件，其中予以公开12件、"
      "部分公开5件。\n";
  EXPECT_TRUE(MustCheck(base).findings.empty());
  // Above the received requests: certain only when the carry-in is stated (outcomes may
  // include last year's requests).
  CheckReport r = MustCheck(Replace(base, "部分公开5件", "部分公开25件"));
  EXPECT_EQ(Rules(r, core::Severity::kWarning), (std::multiset<std::string>{"text_outcomes_sum"}))
      << FormatReportText(r);
  r = MustCheck(Replace(base, "部分公开5件", "部分公开25件，上年结转2件"));
  EXPECT_EQ(Rules(r, core::Severity::kError), (std::multiset<std::string>{"text_outcomes_sum"}))
      << FormatReportText(r);
}

TEST(NarrativeOnlyTest, AllCompletedAgainstACarryOver) {
  const std::string text =
      "某市2022年政府信息公开工作年度报告\n全年新收申请20件，申请均已办结。结转下年度继续办理3件。"
      "\n";
  const CheckReport r = MustCheck(text);
  EXPECT_EQ(Rules(r, core::Severity::kWarning), (std::multiset<std::string>{"text_all_closed"}))
      << FormatReportText(r);
  // "上年结转的申请已全部办结" speaks of last year's requests only.
  EXPECT_TRUE(MustCheck("某市2022年政府信息公开工作年度报告\n上年结转的申请已全部办结。"
                        "结转下年度继续办理3件。\n")
                  .findings.empty());
}

TEST(NarrativeOnlyTest, LegacyStaffSumInOneSentence) {
  const std::string text =
      "某县2016年政府信息公开工作年度报告\n市政府从事政府信息公开的专职人员有4名，兼职人员60名。"
      "全县政府信息公开工作人员总数79人，其中专职人员2人，兼职人员70人。\n";
  const CheckReport r = MustCheck(text);
  EXPECT_EQ(*r.format, core::ReportFormat::kLegacy2008);
  // 79 ≠ 2 + 70 in one sentence; the other sentence's 4 and 60 speak of another scope.
  EXPECT_EQ(Rules(r, core::Severity::kError), (std::multiset<std::string>{"text_staff_sum"}))
      << FormatReportText(r);
}

TEST(NarrativeOnlyTest, PartsCountIsANote) {
  const std::string text =
      "某县2021年政府信息公开工作年度报告\n本报告分为六个部分。\n一、总体情况\n全年新收申请3件。\n"
      "二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n";
  const CheckReport r = MustCheck(text);
  EXPECT_TRUE(HasNote(r, "6 个部分")) << FormatReportText(r);
  EXPECT_EQ(r.ErrorCount() + r.WarningCount(), 0);
}

TEST(NarrativeOnlyTest, NotAReportStaysUnreadable) {
  EXPECT_FALSE(CheckReportBytes("会议纪要\n今天讨论了三件事。\n", "x").ok());
}

TEST(YearAndBodyTest, AnySpacingFullWidthDigitsAndChineseNumerals) {
  for (const char* title :
       {"青溪市 2025 年政府信息公开工作年度报告", "青溪市　２０２５　年政府信息公开工作年度报告",
        "青溪市二〇二五年政府信息公开工作年度报告",
        "青溪市 2 0 2 5 年 政府信息公开 工作 年度报告"}) {
    const CheckReport r = MustCheck(std::string(title) + "\n全年新收申请3件。\n");
    EXPECT_EQ(r.year, 2025) << title;
    EXPECT_EQ(r.body, "青溪市") << title;
  }
}

TEST(YearAndBodyTest, FromTheFirstSentenceOrTheSignature) {
  CheckReport r = MustCheck(
      "政府信息公开工作年度报告\n本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。"
      "全年新收申请3件。\n");
  EXPECT_EQ(r.year, 2024);
  r = MustCheck(
      "政府信息公开工作年度报告\n全年新收申请3件。\n白河县人民政府办公室\n2025年2月1日\n");
  EXPECT_EQ(r.year, 2024);  // signed early in the following year
  EXPECT_EQ(r.body, "白河县人民政府办公室");
  r = MustCheck("政府信息公开工作年度报告\n全年新收申请3件，办结3件。\n");
  EXPECT_FALSE(r.year.has_value());
  EXPECT_NE(FormatReportText(r).find("未知"), std::string::npos);
}

}  // namespace
}  // namespace gongkai::check
