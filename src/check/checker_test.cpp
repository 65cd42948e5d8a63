#include "check/checker.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "check/output.hpp"
#include "check/util.hpp"

namespace gongkai::check {
namespace {

using core::Severity;

const std::string kSource = GONGKAI_SOURCE_DIR;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string Seed() {
  return ReadFile(kSource + "/tests/testdata/check/miluo-2017-annual-report.txt");
}
std::string Fixture(const std::string& name) {
  return ReadFile(kSource + "/tests/testdata/check/" + name);
}

CheckReport MustCheck(const std::string& bytes, const std::string& name = "test") {
  auto r = CheckReportBytes(bytes, name);
  EXPECT_TRUE(r.ok()) << r.status().message();
  if (!r.ok()) return CheckReport{};
  return std::move(r).value();
}

std::multiset<std::string> Rules(const CheckReport& r, Severity severity) {
  std::multiset<std::string> out;
  for (const Finding& f : r.findings) {
    if (f.severity == severity) out.insert(f.rule);
  }
  return out;
}

const Cell* FindCell(const CheckReport& r, std::string_view row, std::string_view column) {
  for (const Cell& c : r.cells) {
    if (c.row->id == row && c.column->id == column) return &c;
  }
  return nullptr;
}

std::string Dump(const CheckReport& r) { return FormatReportText(r); }

// ---- the seed ---------------------------------------------------------------------

TEST(CheckerSeedTest, RecognisesFormatYearAndBody) {
  const CheckReport r = MustCheck(Seed());
  ASSERT_TRUE(r.format.has_value());
  EXPECT_EQ(*r.format, core::ReportFormat::kLegacy2008);
  EXPECT_EQ(r.year, 2017);
  EXPECT_EQ(r.body, "汨罗市人民政府");
  // Every data row of the legacy table is read: 58 cells, nothing missing.
  EXPECT_EQ(r.cells.size(), 58u);
  EXPECT_TRUE(r.notes.empty()) << Dump(r);
}

TEST(CheckerSeedTest, MapsCellsWithTheirLines) {
  const CheckReport r = MustCheck(Seed());
  const Cell* closed = FindCell(r, "L3_2", "value");
  ASSERT_NE(closed, nullptr);
  EXPECT_EQ(closed->value.number, 53);
  EXPECT_EQ(closed->line, 129);  // "53 |" two lines below "(二)申请办结数 |"
  // "(一)维持具体行政行为或者驳回原告诉讼请求数" is the litigation row, by position.
  const Cell* lit = FindCell(r, "L5_2", "value");
  ASSERT_NE(lit, nullptr);
  EXPECT_EQ(lit->value.number, 1);
  // "1、专职人员数 (不包括政府公报及政府网站工作人员数)" still matches 1．专职人员数.
  ASSERT_NE(FindCell(r, "L8_3_1", "value"), nullptr);
  EXPECT_EQ(FindCell(r, "L8_3_1", "value")->value.number, 2);
  EXPECT_EQ(FindCell(r, "L8_3_2", "value")->value.number, 83);
  EXPECT_EQ(FindCell(r, "L1_1", "value")->value.number, 20640);
}

TEST(CheckerSeedTest, FindsTheBrokenIdentitiesAsErrors) {
  const CheckReport r = MustCheck(Seed());
  // 申请办结数 53 ≠ 55 + 2; 申请答复数 16 ≠ Σ items = 108; 行政诉讼数量 0 ≠ 0 + 1 + 0;
  // 工作人员数 77 ≠ 2 + 83; the website channel 21915 > the de-duplicated total 20640 (a
  // part above its whole). Nothing else is an error.
  EXPECT_EQ(Rules(r, Severity::kError),
            (std::multiset<std::string>{"LR2", "LR3", "LR6", "LR7", "LX2"}))
      << Dump(r);
  for (const Finding& f : r.findings) {
    if (f.rule == "LR2") {
      EXPECT_NE(f.message_zh.find("申请办结数 53 ≠ 按时办结数 55 + 延期办结数 2 = 57"),
                std::string::npos)
          << f.message_zh;
      EXPECT_EQ(f.lines, (std::vector<int>{129, 132, 135}));
      ASSERT_EQ(f.cells.size(), 3u);
      EXPECT_EQ(f.cells[0].row, "L3_2");
      EXPECT_EQ(f.cells[0].value, 53);
    }
    if (f.rule == "LR7") {
      EXPECT_NE(f.message_zh.find("77 ≠ 专职人员数 2 + 兼职人员数 83 = 85"), std::string::npos)
          << f.message_zh;
    }
  }
}

TEST(CheckerSeedTest, RulesThatHoldAreNotFlagged) {
  const CheckReport r = MustCheck(Seed());
  // 收到申请数 55 = 20 + 0 + 28 + 7; 不同意公开 2 = 2 + 0…; 行政复议 0 = 0 + 0 + 0;
  // 其中 ≤ parent; total 20640 ≤ Σ channels 24583; single channels other than the website
  // are below the total.
  for (const char* holds :
       {"LR1", "LR4", "LR5", "LI1", "LI2", "LI3", "LI4", "LX1", "LX3", "LX4", "LX5"}) {
    for (const Finding& f : r.findings) EXPECT_NE(f.rule, holds) << f.message_zh;
  }
  // Statements that agree with the table: 受理申请55件, 全面公开53件, 国家机密2件,
  // 专职2人 (one of two statements), 专项经费18万元, 召开2次会议, 培训班1期, 培训75人次,
  // 复议诉讼0起, 没有收费.
  for (const char* agrees :
       {"text_applications_received", "text_disclosed", "text_state_secret", "text_staff_full_time",
        "text_budget", "text_meetings", "text_training_sessions", "text_trainees",
        "text_review_and_litigation", "text_fees"}) {
    for (const Finding& f : r.findings) EXPECT_NE(f.rule, agrees) << f.message_zh;
  }
}

TEST(CheckerSeedTest, FindsTextVersusTableAndDoubtfulRowsAsWarnings) {
  const CheckReport r = MustCheck(Seed());
  EXPECT_EQ(Rules(r, Severity::kWarning),
            (std::multiset<std::string>{
                "text_staff_total",      // 工作人员总数79人 vs 77
                "text_staff_part_time",  // 兼职人员60名/77人 vs 83
                "text_items_total",      // 公开总数47098条 vs 20640 (or website 21915)
                "text_weibo_weixin",     // 微博、微信2166条 vs 502 + 1911
                "text_rate_closed",      // 办结率98% vs 53/55 = 96.4%
                "text_complaints",       // 投诉举报9311件 vs 举报投诉数量 0
                "heading_value", "heading_value", "heading_value"}))  // 19, 56, 53
      << Dump(r);
  for (const Finding& f : r.findings) {
    if (f.rule == "text_items_total") {
      EXPECT_NE(f.message_zh.find("47098"), std::string::npos);
      EXPECT_NE(f.message_zh.find("20640"), std::string::npos);
      EXPECT_EQ(f.lines.front(), 12);
    }
    if (f.rule == "text_rate_closed") {
      EXPECT_NE(f.message_zh.find("96.4%"), std::string::npos) << f.message_zh;
    }
  }
}

TEST(CheckerSeedTest, JsonOutputCarriesCellsAndFindings) {
  const CheckReport r = MustCheck(Seed(), "miluo.txt");
  const std::string json = FormatReportJson(r);
  EXPECT_NE(json.find("\"format\":\"legacy_2008\""), std::string::npos);
  EXPECT_NE(json.find("\"year\":2017"), std::string::npos);
  EXPECT_NE(json.find("{\"table\":\"legacy\",\"row\":\"L3_2\",\"column\":\"value\",\"value\":53,"
                      "\"line\":129}"),
            std::string::npos);
  EXPECT_NE(json.find("\"severity\":\"error\",\"rule\":\"LR2\""), std::string::npos);
}

// ---- a consistent 2021-format report ------------------------------------------------

TEST(Checker2021Test, ConsistentReportPassesClean) {
  const CheckReport r = MustCheck(Fixture("report-2021.txt"));
  ASSERT_TRUE(r.format.has_value());
  EXPECT_EQ(*r.format, core::ReportFormat::kFormat2021);
  EXPECT_EQ(r.year, 2022);
  EXPECT_EQ(r.body, "青山市人民政府办公室");
  EXPECT_EQ(r.cells.size(), 10u + 175u + 15u);
  EXPECT_TRUE(r.findings.empty()) << Dump(r);
  EXPECT_TRUE(r.notes.empty()) << Dump(r);
  EXPECT_EQ(FindCell(r, "licensing", "decisions")->value.number, 1234);
  EXPECT_DOUBLE_EQ(FindCell(r, "admin_fees", "fee_amount")->value.number, 12.5);
  EXPECT_EQ(FindCell(r, "cases", "lit_after_review_total")->value.number, 1);
}

// Which rules involve a table 三/四 cell: changing that cell alone must break exactly these.
std::set<std::string> RulesInvolving(const core::FormatDef& f, const Cell& c) {
  std::set<std::string> out;
  for (const core::RuleDef& r : f.rules) {
    if (r.table != c.table->id || r.kind == core::RuleKind::kCrossYear) continue;
    auto has = [](const std::vector<std::string_view>& ids, std::string_view id) {
      return std::find(ids.begin(), ids.end(), id) != ids.end();
    };
    if (r.kind == core::RuleKind::kPerColumn && (has(r.lhs, c.row->id) || has(r.rhs, c.row->id))) {
      out.insert(std::string(r.id));
    }
    if (r.kind == core::RuleKind::kPerRow &&
        (has(r.lhs, c.column->id) || has(r.rhs, c.column->id))) {
      out.insert(std::string(r.id));
    }
  }
  return out;
}

// Replaces the k-th value cell of line `line_no` (1-based) with `replacement`.
std::string ReplaceCell(const std::string& text, int line_no, int k,
                        const std::string& replacement) {
  std::vector<std::string_view> lines = SplitLines(text);
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string line(lines[i]);
    if (static_cast<int>(i) + 1 == line_no) {
      std::vector<std::string> pieces;
      size_t start = 0;
      while (true) {
        size_t bar = line.find('|', start);
        pieces.push_back(
            line.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
        if (bar == std::string::npos) break;
        start = bar + 1;
      }
      int seen = 0;
      for (std::string& p : pieces) {
        std::string_view t = Trim(p);
        if (!t.empty() && ParseCellValue(t).state == CellState::kNumber) {
          if (seen++ == k) p = " " + replacement + " ";
        }
      }
      line.clear();
      for (size_t j = 0; j < pieces.size(); ++j) line += (j ? "|" : "") + pieces[j];
    }
    out += line;
    if (i + 1 < lines.size()) out += '\n';
  }
  return out;
}

TEST(Checker2021Test, AnyOneCellChangedFailsOnTheRightRules) {
  const std::string text = Fixture("report-2021.txt");
  const CheckReport base = MustCheck(text);
  const core::FormatDef& f = core::GetReportFormat(core::ReportFormat::kFormat2021);
  int mutated = 0;
  std::map<int, int> index_on_line;
  for (const Cell& c : base.cells) {
    const int k = index_on_line[c.line]++;
    if (c.table->id == "table2") continue;
    const std::string changed = ReplaceCell(text, c.line, k, FormatNumber(c.value.number + 1));
    const CheckReport r = MustCheck(changed);
    const std::set<std::string> expected = RulesInvolving(f, c);
    ASSERT_FALSE(expected.empty()) << c.row->id << "/" << c.column->id;
    const std::multiset<std::string> errors = Rules(r, Severity::kError);
    EXPECT_EQ(std::set<std::string>(errors.begin(), errors.end()), expected)
        << c.row->id << "/" << c.column->id << " line " << c.line << "\n"
        << Dump(r);
    // The finding names the changed cell.
    bool names_cell = false;
    for (const Finding& finding : r.findings) {
      for (const FindingCell& fc : finding.cells) {
        names_cell |= fc.row == c.row->id && fc.column == c.column->id && fc.line == c.line &&
                      fc.value == c.value.number + 1;
      }
    }
    EXPECT_TRUE(names_cell) << c.row->id << "/" << c.column->id;
    ++mutated;
  }
  EXPECT_EQ(mutated, 175 + 15);
}

TEST(Checker2021Test, NarrativeStatementsAreComparedBothWays) {
  const std::string text = Fixture("report-2021.txt");
  // The fixture's prose agrees with its tables (no finding above). Change one stated
  // number at a time: each must give a warning on its own rule and nothing else.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"本年新收政府信息公开申请50件", "text_applications_received"},
      {"上年结转4件", "text_carried_in"},
      {"全年办结47件", "text_closed"},
      {"予以公开18件", "text_disclosed"},
      {"部分公开6件", "text_partially_disclosed"},
      {"结转下年度继续办理7件", "text_carried_out"},
      {"办结率87%", "text_rate_closed"},
      {"制发行政规范性文件5件", "text_normative_docs_made"},
      {"行政复议4件", "text_review"},
      {"行政诉讼3件", "text_litigation"},
  };
  for (const auto& [phrase, rule] : cases) {
    const size_t pos = text.find(phrase);
    ASSERT_NE(pos, std::string::npos) << phrase;
    // Bump the last digit run in the phrase by 2.
    std::string changed_phrase = phrase;
    size_t end = changed_phrase.find_last_of("0123456789") + 1;
    size_t begin = changed_phrase.find_last_not_of("0123456789", end - 1) + 1;
    const int value = std::stoi(changed_phrase.substr(begin, end - begin));
    changed_phrase.replace(begin, end - begin, std::to_string(value + 2));
    std::string changed = text;
    changed.replace(pos, phrase.size(), changed_phrase);
    const CheckReport r = MustCheck(changed);
    EXPECT_EQ(Rules(r, Severity::kWarning), (std::multiset<std::string>{rule})) << phrase << "\n"
                                                                                << Dump(r);
    EXPECT_EQ(r.ErrorCount(), 0) << phrase;
  }
}

// ---- layouts, encodings, HTML, JSON -------------------------------------------------

// The fixture's table lines rewritten one cell per line ("x |"), with "||" separators.
std::string OneCellPerLine(const std::string& text) {
  std::string out;
  for (std::string_view line : SplitLines(text)) {
    if (line.find('|') == std::string_view::npos) {
      out += std::string(line) + "\n";
      continue;
    }
    size_t start = 0;
    while (true) {
      size_t bar = line.find('|', start);
      if (bar == std::string_view::npos) break;
      out += std::string(Trim(line.substr(start, bar - start))) + " |\n";
      start = bar + 1;
    }
    out += "||\n";
  }
  return out;
}

// Zeros in table 三 written as empty cells ("a | 1 || 2 |").
std::string ZerosAsEmptyCells(const std::string& text) {
  std::string out;
  for (std::string_view line : SplitLines(text)) {
    std::string l(line);
    if (l.find('|') != std::string::npos &&
        (l.find("1.") != std::string::npos || l.find("2.") != std::string::npos)) {
      size_t p;
      while ((p = l.find("| 0 |")) != std::string::npos) l.replace(p, 5, "||");
    }
    out += l + "\n";
  }
  return out;
}

void ExpectSameCells(const CheckReport& a, const CheckReport& b) {
  ASSERT_EQ(a.cells.size(), b.cells.size());
  for (size_t i = 0; i < a.cells.size(); ++i) {
    EXPECT_EQ(a.cells[i].row, b.cells[i].row);
    EXPECT_EQ(a.cells[i].column, b.cells[i].column);
    if (b.cells[i].value.state == CellState::kNumber) {
      EXPECT_EQ(a.cells[i].value.number, b.cells[i].value.number) << a.cells[i].row->id;
    }
  }
}

TEST(CheckerLayoutTest, OneCellPerLineLayoutReadsTheSameCells) {
  const std::string text = Fixture("report-2021.txt");
  const CheckReport base = MustCheck(text);
  const CheckReport r = MustCheck(OneCellPerLine(text));
  ExpectSameCells(r, base);
  EXPECT_TRUE(r.findings.empty()) << Dump(r);
}

TEST(CheckerLayoutTest, EmptyCellRunsAreReadAsBlankCells) {
  const std::string text = ZerosAsEmptyCells(Fixture("report-2021.txt"));
  ASSERT_NE(text.find("||"), std::string::npos);
  const CheckReport r = MustCheck(text);
  EXPECT_EQ(r.cells.size(), 200u) << Dump(r);
  const Cell* secret = FindCell(r, "r3_1", "total");
  ASSERT_NE(secret, nullptr);
  EXPECT_EQ(secret->value.state, CellState::kEmpty);
  EXPECT_EQ(FindCell(r, "r4_1", "research")->value.number, 1);
  EXPECT_EQ(r.ErrorCount(), 0) << Dump(r);
  EXPECT_EQ(r.WarningCount(), 0) << Dump(r);
}

TEST(CheckerLayoutTest, HtmlTablesWithRowspanAndColspan) {
  const CheckReport base = MustCheck(Fixture("report-2021.txt"));
  const CheckReport r = MustCheck(Fixture("report-2021.html"), "report-2021.html");
  EXPECT_EQ(*r.format, core::ReportFormat::kFormat2021);
  EXPECT_EQ(r.year, 2022);
  EXPECT_EQ(r.body, "青山市人民政府办公室");
  ExpectSameCells(r, base);
  EXPECT_TRUE(r.findings.empty()) << Dump(r);
  EXPECT_GT(FindCell(r, "r7_total", "total")->line, 30);
}

TEST(CheckerLayoutTest, TraditionalGb18030FullWidthAndSpacedLabels) {
  const CheckReport base = MustCheck(Fixture("report-2021.txt"));
  const CheckReport r = MustCheck(Fixture("report-2021-traditional-gb18030.txt"));
  ASSERT_TRUE(r.format.has_value());
  EXPECT_EQ(*r.format, core::ReportFormat::kFormat2021);
  EXPECT_EQ(r.body, "青山市人民政府办公室");
  ExpectSameCells(r, base);
  EXPECT_TRUE(r.findings.empty()) << Dump(r);
}

TEST(CheckerJsonTest, OwnJsonOutputRoundTrips) {
  const CheckReport base = MustCheck(Fixture("report-2021.txt"));
  const CheckReport r = MustCheck(FormatReportJson(base), "report.json");
  EXPECT_EQ(*r.format, core::ReportFormat::kFormat2021);
  EXPECT_EQ(r.year, 2022);
  ExpectSameCells(r, base);
  EXPECT_TRUE(r.findings.empty()) << Dump(r);
  EXPECT_TRUE(r.notes.empty()) << Dump(r);
}

TEST(CheckerJsonTest, NestedTablesShapeWithNarrative) {
  const std::string json = R"({"format":"legacy","year":2017,"body":"某县",
    "text":"全县政府信息公开工作人员总数9人，其中专职人员2人。",
    "tables":{"legacy":{"L3_2":53,"L3_2_1":"55","L3_2_2":2,"L8_3":10,"L8_3_1":2,"L8_3_2":8,
                        "L9_9":1}}})";
  const CheckReport r = MustCheck(json);
  EXPECT_EQ(Rules(r, Severity::kError), (std::multiset<std::string>{"LR2"})) << Dump(r);
  EXPECT_EQ(Rules(r, Severity::kWarning), (std::multiset<std::string>{"text_staff_total"}))
      << Dump(r);
  ASSERT_FALSE(r.notes.empty());
  EXPECT_NE(r.notes.front().find("L9_9"), std::string::npos);
}

