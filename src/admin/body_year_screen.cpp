// A body's figures for one year, which the annual report counts: the disclosure office's
// staff and funding (core::SetOrgYearFacts), its meetings and trainings (core::AddMeeting,
// core::DeleteMeeting) and the administrative statistics other systems own
// (core::SetAdminStats). Reading needs kRead, changing kOrgDataEdit. Money is entered in
// integer yuan, as stored; the report publishes it in 万元, which the page shows beside it.
#include <charconv>
#include <optional>

#include "admin/body_screen.hpp"
#include "core/body_data_service.hpp"
#include "core/proactive_stats.hpp"
#include "core/report_values.hpp"

namespace gongkai::admin {
namespace {

const std::vector<std::string> kFactsFields = {"dedicated_bodies", "staff_full_time",
                                               "staff_part_time", "funding_yuan"};
const std::vector<std::string> kMeetingFields = {"category", "kind", "title", "held_on",
                                                 "attendees"};
const std::vector<std::string> kStatsFields = {"licensing", "punishment", "coercion", "fees"};

constexpr int64_t kMaxCount = 1000000;                // persons, bodies
constexpr int64_t kMaxDecisions = 1000000000;         // decisions in a year
constexpr int64_t kMaxYuan = int64_t{1000000000000};  // 一万亿元

const char* CategoryLabel(core::MeetingCategory c) {
  return c == core::MeetingCategory::kTraining ? "培训" : "会议";
}

// A non-negative integer typed in `field` (at most `max`); records the error otherwise.
std::optional<int64_t> FormCount(const Ctx& ctx, FormState& form, const std::string& field,
                                 int64_t max) {
  std::string text = ctx.Field(field);
  size_t b = text.find_first_not_of(' '), e = text.find_last_not_of(' ');
  text = b == std::string::npos ? "" : text.substr(b, e - b + 1);
  if (text.empty()) {
    form.Error(field, "请填写数字（没有请填 0）。");
    return std::nullopt;
  }
  if (text[0] == '-') {
    form.Error(field, "不能为负数。");
    return std::nullopt;
  }
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec == std::errc::result_out_of_range || (ec == std::errc() && v > max)) {
    form.Error(field, "数值过大。");
    return std::nullopt;
  }
  if (ec != std::errc() || end != text.data() + text.size()) {
    form.Error(field, "请填写不小于 0 的整数。");
    return std::nullopt;
  }
  return v;
}

// The forms of the page; one set after a failed post keeps what was typed there.
struct YearForms {
  std::optional<FormState> facts, meeting, stats;
};

struct YearData {
  std::optional<core::OrgYearFacts> facts;
  std::optional<core::AdminStats> stats;
  std::vector<core::Meeting> meetings;
};

YearData Load(Office& o, core::Id org_id, int year) {
  YearData d;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(d.facts, repos.orgs().GetYearFacts(org_id, year));
    GONGKAI_ASSIGN_OR_RETURN(d.stats, repos.orgs().GetAdminStats(org_id, year));
    GONGKAI_ASSIGN_OR_RETURN(d.meetings, repos.orgs().ListMeetings(org_id, year));
    return core::Status::Ok();
  });
  return d;
}

std::string Wan(int64_t yuan) { return core::FormatTenThousandYuan(yuan); }

