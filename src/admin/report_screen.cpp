// 年度报告 in the back office: the report computed from the records for a body and year (the
// report engine's own HTML embedded as the preview), its validation (the checker's rules and
// text-versus-table comparisons, missing staff-written sections), the staff-written sections
// and the publication of frozen versions — through report/document and core/report_snapshot,
// as `gongkai report` does, so that screen, CLI, API and portal cannot disagree.
#include "admin/office.hpp"
#include "check/checker.hpp"
#include "core/calendar_service.hpp"
#include "core/report_snapshot.hpp"
#include "report/document.hpp"
#include "report/narrative.hpp"
#include "report/render_html.hpp"
#include "report/render_json.hpp"
#include "text/normalize.hpp"

namespace gongkai::admin {
namespace {

// The staff-written sections core::SaveReportNarrative accepts.
constexpr int kSections[] = {1, 5, 6};

std::string SectionField(int section) { return "section_" + std::to_string(section); }

// The heading a staff-written section is shown under (as report::ComposeReport places it).
std::string SectionLabel(core::ReportFormat format, int section) {
  std::vector<std::string> h = report::SectionHeadings(format);
  bool legacy = format == core::ReportFormat::kLegacy2008;
  if (section == 1) return h[0] + "（补充，接在自动生成的段落之后）";
  if (section == 5) return legacy ? h[6] : h[4];
  return legacy ? std::string("其他需要报告的事项") : h[5] + "（收费情况自动生成）";
}

report::ReportRequest RequestOf(const ReportScope& s, const core::ReportRules& rules) {
  report::ReportRequest r;
  r.rules = rules;
  r.org_code = s.org->code;
  r.year = s.year;  // scope: the default (the root rolls up its tree), as the portal shows it
  return r;
}

std::string PublicUrl(const ReportScope& s) {
  return "/org/" + web::UrlEncode(s.org->code) + "/report/" + std::to_string(s.year);
}

// Everything the page shows, loaded in one transaction.
struct Loaded {
  std::optional<report::ReportDocument> doc;
  std::string compose_error;  // why the report could not be built (a stored placeholder…)
  std::vector<core::ReportNarrative> narratives;
  std::vector<core::ReportSnapshot> versions;
  std::vector<check::Finding> findings;
  std::vector<std::string> notes;
  std::string preview;  // the engine's HTML, the inside of its <main>
};

// The inside of the report document's <main class="report">: the engine escapes every value
// it writes (report/render_html.hpp), and its stylesheet stays out of the admin page.
std::string ReportBody(const std::string& html) {
  const std::string open = "<main class=\"report\">";
  size_t begin = html.find(open);
  size_t end = html.rfind("</main>");
  if (begin == std::string::npos || end == std::string::npos || end < begin) return "";
  begin += open.size();
  return html.substr(begin, end - begin);
}

core::Result<Loaded> Load(core::Repositories& repos, const ReportScope& s,
                          const core::ReportRules& rules) {
  Loaded l;
  GONGKAI_ASSIGN_OR_RETURN(l.versions, repos.reports().ListSnapshots(s.org->id, s.year, s.subtree));
  GONGKAI_ASSIGN_OR_RETURN(l.narratives, repos.reports().ListNarratives(s.org->id, s.year));
  GONGKAI_ASSIGN_OR_RETURN(core::Calendar calendar, core::LoadCalendar(repos));
  auto doc = report::ComposeReport(repos, calendar, RequestOf(s, rules));
  if (!doc.ok()) {
    if (doc.status().code() != core::ErrorCode::kInvalidArgument) return doc.status();
    l.compose_error = doc.status().message();
    return l;
  }
  l.doc = std::move(*doc);
  l.preview = ReportBody(report::RenderHtml(l.doc->report, l.doc->render));
  // The checker reads the report as published (cells and text): identities and the numbers
  // the narrative states against the tables.
  auto checked =
      check::CheckReportBytes(report::RenderJson(l.doc->report, l.doc->text), "report.json");
  if (checked.ok()) {
    l.findings = std::move(checked->findings);
    l.notes = std::move(checked->notes);
  } else {
    l.notes.push_back("无法校验：" + checked.status().message());
  }
  // The engine's own warnings: 逾期 answers (by tracking number) and cross-year identities.
  l.findings.insert(l.findings.end(), l.doc->report.warnings.begin(), l.doc->report.warnings.end());
  return l;
}

Loaded LoadOrFail(Office& o, const ReportScope& s) {
  Loaded l;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(l, Load(repos, s, o.options.rules));
    return core::Status::Ok();
  });
  return l;
}

