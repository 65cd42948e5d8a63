#include "core/report_snapshot.hpp"

#include "core/json_writer.hpp"
#include "core/store.hpp"

namespace gongkai::core {

Date ReportDeadline(OrgKind kind, int report_year) {
  bool government = kind == OrgKind::kGovernment || kind == OrgKind::kTownship;
  return Date::FromYmd(report_year + 1, government ? 3 : 1, 31);
}

Status SaveReportNarrative(Repositories& repos, const ChangeContext& ctx,
                           ReportNarrative narrative) {
  if (narrative.section != 1 && narrative.section != 5 && narrative.section != 6) {
    return InvalidArgument("可编辑的部分只有一、五、六", "section");
  }
  if (narrative.text.size() > 20000) return InvalidArgument("正文不超过 20000 字节", "text");
  narrative.updated_at = ctx.at;
  narrative.updated_by = ctx.actor;
  GONGKAI_RETURN_IF_ERROR(repos.reports().PutNarrative(narrative));
  return RecordChange(
      repos.audit(), ctx, "report.narrative", "report_narrative",
      std::to_string(narrative.org_id) + "/" + std::to_string(narrative.year) + "/" +
          std::to_string(narrative.section),
      "",
      JsonObjectWriter().Add("section", narrative.section).Add("text", narrative.text).Finish());
}

Result<ReportSnapshot> PublishReportSnapshot(Repositories& repos, const ChangeContext& ctx,
                                             ReportSnapshot snapshot) {
  GONGKAI_ASSIGN_OR_RETURN(auto earlier, repos.reports().ListSnapshots(
                                             snapshot.org_id, snapshot.year, snapshot.subtree));
  snapshot.version = earlier.empty() ? 1 : earlier.back().version + 1;
  if (snapshot.version > 1 && snapshot.change_note.empty()) {
    return InvalidArgument("已发布过本年报：更正须填写更正说明", "note");
  }
  snapshot.published_at = ctx.at;
  snapshot.published_by = ctx.actor;
  GONGKAI_ASSIGN_OR_RETURN(snapshot.id, repos.reports().InsertSnapshot(snapshot));
  GONGKAI_RETURN_IF_ERROR(RecordChange(repos.audit(), ctx, "report.publish", "report_snapshot",
                                       std::to_string(snapshot.id), "",
                                       JsonObjectWriter()
                                           .Add("org_id", int64_t{snapshot.org_id})
                                           .Add("year", snapshot.year)
                                           .Add("subtree", snapshot.subtree)
                                           .Add("version", snapshot.version)
                                           .Add("format", snapshot.format)
                                           .Add("change_note", snapshot.change_note)
                                           .Finish()));
  return snapshot;
}

}  // namespace gongkai::core