web::HttpResponse Render(Office& o, Ctx& ctx, const core::Org& org, int year, YearForms forms,
                         int status) {
  YearData d = Load(o, org.id, year);
  bool editable = ctx.Can(core::Action::kOrgDataEdit, org.id).ok();
  web::View v;
  v.Set("name", org.name);
  v.Set("code", org.code);
  v.Set("year", std::to_string(year));
  v.Set("base", "/admin/bodies/" + org.code + "/year/" + std::to_string(year));
  v.Set("editable", web::View::Bool(editable));
  v.Set("years", BodyYearLinks(ctx, org));

  core::OrgYearFacts f = d.facts.value_or(core::OrgYearFacts{});
  v.Set("facts_recorded", web::View::Bool(d.facts.has_value()));
  v.Set("dedicated_bodies", std::to_string(f.dedicated_bodies));
  v.Set("staff_full_time", std::to_string(f.staff_full_time));
  v.Set("staff_part_time", std::to_string(f.staff_part_time));
  v.Set("staff_total", std::to_string(f.staff_full_time + f.staff_part_time));
  v.Set("funding_yuan", std::to_string(f.funding_yuan));
  v.Set("funding_wan", Wan(f.funding_yuan));
  if (!forms.facts) {
    web::FormFields fields;
    if (d.facts) {
      fields = {{"dedicated_bodies", std::to_string(f.dedicated_bodies)},
                {"staff_full_time", std::to_string(f.staff_full_time)},
                {"staff_part_time", std::to_string(f.staff_part_time)},
                {"funding_yuan", std::to_string(f.funding_yuan)}};
    }
    forms.facts = FormState(fields);
  }
  v.Set("facts_form", forms.facts->ToView());

  core::AdminStats s = d.stats.value_or(core::AdminStats{});
  v.Set("stats_recorded", web::View::Bool(d.stats.has_value()));
  v.Set("licensing", std::to_string(s.licensing_decisions));
  v.Set("punishment", std::to_string(s.punishment_decisions));
  v.Set("coercion", std::to_string(s.coercion_decisions));
  v.Set("fees_yuan", std::to_string(s.fees_yuan));
  v.Set("fees_wan", Wan(s.fees_yuan));
  if (!forms.stats) {
    web::FormFields fields;
    if (d.stats) {
      fields = {{"licensing", std::to_string(s.licensing_decisions)},
                {"punishment", std::to_string(s.punishment_decisions)},
                {"coercion", std::to_string(s.coercion_decisions)},
                {"fees", std::to_string(s.fees_yuan)}};
    }
    forms.stats = FormState(fields);
  }
  v.Set("stats_form", forms.stats->ToView());

  web::View rows = web::View::List();
  int64_t meetings = 0, trainings = 0, trainees = 0;
  for (const auto& m : d.meetings) {
    web::View r;
    r.Set("id", std::to_string(m.id));
    r.Set("category", CategoryLabel(m.category));
    r.Set("kind", m.kind);
    r.Set("title", m.title);
    r.Set("held_on", m.held_on.ToIso());
    r.Set("attendees", std::to_string(m.attendees));
    rows.Push(r);
    if (m.category == core::MeetingCategory::kTraining) {
      ++trainings;
      trainees += m.attendees;
    } else {
      ++meetings;
    }
  }
  v.Set("meetings", rows);
  v.Set("meeting_count", std::to_string(meetings));
  v.Set("training_count", std::to_string(trainings));
  v.Set("trainees", std::to_string(trainees));
  if (!forms.meeting) {
    core::Date today = ctx.Today();
    forms.meeting = FormState(
        {{"category", "meeting"}, {"held_on", today.year() == year ? today.ToIso() : ""}});
  }
  web::View mf = forms.meeting->ToView();
  mf.Set("categories", Options({{"meeting", "会议"}, {"training", "培训"}},
                               web::FormValue(ctx.form, "category").empty()
                                   ? "meeting"
                                   : web::FormValue(ctx.form, "category")));
  v.Set("meeting_form", mf);
  return o.Page(&ctx, "body_year", v, org.name + " " + std::to_string(year) + " 年度数据", status);
}

// Runs a change; on success goes back to the page (at `anchor`), on refused input re-renders
// with `form` showing the error next to its field.
web::HttpResponse Apply(Office& o, Ctx& ctx, const core::Org& org, int year, FormState form,
                        std::optional<FormState> YearForms::*slot,
                        const std::vector<std::string>& fields, const std::string& anchor,
                        const std::function<core::Status(core::Repositories&)>& work) {
  if (form.ok()) {
    core::Status s = o.TryTransact(work);
    if (s.ok()) {
      return Redirect("/admin/bodies/" + org.code + "/year/" + std::to_string(year) + "#" + anchor);
    }
    if (s.code() != core::ErrorCode::kInvalidArgument) Fail(s);
    form.Error(s, fields);
  }
  YearForms forms;
  forms.*slot = std::move(form);
  return Render(o, ctx, org, year, std::move(forms), 422);
}