struct ShowOptions {
  int status = 200;
  bool draft = false;  // the preview holds unsaved text
};

// The page. `posted` is the submitted form (kept on errors and previews); nullptr shows the
// stored text.
web::HttpResponse Show(Office& o, Ctx& ctx, const ReportScope& s, const Loaded& l,
                       const FormState* posted, ShowOptions opt = {}) {
  core::ReportFormat format = l.doc ? l.doc->report.format : core::DefaultReportFormat(s.year);
  FormState stored;
  if (!posted) {
    web::FormFields fields;
    for (const auto& n : l.narratives) fields.emplace(SectionField(n.section), n.text);
    stored = FormState(fields);
  }
  web::View v = (posted ? *posted : stored).ToView();
  v.Set("org_options", OrgOptions(ctx, ctx.Orgs(core::Action::kRead), s.org->code));
  v.Set("org_code", s.org->code);
  v.Set("org_q", web::UrlEncode(s.org->code));
  v.Set("year", std::to_string(s.year));
  v.Set("public_url", PublicUrl(s));
  core::Date deadline = core::ReportDeadline(s.org->kind, s.year);
  v.Set("deadline", deadline.ToIso());
  // 第四十九条: a report not published by its deadline is flagged (first version's date in
  // Asia/Shanghai, as the day it went public).
  if (l.versions.empty()) {
    if (ctx.Today() > deadline) v.Set("deadline_missed", "已过法定发布期限，尚未发布。");
  } else if (auto at = ParseIsoUtc(l.versions.front().published_at)) {
    if (core::Date first = ShanghaiDate(*at); first > deadline) {
      v.Set("deadline_missed", "首次发布（" + first.ToIso() + "）晚于法定发布期限。");
    }
  }
  if (l.doc) v.Set("scope_line", report::ReportScopeLine(l.doc->report));
  for (int section : kSections) {
    v.Set("label_" + std::to_string(section), SectionLabel(format, section));
  }

  web::View findings = web::View::List();
  if (!l.compose_error.empty()) v.Set("compose_error", l.compose_error);
  for (const auto& f : l.findings) {
    web::View row;
    bool error = f.severity == core::Severity::kError;
    row.Set("level", error ? "错误" : "提示");
    row.Set("level_class", error ? "error" : "warning");
    row.Set("message", f.message_zh);
    row.Set("rule", f.rule);
    findings.Push(row);
  }
  for (const auto& n : l.notes) {
    web::View row;
    row.Set("level", "说明");
    row.Set("level_class", "note");
    row.Set("message", n);
    findings.Push(row);
  }
  // The sections the engine cannot draft: only the body can write them.
  int missing = 0;
  for (int section : {5, 6}) {
    bool written = false;
    for (const auto& n : l.narratives) written |= n.section == section && !n.text.empty();
    if (written) continue;
    web::View row;
    row.Set("level", "缺少正文");
    row.Set("level_class", "warning");
    row.Set("message", SectionLabel(format, section) + "：尚无本机关撰写的内容。");
    findings.Push(row);
    ++missing;
  }
  v.Set("findings", findings);
  v.Set("has_findings", web::View::Bool(!l.findings.empty() || !l.notes.empty() || missing > 0));

  web::View versions = web::View::List();
  for (const auto& snap : l.versions) {
    web::View row;
    row.Set("version", std::to_string(snap.version));
    row.Set("published_at", snap.published_at);
    row.Set("published_by", snap.published_by);
    auto f = core::ParseReportFormatId(snap.format);
    row.Set("format", f ? std::string(core::ReportFormatName(*f)) : snap.format);
    row.Set("change_note", snap.change_note);
    row.Set("href", PublicUrl(s) + "/v" + std::to_string(snap.version));
    versions.Push(row);
  }
  v.Set("versions", versions);
  v.Set("has_versions", web::View::Bool(!l.versions.empty()));
  v.Set("can_edit", web::View::Bool(ctx.Can(core::Action::kReportEdit, s.org->id).ok()));
  v.Set("can_publish", web::View::Bool(ctx.Can(core::Action::kReportPublish, s.org->id).ok() &&
                                       l.doc.has_value()));
  v.Set("next_version", std::to_string(l.versions.empty() ? 1 : l.versions.back().version + 1));
  v.Set("correction", web::View::Bool(!l.versions.empty()));
  if (!l.preview.empty()) v.Set("preview_html", l.preview);
  v.Set("draft", web::View::Bool(opt.draft));
  v.Set("saved", web::View::Bool(!ctx.post() && ctx.req.Param("saved") == "1"));
  if (std::string p = ctx.req.Param("published");
      !ctx.post() && !p.empty() && p.find_first_not_of("0123456789") == std::string::npos) {
    v.Set("published_version", p);
  }
  return o.Page(&ctx, "report_year", v, std::to_string(s.year) + " 年度报告", opt.status);
}

