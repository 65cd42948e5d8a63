// Proves that the C++ format definitions in core/report_format.cpp are those of the
// reference file data/annual-report-tables.json: every id, label, parent, unit, flag and
// rule is compared, in order, both ways.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <iterator>
#include <set>

#include "core/report_format.hpp"

namespace gongkai::check {
namespace {

namespace json = boost::json;
using core::ReportFormat;

json::value LoadReference() {
  std::ifstream in(std::string(GONGKAI_SOURCE_DIR) + "/data/annual-report-tables.json");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return json::parse(text);
}

const json::value& Reference() {
  static const json::value kRef = LoadReference();
  return kRef;
}

std::string Str(const json::value& v) {
  return v.is_string() ? std::string(v.get_string()) : std::string();
}

std::string_view Sv(const json::string& s) { return {s.data(), s.size()}; }

std::vector<std::string> Ids(const json::value& v) {
  std::vector<std::string> out;
  if (v.is_string()) out.push_back(Str(v));
  if (v.is_array()) {
    for (const json::value& x : v.get_array()) out.push_back(Str(x));
  }
  return out;
}

std::vector<std::string> Ids(const std::vector<std::string_view>& v) {
  return {v.begin(), v.end()};
}

void ExpectRulesMatch(const json::array& ref_rules, const core::FormatDef& f,
                      std::string_view table_id) {
  std::vector<const core::RuleDef*> ours;
  for (const core::RuleDef& r : f.rules) {
    if (r.table == table_id && r.status != "derived") ours.push_back(&r);
  }
  ASSERT_EQ(ours.size(), ref_rules.size()) << table_id;
  for (size_t i = 0; i < ours.size(); ++i) {
    const json::object& ref = ref_rules[i].get_object();
    const core::RuleDef& r = *ours[i];
    EXPECT_EQ(r.id, Sv(ref.at("id").get_string()));
    EXPECT_EQ(core::RuleKindId(r.kind), Sv(ref.at("kind").get_string())) << r.id;
    EXPECT_EQ(r.status, Sv(ref.at("status").get_string())) << r.id;
    if (const json::value* text = ref.if_contains("text")) {
      EXPECT_EQ(r.text, Sv(text->get_string())) << r.id;
    }
    if (r.kind == core::RuleKind::kCrossYear) {
      EXPECT_EQ(r.severity, core::Severity::kWarning) << r.id;
      continue;
    }
    EXPECT_EQ(Ids(r.lhs), Ids(ref.at("lhs"))) << r.id;
    EXPECT_EQ(Ids(r.rhs), Ids(ref.at("rhs"))) << r.id;
  }
}

TEST(ReportFormatJsonTest, Format2021SectionsMatch) {
  const json::array& sections = Reference().at("format_2021").at("sections").get_array();
  const core::FormatDef& f = core::GetReportFormat(ReportFormat::kFormat2021);
  ASSERT_EQ(f.sections.size(), sections.size());
  for (size_t i = 0; i < sections.size(); ++i) {
    EXPECT_EQ(f.sections[i], Sv(sections[i].get_string()));
  }
}

TEST(ReportFormatJsonTest, Format2021Table2Matches) {
  const json::object& ref = Reference().at("format_2021").at("table2").get_object();
  const core::TableDef& t = *core::GetReportFormat(ReportFormat::kFormat2021).Table("table2");
  EXPECT_EQ(t.title, Sv(ref.at("title").get_string()));
  EXPECT_EQ(t.row_header_label, Sv(ref.at("row_header_label").get_string()));
  const json::array& blocks = ref.at("blocks").get_array();
  ASSERT_EQ(t.blocks.size(), blocks.size());
  size_t row_index = 0;
  for (size_t b = 0; b < blocks.size(); ++b) {
    const json::object& rb = blocks[b].get_object();
    const core::BlockDef& ob = t.blocks[b];
    EXPECT_EQ(ob.id, Sv(rb.at("id").get_string()));
    EXPECT_EQ(ob.caption, Sv(rb.at("caption").get_string()));
    const json::array& cols = rb.at("columns").get_array();
    ASSERT_EQ(ob.columns.size(), cols.size()) << ob.id;
    for (size_t c = 0; c < cols.size(); ++c) {
      const json::object& rc = cols[c].get_object();
      EXPECT_EQ(ob.columns[c].id, Sv(rc.at("id").get_string()));
      EXPECT_EQ(ob.columns[c].label, Sv(rc.at("label").get_string()));
      const bool decimal = rc.at("type").get_string() == "decimal";
      EXPECT_EQ(ob.columns[c].kind == core::ValueKind::kDecimal, decimal) << ob.columns[c].id;
      EXPECT_EQ(ob.columns[c].unit, rc.contains("unit") ? Sv(rc.at("unit").get_string()) : "");
    }
    const json::array& rows = rb.at("rows").get_array();
    ASSERT_EQ(ob.row_ids.size(), rows.size());
    for (size_t r = 0; r < rows.size(); ++r) {
      const json::object& rr = rows[r].get_object();
      EXPECT_EQ(ob.row_ids[r], Sv(rr.at("id").get_string()));
      ASSERT_LT(row_index, t.rows.size());
      const core::RowDef& row = t.rows[row_index++];
      EXPECT_EQ(row.id, Sv(rr.at("id").get_string()));
      EXPECT_EQ(row.label, Sv(rr.at("label").get_string()));
      EXPECT_EQ(row.block, ob.id);
    }
  }
  EXPECT_EQ(row_index, t.rows.size());
  ExpectRulesMatch(ref.at("rules").get_array(), core::GetReportFormat(ReportFormat::kFormat2021),
                   "table2");
}

void ExpectTable3Matches(ReportFormat format) {
  const json::object& ref = Reference().at("format_2021").at("table3").get_object();
  const core::FormatDef& f = core::GetReportFormat(format);
  const core::TableDef& t = *f.Table("table3");
  EXPECT_EQ(t.title, Sv(ref.at("title").get_string()));
  EXPECT_EQ(t.corner_note, Sv(ref.at("corner_note").get_string()));
  const json::array& cols = ref.at("columns").get_array();
  ASSERT_EQ(t.columns.size(), cols.size());
  for (size_t c = 0; c < cols.size(); ++c) {
    const json::object& rc = cols[c].get_object();
    EXPECT_EQ(t.columns[c].id, Sv(rc.at("id").get_string()));
    EXPECT_EQ(t.columns[c].label, Sv(rc.at("label").get_string()));
    EXPECT_EQ(t.columns[c].parent, Sv(rc.at("parent").get_string()));
  }
  // 2019 trial: r6_other is one data row without r6_1..r6_3 (the reference's note).
  std::vector<const json::object*> ref_rows;
  for (const json::value& v : ref.at("rows").get_array()) {
    const std::string id = Str(v.at("id"));
    if (format == ReportFormat::kTrial2019 && (id == "r6_1" || id == "r6_2" || id == "r6_3")) {
      continue;
    }
    ref_rows.push_back(&v.get_object());
  }
  ASSERT_EQ(t.rows.size(), ref_rows.size());
  int data_rows = 0;
  for (size_t r = 0; r < ref_rows.size(); ++r) {
    const json::object& rr = *ref_rows[r];
    const core::RowDef& row = t.rows[r];
    EXPECT_EQ(row.id, Sv(rr.at("id").get_string()));
    EXPECT_EQ(row.label, Sv(rr.at("label").get_string()));
    EXPECT_EQ(row.parent, rr.at("parent").is_null() ? "" : Sv(rr.at("parent").get_string()));
    bool data = rr.at("data").as_bool();
    if (format == ReportFormat::kTrial2019 && row.id == "r6_other") data = true;
    EXPECT_EQ(row.data, data) << row.id;
    EXPECT_EQ(row.number, rr.contains("number") ? rr.at("number").as_int64() : 0) << row.id;
    data_rows += row.data ? 1 : 0;
  }
  if (format == ReportFormat::kFormat2021) {
    EXPECT_EQ(data_rows, ref.at("data_row_count").as_int64());
    EXPECT_EQ(static_cast<int64_t>(t.columns.size()), ref.at("value_column_count").as_int64());
    ExpectRulesMatch(ref.at("rules").get_array(), f, "table3");
  }
}

TEST(ReportFormatJsonTest, Format2021Table3Matches) {
  ExpectTable3Matches(ReportFormat::kFormat2021);
}
TEST(ReportFormatJsonTest, Trial2019Table3Matches) {
  ExpectTable3Matches(ReportFormat::kTrial2019);
}

TEST(ReportFormatJsonTest, Table4MatchesInBothFormats) {
  const json::object& ref = Reference().at("format_2021").at("table4").get_object();
  for (ReportFormat format : {ReportFormat::kFormat2021, ReportFormat::kTrial2019}) {
    const core::FormatDef& f = core::GetReportFormat(format);
    const core::TableDef& t = *f.Table("table4");
    EXPECT_EQ(t.title, Sv(ref.at("title").get_string()));
    const json::array& cols = ref.at("columns").get_array();
    ASSERT_EQ(t.columns.size(), cols.size());
    for (size_t c = 0; c < cols.size(); ++c) {
      const json::object& rc = cols[c].get_object();
      EXPECT_EQ(t.columns[c].id, Sv(rc.at("id").get_string()));
      EXPECT_EQ(t.columns[c].label, Sv(rc.at("label").get_string()));
      EXPECT_EQ(t.columns[c].group, Sv(rc.at("group").get_string()));
      EXPECT_EQ(t.columns[c].parent,
                rc.at("parent").is_null() ? "" : Sv(rc.at("parent").get_string()));
    }
    ASSERT_EQ(t.rows.size(), 1u);
    EXPECT_EQ(t.rows[0].id, Sv(ref.at("rows").at(0).at("id").get_string()));
    ExpectRulesMatch(ref.at("rules").get_array(), f, "table4");
  }
}

TEST(ReportFormatJsonTest, Trial2019Table2Matches) {
  const json::array& blocks = Reference().at("format_2019_trial_table2").at("blocks").get_array();
  const core::TableDef& t = *core::GetReportFormat(ReportFormat::kTrial2019).Table("table2");
  ASSERT_EQ(t.blocks.size(), blocks.size());
  size_t row_index = 0;
  for (size_t b = 0; b < blocks.size(); ++b) {
    const json::object& rb = blocks[b].get_object();
    EXPECT_EQ(t.blocks[b].caption, Sv(rb.at("caption").get_string()));
    const json::array& cols = rb.at("columns").get_array();
    ASSERT_EQ(t.blocks[b].columns.size(), cols.size());
    for (size_t c = 0; c < cols.size(); ++c) {
      EXPECT_EQ(t.blocks[b].columns[c].label, Sv(cols[c].get_string()));
    }
    const json::array& rows = rb.at("rows").get_array();
    ASSERT_EQ(t.blocks[b].row_ids.size(), rows.size());
    for (size_t r = 0; r < rows.size(); ++r) {
      ASSERT_LT(row_index, t.rows.size());
      EXPECT_EQ(t.rows[row_index].label, Sv(rows[r].get_string()));
      EXPECT_EQ(t.rows[row_index].id, t.blocks[b].row_ids[r]);
      ++row_index;
    }
  }
  EXPECT_EQ(row_index, t.rows.size());
}

TEST(ReportFormatJsonTest, LegacyTableMatches) {
  const json::object& ref = Reference().at("legacy_2008").get_object();
  const core::FormatDef& f = core::GetReportFormat(ReportFormat::kLegacy2008);
  const core::TableDef& t = *f.Table("legacy");
  const json::array& cols = ref.at("columns").get_array();
  ASSERT_EQ(t.columns.size(), cols.size());
  for (size_t c = 0; c < cols.size(); ++c) {
    EXPECT_EQ(t.columns[c].id, Sv(cols[c].at("id").get_string()));
    EXPECT_EQ(t.columns[c].label, Sv(cols[c].at("label").get_string()));
  }
  const json::array& rows = ref.at("rows").get_array();
  ASSERT_EQ(t.rows.size(), rows.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    const json::object& rr = rows[r].get_object();
    const core::RowDef& row = t.rows[r];
    auto opt = [&](const char* key) {
      const json::value* v = rr.if_contains(key);
      return v == nullptr || v->is_null() ? std::string_view() : Sv(v->get_string());
    };
    EXPECT_EQ(row.id, opt("id"));
    EXPECT_EQ(row.label, opt("label")) << row.id;
    EXPECT_EQ(row.unit, opt("unit")) << row.id;
    EXPECT_EQ(row.unit_source, opt("unit_source")) << row.id;
    EXPECT_EQ(row.parent, opt("parent")) << row.id;
    EXPECT_EQ(row.data, rr.at("data").as_bool()) << row.id;
    EXPECT_EQ(row.label_seed, opt("label_seed")) << row.id;
    EXPECT_EQ(row.label_variant, opt("label_variant_unverified")) << row.id;
  }
  ExpectRulesMatch(ref.at("rules").get_array(), f, "legacy");
}

// Every rule that is not in the reference is marked as ours.
TEST(ReportFormatJsonTest, OnlyDerivedRulesAreOurOwn) {
  std::set<std::string> ref_ids;
  const json::value& ref = Reference();
  for (const char* table : {"table2", "table3", "table4"}) {
    for (const json::value& r : ref.at("format_2021").at(table).at("rules").get_array()) {
      ref_ids.insert(Str(r.at("id")));
    }
  }
  for (const json::value& r : ref.at("legacy_2008").at("rules").get_array()) {
    ref_ids.insert(Str(r.at("id")));
  }
  for (ReportFormat format : core::AllReportFormats()) {
    for (const core::RuleDef& r : core::GetReportFormat(format).rules) {
      if (!ref_ids.count(std::string(r.id))) {
        EXPECT_EQ(r.status, "derived") << r.id;
      }
    }
  }
}

}  // namespace
}  // namespace gongkai::check