web::HttpResponse SaveFacts(Office& o, Ctx& ctx, const core::Org& org, int year) {
  FormState form(ctx.form);
  core::OrgYearFacts f{org.id, year, 0, 0, 0, 0};
  auto bodies = FormCount(ctx, form, "dedicated_bodies", kMaxCount);
  auto full = FormCount(ctx, form, "staff_full_time", kMaxCount);
  auto part = FormCount(ctx, form, "staff_part_time", kMaxCount);
  auto funding = FormCount(ctx, form, "funding_yuan", kMaxYuan);
  if (form.ok()) {
    f.dedicated_bodies = static_cast<int>(*bodies);
    f.staff_full_time = static_cast<int>(*full);
    f.staff_part_time = static_cast<int>(*part);
    f.funding_yuan = *funding;
  }
  return Apply(o, ctx, org, year, std::move(form), &YearForms::facts, kFactsFields, "facts",
               [&](core::Repositories& r) { return core::SetOrgYearFacts(r, ctx.Change(), f); });
}

web::HttpResponse SaveStats(Office& o, Ctx& ctx, const core::Org& org, int year) {
  FormState form(ctx.form);
  core::AdminStats s{org.id, year, 0, 0, 0, 0};
  auto lic = FormCount(ctx, form, "licensing", kMaxDecisions);
  auto pun = FormCount(ctx, form, "punishment", kMaxDecisions);
  auto coe = FormCount(ctx, form, "coercion", kMaxDecisions);
  auto fees = FormCount(ctx, form, "fees", kMaxYuan);
  if (form.ok()) s = {org.id, year, *lic, *pun, *coe, *fees};
  return Apply(o, ctx, org, year, std::move(form), &YearForms::stats, kStatsFields, "stats",
               [&](core::Repositories& r) { return core::SetAdminStats(r, ctx.Change(), s); });
}

web::HttpResponse NewMeeting(Office& o, Ctx& ctx, const core::Org& org, int year) {
  FormState form(ctx.form);
  core::Meeting m;
  m.org_id = org.id;
  auto category = core::ParseMeetingCategory(ctx.Field("category"));
  if (!category.ok()) {
    form.Error("category", "请选择会议或培训。");
  } else {
    m.category = *category;
  }
  m.kind = ctx.Field("kind");
  m.title = ctx.Field("title");
  auto held = FormDate(ctx, form, "held_on", true);
  if (held) m.held_on = *held;
  auto attendees = FormCount(ctx, form, "attendees", core::kMaxAttendees);
  if (attendees) m.attendees = static_cast<int>(*attendees);
  return Apply(
      o, ctx, org, year, std::move(form), &YearForms::meeting, kMeetingFields, "meetings",
      [&](core::Repositories& r) { return core::AddMeeting(r, ctx.Change(), year, m).status(); });
}

web::HttpResponse RemoveMeeting(Office& o, Ctx& ctx, const core::Org& org, int year, core::Id id) {
  o.Transact([&](core::Repositories& r) {
    return core::DeleteMeeting(r, ctx.Change(), org.id, year, id);
  });
  return Redirect("/admin/bodies/" + org.code + "/year/" + std::to_string(year) + "#meetings");
}

}  // namespace

web::HttpResponse BodyYearScreen(Office& o, Ctx& ctx, const core::Org& org,
                                 const std::vector<std::string>& parts) {
  // parts: bodies, {code}, year, {year}[, facts | stats | meetings[, {id}, delete]]
  const std::string& y = parts[3];
  if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos || y < "2000") {
    throw HttpError{404, "页面不存在。"};
  }
  int year = std::stoi(y);
  if (parts.size() == 4) {
    if (ctx.post()) throw HttpError{405, "请使用页面上的表单。"};
    return Render(o, ctx, org, year, {}, 200);
  }
  if (!ctx.post()) throw HttpError{405, "请使用页面上的表单。"};
  ctx.Require(core::Action::kOrgDataEdit, org.id);
  const std::string& what = parts[4];
  if (parts.size() == 5 && what == "facts") return SaveFacts(o, ctx, org, year);
  if (parts.size() == 5 && what == "stats") return SaveStats(o, ctx, org, year);
  if (parts.size() == 5 && what == "meetings") return NewMeeting(o, ctx, org, year);
  if (parts.size() == 7 && what == "meetings" && parts[6] == "delete") {
    return RemoveMeeting(o, ctx, org, year, PathId(parts[5]));
  }
  throw HttpError{404, "页面不存在。"};
}

}  // namespace gongkai::admin