std::string Back(const ReportScope& s, const std::string& extra) {
  return "/admin/reports?org=" + web::UrlEncode(s.org->code) + "&year=" + std::to_string(s.year) +
         extra;
}

web::HttpResponse Overview(Office& o, Ctx& ctx) {
  ReportScope s = ReadReportScope(ctx);
  return Show(o, ctx, s, LoadOrFail(o, s), nullptr);
}

// Saves sections 一 (supplement), 五 and 六 — or, with op=preview, shows the report with
// them without saving (the same code path, rolled back).
web::HttpResponse SaveNarrative(Office& o, Ctx& ctx) {
  if (!ctx.post()) throw HttpError{405, "请使用页面上的表单。"};
  ReportScope s = ReadReportScope(ctx);
  ctx.Require(core::Action::kReportEdit, s.org->id);
  FormState form(ctx.form);
  std::map<int, std::string> texts;  // the sections the form holds; others stay as they are
  for (int section : kSections) {
    if (!ctx.form.contains(SectionField(section))) continue;
    auto text = text::NormalizeInput(ctx.Field(SectionField(section)));
    if (!text.ok()) {
      form.Error(SectionField(section), text.status().message());
    } else if (text->size() > 20000) {
      form.Error(SectionField(section), "正文不超过 20000 字节。");
    } else {
      texts[section] = *text;
    }
  }
  if (!form.ok()) return Show(o, ctx, s, LoadOrFail(o, s), &form, {422});
  const bool preview = ctx.Field("op") == "preview";
  std::string bad_field;
  std::optional<Loaded> draft;
  core::Status st = o.TryTransact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto stored, repos.reports().ListNarratives(s.org->id, s.year));
    for (const auto& [section, text] : texts) {
      std::string before;
      for (const auto& n : stored) {
        if (n.section == section) before = n.text;
      }
      if (before == text) continue;  // unchanged: no audit event
      core::ReportNarrative n;
      n.org_id = s.org->id;
      n.year = s.year;
      n.section = section;
      n.text = text;
      core::Status saved = core::SaveReportNarrative(repos, ctx.Change(), n);
      if (!saved.ok()) {
        bad_field = SectionField(section);
        return saved;
      }
    }
    // Placeholders must name cells of the year's format: checked now, not at publication.
    GONGKAI_ASSIGN_OR_RETURN(core::Calendar calendar, core::LoadCalendar(repos));
    GONGKAI_ASSIGN_OR_RETURN(report::Report r,
                             report::BuildReport(repos, calendar, RequestOf(s, o.options.rules)));
    for (const auto& [section, text] : texts) {
      auto filled = report::FillPlaceholders(text, r);
      if (!filled.ok()) {
        bad_field = SectionField(section);
        return filled.status();
      }
    }
    if (!preview) return core::Status::Ok();
    GONGKAI_ASSIGN_OR_RETURN(draft, Load(repos, s, o.options.rules));
    // A preview saves nothing: failing the transaction rolls the sections back.
    return core::FailedPrecondition("preview");
  });
  if (draft) return Show(o, ctx, s, *draft, &form, {200, true});
  if (st.code() == core::ErrorCode::kInvalidArgument) {
    if (bad_field.empty()) {
      form.Error(st, {});
    } else {
      form.Error(bad_field, st.message());
    }
    return Show(o, ctx, s, LoadOrFail(o, s), &form, {422});
  }
  if (!st.ok()) Fail(st);
  return Redirect(Back(s, "&saved=1"));
}