TEST(CheckerJsonTest, MalformedJsonIsUnreadable) {
  EXPECT_FALSE(CheckReportBytes("{\"format\":", "x").ok());
  EXPECT_FALSE(CheckReportBytes("{\"cells\":[]}", "x").ok());
}

TEST(CheckerInputTest, ProseWithAsciiCommasIsNotCsv) {
  // The seed writes its prose with ASCII commas; a narrative-only copy stays text.
  const std::string text =
      "某县2016年政府信息公开工作年度报告\n本年度,共受理申请12件,办结12件,办结率100%。\n"
      "全县政府信息公开工作人员总数9人,其中专职人员2人,兼职人员7人。\n";
  const CheckReport r = MustCheck(text);
  EXPECT_EQ(r.input_kind, "text");
  EXPECT_TRUE(r.narrative_only);
  EXPECT_TRUE(r.findings.empty()) << Dump(r);
}

TEST(CheckerInputTest, NonReportsAreUnreadable) {
  EXPECT_FALSE(CheckReportBytes("", "x").ok());
  EXPECT_FALSE(CheckReportBytes(std::string("\x00\x01\x02", 3), "x").ok());
  EXPECT_FALSE(CheckReportBytes("hello world\nnothing to see | here |\n", "x").ok());
  EXPECT_FALSE(CheckReportBytes("\xff\xfe\xff", "x").ok());
}

