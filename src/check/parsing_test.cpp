// Table-driven tests of the small parsers: cell values, label keys and matching, the text
// layouts and the HTML scanner.
#include <gtest/gtest.h>

#include "check/html_table.hpp"
#include "check/label_match.hpp"
#include "check/narrative.hpp"
#include "check/text_table.hpp"
#include "check/value.hpp"

namespace gongkai::check {
namespace {

struct ValueCase {
  const char* text;
  CellState state;
  double number;
  bool approximate;
};

TEST(ValueTest, ParsesCellsAsPublished) {
  const ValueCase cases[] = {
      {"53", CellState::kNumber, 53, false},
      {" 1,234 ", CellState::kNumber, 1234, false},
      {"1，234", CellState::kNumber, 1234, false},
      {"１２３", CellState::kNumber, 123, false},
      {"96171.6", CellState::kNumber, 96171.6, false},
      {"0件", CellState::kNumber, 0, false},
      {"9000余人次", CellState::kNumber, 9000, true},
      {"约20", CellState::kNumber, 20, true},
      {"-3", CellState::kNumber, -3, false},
      {"", CellState::kEmpty, 0, false},
      {"/", CellState::kNotApplicable, 0, false},
      {"—", CellState::kNotApplicable, 0, false},
      {"件", CellState::kText, 0, false},
      {"1,23", CellState::kText, 0, false},
      {"12a", CellState::kText, 0, false},
      {"统计数", CellState::kText, 0, false},
      {"1.", CellState::kText, 0, false},
  };
  for (const ValueCase& c : cases) {
    const CellValue v = ParseCellValue(c.text);
    EXPECT_EQ(v.state, c.state) << c.text;
    if (c.state == CellState::kNumber) {
      EXPECT_DOUBLE_EQ(v.number, c.number) << c.text;
      EXPECT_EQ(v.approximate, c.approximate) << c.text;
    }
  }
  EXPECT_EQ(FormatNumber(57), "57");
  EXPECT_EQ(FormatNumber(12.5), "12.5");
  EXPECT_EQ(FormatNumber(-0.0), "0");
}

TEST(LabelMatchTest, KeysIgnorePunctuationSpacesAndNotes) {
  const LabelKey a = MakeLabelKey("(一)主动公开政府信息数 (不同渠道和方式公开相同信息计1条)");
  const LabelKey b = MakeLabelKey("（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）");
  EXPECT_EQ(a.enumerator, "P1");
  EXPECT_EQ(a.full, b.full);
  EXPECT_EQ(a.core, "主动公开政府信息数");
  EXPECT_EQ(MakeLabelKey("统 计 指 标").core, "统计指标");
  EXPECT_EQ(MakeLabelKey("1、专职人员数").enumerator, "N1");
  EXPECT_EQ(MakeLabelKey("1．专职人员数").enumerator, "N1");
  EXPECT_EQ(MakeLabelKey("三、依申请公开情况").enumerator, "A3");
  EXPECT_EQ(MakeLabelKey("十二、其他").enumerator, "A12");
  EXPECT_TRUE(MakeLabelKey("其中:主动公开规范性文件数").qizhong);
  EXPECT_EQ(StripEnumerator("（二）申请办结数"), "申请办结数");
}

struct MatchCase {
  core::ReportFormat format;
  const char* input;
  const char* row;  // "" when nothing may match
};

TEST(LabelMatchTest, MatchesPublishedVariants) {
  using F = core::ReportFormat;
  const MatchCase cases[] = {
      {F::kLegacy2008, "1、专职人员数 (不包括政府公报及政府网站工作人员数)", "L8_3_1"},
      {F::kLegacy2008, "(二)通过不同渠道和方式回应解决的情况", "L2_2"},
      {F::kLegacy2008, "(一)维持具体行政行为或者驳回原告诉讼请求数", "L5_1"},
      {F::kLegacy2008, "(四)政府信息公开专项经费(不包括用于政府公报编辑管理)", "L8_4"},
      {F::kLegacy2008, "统 计 指 标", ""},
      {F::kLegacy2008, "政府信息公开情况统计表", ""},
      {F::kFormat2021, "其他", ""},  // the column header, not row 3.其他
      {F::kFormat2021, "总计", ""},  // the column header, not （七）总计
      {F::kFormat2021, "3.其他", "r6_3"},
      {F::kFormat2021, "（七）总计", "r7_total"},
      {F::kFormat2021, "规范性文件", "normative_docs"},
      {F::kFormat2021, "3.危及\"三安全一稳定\"", "r3_3"},
      {F::kFormat2021, "(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "r2_partial"},
      {F::kTrial2019, "（六）其他处理", "r6_other"},
  };
  for (const MatchCase& c : cases) {
    const LabelTarget* t = GetLabelMatcher(c.format).Match(MakeLabelKey(c.input), -1);
    if (std::string_view(c.row).empty()) {
      EXPECT_EQ(t, nullptr) << c.input << " → " << (t ? t->row->id : "");
    } else {
      ASSERT_NE(t, nullptr) << c.input;
      EXPECT_EQ(t->row->id, c.row) << c.input;
    }
  }
}

TEST(LabelMatchTest, RepeatedLabelsResolveByPosition) {
  const LabelMatcher& m = GetLabelMatcher(core::ReportFormat::kLegacy2008);
  const LabelKey key = MakeLabelKey("(二)被依法纠错数");
  const LabelTarget* review = m.Match(key, -1);
  ASSERT_NE(review, nullptr);
  EXPECT_EQ(review->row->id, "L4_2");
  const LabelTarget* lit = m.Match(key, review->order + 2);
  ASSERT_NE(lit, nullptr);
  EXPECT_EQ(lit->row->id, "L5_2");
}

TEST(TextTableTest, ReadsTheThreeLayouts) {
  const Document doc = ExtractTextDocument(
      "标题\n统计数 |\n||\n规章 | 0 | 1 | 5 |\n（一）予以公开 | 5 || 3 |\na\tb\t1\n|||\n");
  ASSERT_EQ(doc.narrative.size(), 1u);
  EXPECT_EQ(doc.narrative[0].text, "标题");
  ASSERT_EQ(doc.rows.size(), 6u);
  EXPECT_EQ(doc.rows[0].size(), 1u);
  EXPECT_EQ(doc.rows[0][0].text, "统计数");
  EXPECT_EQ(doc.rows[0][0].line, 2);
  EXPECT_EQ(doc.rows[1].size(), 1u);  // "||": one empty cell
  EXPECT_EQ(doc.rows[1][0].text, "");
  EXPECT_EQ(doc.rows[2].size(), 4u);
  ASSERT_EQ(doc.rows[3].size(), 4u);
  EXPECT_EQ(doc.rows[3][2].text, "");
  EXPECT_EQ(doc.rows[3][3].text, "3");
  EXPECT_EQ(doc.rows[4].size(), 3u);  // tab-separated
  EXPECT_EQ(doc.rows[5].size(), 2u);  // "|||": two empty cells
}

TEST(HtmlTableTest, ScansTablesEntitiesAndLines) {
  const std::string html =
      "<html><body>\n<p>标题&nbsp;一</p><script>var x = '<td>1</td>';</script>\n"
      "<table><tr><td rowspan=\"2\">三、本年度办理结果</td><td colspan=2>（一）予以公开</td>"
      "<td>5</td><td colspan=\"2\">&#48;</td></tr>\n<tr><TD>a<br>b</TD><td>1&#44;234</td></tr>"
      "</table><!-- <p>hidden</p> -->\n<div>尾&amp;注</div></body></html>";
  ASSERT_TRUE(LooksLikeHtml(html));
  EXPECT_FALSE(LooksLikeHtml("plain text <b>"));
  const Document doc = ExtractHtmlDocument(html);
  ASSERT_EQ(doc.narrative.size(), 2u);
  EXPECT_EQ(doc.narrative[0].text, "标题 一");
  EXPECT_EQ(doc.narrative[0].line, 2);
  EXPECT_EQ(doc.narrative[1].text, "尾&注");
  ASSERT_EQ(doc.rows.size(), 2u);
  ASSERT_EQ(doc.rows[0].size(), 5u);  // value cell "0" with colspan 2 counts twice
  EXPECT_EQ(doc.rows[0][1].text, "（一）予以公开");
  EXPECT_EQ(doc.rows[0][3].text, "0");
  EXPECT_EQ(doc.rows[0][4].text, "0");
  EXPECT_EQ(doc.rows[0][0].line, 3);
  ASSERT_EQ(doc.rows[1].size(), 2u);
  EXPECT_EQ(doc.rows[1][0].text, "a b");
  EXPECT_EQ(doc.rows[1][1].text, "1,234");
  EXPECT_EQ(doc.rows[1][1].line, 4);
}

TEST(NarrativeTest, ExtractsStatementsWithUnitsAndApproximations) {
  Document doc;
  doc.narrative = {{"2017年度共受理政府信息公开申请55件,其中全面公开53件,办结率98%。", 3},
                   {"共接受市民咨询9000余人次,召开2次全市政府信息公开工作会议。", 4},
                   {"电话:0730-5242830,本年度没有发生相关收费。", 5}};
  const std::vector<Statement> s = ExtractStatements(doc, core::ReportFormat::kLegacy2008);
  std::vector<std::pair<std::string, double>> got;
  for (const Statement& st : s) got.push_back({st.rule, st.value});
  EXPECT_EQ(got, (std::vector<std::pair<std::string, double>>{{"text_applications_received", 55},
                                                              {"text_disclosed", 53},
                                                              {"text_rate_closed", 98},
                                                              {"text_meetings", 2},
                                                              {"text_fees", 0}}));
  EXPECT_EQ(s[0].line, 3);
}

}  // namespace
}  // namespace gongkai::check
