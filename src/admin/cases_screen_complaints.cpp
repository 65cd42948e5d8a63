// 举报投诉 of a body and year: the list with counts by channel, recording one and recording
// the reply to one not yet answered — through core/case_service. As with consultations, the
// sealed contact from the portal's form is never shown.
#include <algorithm>

#include "admin/cases_list.hpp"
#include "core/case_service.hpp"

namespace gongkai::admin {
namespace {

constexpr core::ComplaintChannel kChannels[] = {core::ComplaintChannel::kMayorMailbox,
                                                core::ComplaintChannel::kHotline12345,
                                                core::ComplaintChannel::kOther};

const std::vector<std::string> kFields = {"org", "channel", "received_on", "subject", "replied_on"};

// The channel's column in the counts (kChannels order).
size_t ChannelIndex(core::ComplaintChannel c) {
  return static_cast<size_t>(std::find(std::begin(kChannels), std::end(kChannels), c) -
                             std::begin(kChannels));
}

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
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(rows, repos.cases().ListComplaints(scope.org->id, scope.year));
    return core::Status::Ok();
  });
  bool can_record = ctx.Can(core::Action::kCaseRecord, scope.org->id).ok();
  CaseList list{"/admin/complaints", {}, {}, {}};
  for (auto c : kChannels) list.channel_labels.emplace_back(core::ComplaintChannelLabel(c));
  for (size_t i = 0; i < rows.size(); ++i) {
    list.entries.push_back({rows[i].id, !rows[i].replied_on, ChannelIndex(rows[i].channel), i});
  }
  list.cells = [&](size_t i, web::View& r) {
    const core::Complaint& c = rows[i];
    r.Set("received_on", c.received_on.ToIso());
    r.Set("subject", c.subject);
    r.Set("replied_on", c.replied_on ? c.replied_on->ToIso() : "未答复");
    r.Set("can_reply", web::View::Bool(can_record && !c.replied_on));
    // A refused reply is shown beside its form, with the date typed.
    bool mine = failed.id == c.id;
    r.Set("reply_value", mine ? failed.replied_on : "");
    if (mine) r.Set("row_err", failed.message);
  };
  web::View v;
  AddCaseList(ctx, scope, std::move(list), failed.id, v);
  v.Set("can_record", web::View::Bool(can_record));
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
  const core::Org* org = FormCaseBody(ctx, form);
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
  const core::Org* org = &CaseRowBody(ctx, c.org_id);
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
