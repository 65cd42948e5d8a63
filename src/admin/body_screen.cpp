// 机构数据: the bodies of the user's subtree and each body's public contact — the request
// acceptance point and the reading points the portal's guide page (指南) shows — through
// core/body_data_service. Reading needs kRead on the body, changing kOrgDataEdit.
#include "admin/body_screen.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "core/body_data_service.hpp"
#include "core/guide.hpp"
#include "core/item_workflow.hpp"

namespace gongkai::admin {
namespace {

// Blank reading-point rows offered below the stored ones: without script a form cannot grow,
// so a body adds two points per save (a row left blank is ignored, clearing a row deletes it).
constexpr int kBlankRows = 2;
constexpr int kMaxRows = static_cast<int>(core::kMaxReadingPoints) + 10;

const std::vector<std::string> kContactFields = {"acceptance_address", "acceptance_hours",
                                                 "acceptance_phone"};

int Depth(const Ctx& ctx, const core::Org& org) {
  int depth = 0;
  for (const core::Org* o = &org; o->parent_id && depth < 64; ++depth) {
    o = ctx.tree->Find(*o->parent_id);
    if (!o) break;
  }
  return depth;
}

web::HttpResponse List(Office& o, Ctx& ctx) {
  std::vector<core::Id> allowed = ctx.Orgs(core::Action::kRead);
  if (allowed.empty()) throw HttpError{403, "无权查看机构数据。"};
  std::string this_year = std::to_string(ctx.Today().year());
  web::View rows = web::View::List();
  // Tree order (depth first from each root), so the list reads as the organisation chart.
  for (const core::Org* root : ctx.tree->Roots()) {
    for (const core::Org* org : ctx.tree->Subtree(root->id)) {
      if (!std::binary_search(allowed.begin(), allowed.end(), org->id)) continue;
      std::string indent;
      for (int i = Depth(ctx, *org); i > 0; --i) indent += "\u3000";
      web::View r;
      r.Set("indent", indent);
      r.Set("name", org->name);
      r.Set("code", org->code);
      r.Set("kind", core::OrgKindLabel(org->kind));
      r.Set("acceptance_address", org->acceptance_address);
      // An empty string is truthy to the renderer: sections test a real boolean.
      r.Set("has_address", web::View::Bool(!org->acceptance_address.empty()));
      r.Set("points", std::to_string(org->reading_points.size()));
      r.Set("year", this_year);
      r.Set("editable", web::View::Bool(ctx.Can(core::Action::kOrgDataEdit, org->id).ok()));
      rows.Push(r);
    }
  }
  web::View v;
  v.Set("bodies", rows);
  v.Set("year", this_year);
  return o.Page(&ctx, "body_list", v, "机构数据");
}

// One reading-point row of the form (index `i`), with its entered values and errors.
struct PointRow {
  std::string name, address, hours;
  std::map<std::string, std::string> errors;  // "name", "address", "hours"
};

web::HttpResponse Render(Office& o, Ctx& ctx, const core::Org& org, const FormState& form,
                         const std::vector<PointRow>& rows, int status) {
  bool editable = ctx.Can(core::Action::kOrgDataEdit, org.id).ok();
  web::View v = form.ToView();
  v.Set("name", org.name);
  v.Set("code", org.code);
  v.Set("kind", core::OrgKindLabel(org.kind));
  if (org.parent_id) v.Set("parent", ctx.OrgName(*org.parent_id));
  v.Set("editable", web::View::Bool(editable));
  v.Set("years", BodyYearLinks(ctx, org));
  v.Set("address", org.acceptance_address);
  v.Set("hours", org.acceptance_hours);
  v.Set("phone", org.acceptance_phone);
  web::View points = web::View::List();
  for (const auto& p : org.reading_points) {
    web::View r;
    r.Set("name", p.name);
    r.Set("address", p.address);
    r.Set("hours", p.hours);
    points.Push(r);
  }
  v.Set("points", points);
  v.Set("has_points", web::View::Bool(!org.reading_points.empty()));
  web::View list = web::View::List();
  for (size_t i = 0; i < rows.size(); ++i) {
    web::View r;
    r.Set("i", std::to_string(i));
    r.Set("n", std::to_string(i + 1));
    r.Set("name", rows[i].name);
    r.Set("address", rows[i].address);
    r.Set("hours", rows[i].hours);
    for (const auto& [field, message] : rows[i].errors) r.Set("err_" + field, message);
    list.Push(r);
  }
  v.Set("rows", list);
  v.Set("row_count", std::to_string(rows.size()));
  return o.Page(&ctx, "body", v, org.name, status);
}

// Puts a service error on its reading-point row: "reading_points[j].name" names the j-th
// non-blank row, which was form row at[j]. False when the field is not a row's.
bool RowError(const core::Status& s, const std::vector<size_t>& at, std::vector<PointRow>& rows) {
  const std::string prefix = "reading_points[";
  const std::string& f = s.field();
  if (f.rfind(prefix, 0) != 0) return false;
  size_t close = f.find("].", prefix.size());
  if (close == std::string::npos) return false;
  size_t j = 0;
  for (size_t k = prefix.size(); k < close; ++k) {
    if (f[k] < '0' || f[k] > '9') return false;
    j = j * 10 + static_cast<size_t>(f[k] - '0');
  }
  if (j >= at.size()) return false;
  rows[at[j]].errors[f.substr(close + 2)] = s.message();
  return true;
}

web::HttpResponse Profile(Office& o, Ctx& ctx, const core::Org& org) {
  if (!ctx.post()) {
    web::FormFields f = {{"acceptance_address", org.acceptance_address},
                         {"acceptance_hours", org.acceptance_hours},
                         {"acceptance_phone", org.acceptance_phone}};
    std::vector<PointRow> rows;
    for (const auto& p : org.reading_points) rows.push_back({p.name, p.address, p.hours, {}});
    rows.resize(rows.size() + kBlankRows);
    return Render(o, ctx, org, FormState(f), rows, 200);
  }
  ctx.Require(core::Action::kOrgDataEdit, org.id);
  FormState form(ctx.form);
  core::OrgContact contact{ctx.Field("acceptance_address"),
                           ctx.Field("acceptance_hours"),
                           ctx.Field("acceptance_phone"),
                           {}};
  // "rows" tells how many rows the form had; a post without it leaves the points alone.
  std::string count = ctx.Field("rows");
  if (count.empty()) contact.reading_points = org.reading_points;
  int n = count.size() == 1 || count.size() == 2 ? std::atoi(count.c_str()) : 0;
  std::vector<PointRow> rows(static_cast<size_t>(std::clamp(n, 0, kMaxRows)));
  std::vector<size_t> at;  // the form row of each reading point passed on
  for (size_t i = 0; i < rows.size(); ++i) {
    std::string k = std::to_string(i);
    rows[i] = {
        ctx.Field("rp_name_" + k), ctx.Field("rp_address_" + k), ctx.Field("rp_hours_" + k), {}};
    auto blank = [](const std::string& s) { return s.find_first_not_of(" \t") == s.npos; };
    if (blank(rows[i].name) && blank(rows[i].address) && blank(rows[i].hours)) continue;
    contact.reading_points.push_back({rows[i].name, rows[i].address, rows[i].hours});
    at.push_back(i);
  }
  core::Status s = o.TryTransact([&](core::Repositories& repos) -> core::Status {
    const core::ChangeContext change = ctx.Change();
    GONGKAI_RETURN_IF_ERROR(core::UpdateOrgContact(repos, change, org.id, contact).status());
    // The guide follows the records (条例第十二条): its new version goes to review, drafted
    // by whoever changed them when they may write items for the body.
    if (core::RequireRole(repos, change.actor, {core::Role::kEditor, core::Role::kAdmin}, org.id)
            .ok()) {
      GONGKAI_RETURN_IF_ERROR(
          core::ProposeGuideUpdate(repos, change, change.actor, org.id, ctx.Today()).status());
    }
    return core::Status::Ok();
  });
  if (s.ok()) return Redirect("/admin/bodies/" + org.code);
  if (s.code() != core::ErrorCode::kInvalidArgument) Fail(s);
  if (!RowError(s, at, rows)) form.Error(s, kContactFields);
  return Render(o, ctx, org, form, rows, 422);
}

}  // namespace

web::View BodyYearLinks(const Ctx& ctx, const core::Org& org) {
  web::View list = web::View::List();
  int this_year = ctx.Today().year();
  for (int y = this_year; y > this_year - 5 && y >= 2000; --y) {
    web::View link;
    link.Set("year", std::to_string(y));
    link.Set("href", "/admin/bodies/" + org.code + "/year/" + std::to_string(y));
    list.Push(link);
  }
  return list;
}

web::HttpResponse BodiesScreen(Office& o, Ctx& ctx, const std::vector<std::string>& parts) {
  if (parts.size() == 1) {
    if (ctx.post()) throw HttpError{405, "请使用页面上的表单。"};
    return List(o, ctx);
  }
  const core::Org* org = ctx.tree->FindByCode(parts[1]);
  if (!org) throw HttpError{404, "机构不存在。"};
  // Outside the user's subtree a body's data is not shown (403, not its contents).
  ctx.Require(core::Action::kRead, org->id);
  if (parts.size() == 2) return Profile(o, ctx, *org);
  if (parts[2] == "year" && parts.size() >= 4) return BodyYearScreen(o, ctx, *org, parts);
  throw HttpError{404, "页面不存在。"};
}

}  // namespace gongkai::admin
