// 举报投诉 of a body and year: the list with counts by channel, recording one and recording
// the reply to one not yet answered — through core/case_service. As with consultations, the
// sealed contact from the portal's form is never shown.
#include <algorithm>

#include "admin/cases_screen_list.hpp"
#include "admin/office.hpp"
#include "core/case_service.hpp"

namespace gongkai::admin {
namespace {

constexpr core::ComplaintChannel kChannels[] = {core::ComplaintChannel::kMayorMailbox,
                                                core::ComplaintChannel::kHotline12345,
                                                core::ComplaintChannel::kOther};

const std::vector<std::string> kFields = {"org", "channel", "received_on", "subject", "replied_on"};

web::View ChannelOptions(const std::string& selected) {
  std::vector<std::pair<std::string, std::string>> v;
  for (auto c : kChannels) {
    v.emplace_back(core::ComplaintChannelCode(c), core::ComplaintChannelLabel(c));
  }
  return Options(v, selected);
}

std::string ListUrl(const std::string& org_code, int year) {
  return "/admin/complaints?org=" + org_code + "&year=" + std::to_string(year);
}

// A refused reply: the complaint it was for, the date typed and the message.
struct RowError {
  core::Id id = 0;
  std::string replied_on;
  std::string message;
};

web::HttpResponse Render(Office& o, Ctx& ctx, const OrgYear& scope, const RowError& failed,
                         int status) {
  std::vector<core::Complaint> rows;
  core::CaseCounts counts;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(rows, repos.cases().ListComplaints(scope.org->id, scope.year));
    GONGKAI_ASSIGN_OR_RETURN(counts, core::CountCases(repos, scope.org->id, scope.year));
    return core::Status::Ok();
  });
  bool can_record = ctx.Can(core::Action::kCaseRecord, scope.org->id).ok();
  // Newest first, the unanswered ones before all others: they are the work to do.
  std::reverse(rows.begin(), rows.end());
  std::stable_partition(rows.begin(), rows.end(), [](const auto& c) { return !c.replied_on; });
  web::View list = web::View::List();
  for (auto it = rows.begin(); it != rows.end(); ++it) {
    web::View r;
    r.Set("open", web::View::Bool(!it->replied_on));
    r.Set("id", std::to_string(it->id));
    r.Set("channel", core::ComplaintChannelLabel(it->channel));
    r.Set("received_on", it->received_on.ToIso());
    r.Set("subject", it->subject);
    r.Set("replied_on", it->replied_on ? it->replied_on->ToIso() : "未答复");
    r.Set("can_reply", web::View::Bool(can_record && !it->replied_on));
    bool mine = failed.id == it->id;
    r.Set("reply_value", mine ? failed.replied_on : "");
    if (mine) r.Set("row_err", failed.message);
    list.Push(r);
  }
  std::vector<std::pair<std::string, int64_t>> by_channel;
  for (auto c : kChannels) {
    by_channel.emplace_back(core::ComplaintChannelLabel(c), counts.complaints[c]);
  }
  web::View v = CaseListView(ctx, scope, list, by_channel, counts.complaints_total, can_record);
  v.Set("today", ctx.Today().ToIso());
  return o.Page(&ctx, "complaints", v, "举报投诉", status);
}

web::HttpResponse List(Office& o, Ctx& ctx) {
  return Render(o, ctx, ListOrgYear(ctx, core::Action::kRead), RowError{}, 200);
}

web::HttpResponse Create(Office& o, Ctx& ctx) {
  std::vector<core::Id> orgs = ctx.Orgs(core::Action::kCaseRecord);
  if (orgs.empty()) throw HttpError{403, "无权登记举报投诉。"};
  FormState form(ctx.form);
  auto render = [&](int status) {
    web::View v = form.ToView();
    v.Set("org_options", OrgOptions(ctx, orgs, ctx.Field("org")));
    v.Set("channel_options", ChannelOptions(ctx.Field("channel")));
    v.Set("today", ctx.Today().ToIso());
    return o.Page(&ctx, "complaints_new", v, "登记举报投诉", status);
  };
  if (!ctx.post()) return render(200);
  core::Complaint c;
  const core::Org* org = ctx.tree->FindByCode(ctx.Field("org"));
  if (!org) {
    form.Error("org", "请选择机关。");
  } else {
    ctx.Require(core::Action::kCaseRecord, org->id);
  }
  auto channel = core::ParseComplaintChannel(ctx.Field("channel"));
  if (!channel.ok()) form.Error("channel", "请选择来源。");
  auto received = FormDate(ctx, form, "received_on", true);
  c.replied_on = FormDate(ctx, form, "replied_on", false);
  c.subject = ctx.Field("subject");
  if (c.subject.empty()) form.Error("subject", "请填写事由。");
  if (!form.ok()) return render(422);
  c.channel = *channel;
  c.received_on = *received;
  core::Status s = o.TryTransact([&](core::Repositories& repos) -> core::Status {
    return core::AddComplaint(repos, ctx.Change(), ctx.Today(), org->code, c).status();
  });
  if (s.code() == core::ErrorCode::kInvalidArgument) {
    // The core names the receipt date "date" (as the portal's form does).
    if (s.field() == "date") {
      form.Error("received_on", s.message());
    } else {
      form.Error(s, kFields);
    }
    return render(422);
  }
  if (!s.ok()) Fail(s);
  return Redirect(ListUrl(org->code, c.received_on.year()));
}

web::HttpResponse Reply(Office& o, Ctx& ctx, core::Id id) {
  if (!ctx.post()) throw HttpError{405, "请使用页面上的表单。"};
  core::Complaint c;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(c, repos.cases().GetComplaint(id));
    return core::Status::Ok();
  });
  ctx.Require(core::Action::kCaseRecord, c.org_id);
  const core::Org* org = ctx.tree->Find(c.org_id);
  if (!org) throw HttpError{404, "机构不存在。"};
  OrgYear scope{org, c.received_on.year()};
  RowError failed{id, ctx.Field("replied_on"), ""};
  auto on = core::Date::Parse(failed.replied_on);
  if (failed.replied_on.empty()) {
    failed.message = "请填写答复日期。";
  } else if (!on.ok()) {
    failed.message = "日期格式应为 YYYY-MM-DD。";
  } else {
    core::Status s = o.TryTransact([&](core::Repositories& repos) -> core::Status {
      return core::SetComplaintReplied(repos, ctx.Change(), ctx.Today(), id, *on).status();
    });
    if (s.ok()) return Redirect(ListUrl(org->code, scope.year));
    if (s.code() != core::ErrorCode::kInvalidArgument) Fail(s);
    failed.message = s.message();
  }
  return Render(o, ctx, scope, failed, 422);
}

}  // namespace

web::HttpResponse ComplaintsScreen(Office& o, Ctx& ctx, const std::vector<std::string>& parts) {
  if (parts.size() == 1) return List(o, ctx);
  if (parts.size() == 2 && parts[1] == "new") return Create(o, ctx);
  if (parts.size() == 3 && parts[2] == "reply") return Reply(o, ctx, PathId(parts[1]));
  throw HttpError{404, "页面不存在。"};
}

}  // namespace gongkai::admin
