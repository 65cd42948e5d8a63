// Published annual reports and their staff-written text.
#pragma once

#include <string>
#include <vector>

#include "core/audit.hpp"
#include "core/org.hpp"

namespace gongkai::core {

class Repositories;

// Staff-written text of section 一 (总体情况, in addition to the drafted paragraph), 五
// (存在的主要问题及改进情况) or 六 (其他需要报告的事项). May hold {{table.row.column}}
// placeholders, filled from the tables when the report is built.
struct ReportNarrative {
  Id org_id = 0;
  int year = 0;
  int section = 5;  // 1, 5 or 6
  std::string text;
  std::string updated_at;
  std::string updated_by;
  friend bool operator==(const ReportNarrative&, const ReportNarrative&) = default;
};

// A published version of a report, frozen: its JSON and HTML as published.
struct ReportSnapshot {
  Id id = 0;
  Id org_id = 0;
  int year = 0;
  bool subtree = false;
  int version = 0;     // 1 for the first publication, then 2, 3… for corrections
  std::string format;  // core::ReportFormatId
  std::string published_at;
  std::string published_by;
  std::string change_note;  // required from version 2 on
  std::string json;
  std::string html;
  friend bool operator==(const ReportSnapshot&, const ReportSnapshot&) = default;
};

// The statutory date by which the report for `report_year` must be published (条例第四十九条):
// 县级以上人民政府部门 (and the public institutions reported with them) by 31 January of the
// next year; governments, whose report their 主管部门 publishes, by 31 March.
Date ReportDeadline(OrgKind kind, int report_year);

// Stores `text` as section `section` (1, 5 or 6) of the org's report for `year`, replacing
// what was there. kInvalidArgument for another section or text over 20,000 bytes.
Status SaveReportNarrative(Repositories& repos, const ChangeContext& ctx,
                           ReportNarrative narrative);

// Publishes `snapshot` as the next version of the org's report for its year and scope and
// returns it with id and version set. A correction (version 2 on) needs a change note
// (kInvalidArgument, field "note"). One audit event.
Result<ReportSnapshot> PublishReportSnapshot(Repositories& repos, const ChangeContext& ctx,
                                             ReportSnapshot snapshot);

}  // namespace gongkai::core