TEST(CheckerInputTest, TruncatedReportChecksWhatIsThereAndNotesTheRest) {
  const std::string text = Fixture("report-2021.txt");
  const std::string cut = text.substr(0, text.find("（四）无法提供"));
  const CheckReport r = MustCheck(cut);
  EXPECT_EQ(*r.format, core::ReportFormat::kFormat2021);
  EXPECT_EQ(r.ErrorCount(), 0) << Dump(r);
  // The per-row totals of the rows present are still checked: break one.
  const CheckReport broken = MustCheck(ReplaceCell(cut, 32, 6, "51"));
  EXPECT_EQ(Rules(broken, Severity::kError), (std::multiset<std::string>{"t3_row_total"}))
      << Dump(broken);
  bool noted_table4 = false, noted_rows = false;
  for (const std::string& n : r.notes) {
    noted_table4 |= n.find("table4") != std::string::npos;
    noted_rows |= n.find("table3/r7_total") != std::string::npos;
  }
  EXPECT_TRUE(noted_table4) << Dump(r);
  EXPECT_TRUE(noted_rows) << Dump(r);
}

TEST(CheckerInputTest, ReportWithoutTablesIsReadWithANote) {
  const CheckReport r =
      MustCheck("某县2019年政府信息公开工作年度报告\n一、总体情况\n全年共受理申请12件。\n", "x");
  EXPECT_EQ(*r.format, core::ReportFormat::kTrial2019);
  EXPECT_EQ(r.year, 2019);
  EXPECT_FALSE(r.notes.empty());
  EXPECT_EQ(r.ErrorCount(), 0);
}

}  // namespace
}  // namespace gongkai::check