// Publishes the report as computed now as the next frozen version; a correction (version 2
// on) needs a note saying what changed.
web::HttpResponse Publish(Office& o, Ctx& ctx) {
  if (!ctx.post()) throw HttpError{405, "请使用页面上的表单。"};
  ReportScope s = ReadReportScope(ctx);
  ctx.Require(core::Action::kReportPublish, s.org->id);
  FormState form(ctx.form);
  auto note = text::NormalizeInput(ctx.Field("note"));
  if (!note.ok()) {
    form.Error("note", note.status().message());
    return Show(o, ctx, s, LoadOrFail(o, s), &form, {422});
  }
  core::ReportSnapshot published;
  core::Status st = o.TryTransact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Calendar calendar, core::LoadCalendar(repos));
    GONGKAI_ASSIGN_OR_RETURN(auto doc,
                             report::ComposeReport(repos, calendar, RequestOf(s, o.options.rules)));
    GONGKAI_ASSIGN_OR_RETURN(published, core::PublishReportSnapshot(
                                            repos, ctx.Change(), report::SnapshotOf(doc, *note)));
    return core::Status::Ok();
  });
  if (st.code() == core::ErrorCode::kInvalidArgument) {
    form.Error(st, {"note"});
    return Show(o, ctx, s, LoadOrFail(o, s), &form, {422});
  }
  if (!st.ok()) Fail(st);
  return Redirect(Back(s, "&published=" + std::to_string(published.version)));
}

}  // namespace

ReportScope ReadReportScope(const Ctx& ctx) {
  std::vector<core::Id> readable = ctx.Orgs(core::Action::kRead);
  if (readable.empty()) throw HttpError{403, "无权查看年度报告。"};
  std::string code = ctx.post() ? ctx.Field("org") : ctx.req.Param("org");
  std::string y = ctx.post() ? ctx.Field("year") : ctx.req.Param("year");
  const core::Org* org =
      code.empty() ? ctx.tree->Find(readable.front()) : ctx.tree->FindByCode(code);
  if (!org) throw HttpError{404, "机构不存在。"};
  ctx.Require(core::Action::kRead, org->id);
  // The report most often worked on is last year's (due by 31 January or 31 March).
  int year = ctx.Today().year() - 1;
  if (!y.empty()) {
    if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos) {
      throw HttpError{400, "年份有误。"};
    }
    year = std::stoi(y);
  }
  if (year < 2000) throw HttpError{400, "年份有误。"};
  return {org, year, !org->parent_id.has_value()};
}

web::HttpResponse ReportsScreen(Office& o, Ctx& ctx, const std::vector<std::string>& parts) {
  if (parts.size() == 1) {
    if (ctx.post()) throw HttpError{405, "请使用页面上的表单。"};
    return Overview(o, ctx);
  }
  if (parts.size() == 2 && parts[1] == "narrative") return SaveNarrative(o, ctx);
  if (parts.size() == 2 && parts[1] == "publish") return Publish(o, ctx);
  throw HttpError{404, "页面不存在。"};
}

}  // namespace gongkai::admin
