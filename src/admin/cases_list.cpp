#include "admin/cases_list.hpp"

#include <algorithm>

#include "admin/paging.hpp"

namespace gongkai::admin {

void AddCaseList(const Ctx& ctx, const OrgYear& scope, CaseList list, core::Id focus,
                 web::View& v) {
  Paging paging = ReadPaging(ctx);
  std::vector<CaseListEntry>& rows = list.entries;
  // The counts come from the rows already read (a body's year can hold thousands).
  std::vector<int> counts(list.channel_labels.size(), 0);
  for (const CaseListEntry& e : rows) {
    if (e.channel < counts.size()) ++counts[e.channel];
  }
  std::reverse(rows.begin(), rows.end());
  std::stable_partition(rows.begin(), rows.end(), [](const CaseListEntry& e) { return e.open; });
  if (focus != 0) {
    auto it = std::find_if(rows.begin(), rows.end(), [&](const auto& e) { return e.id == focus; });
    if (it != rows.end()) paging.page = static_cast<int>((it - rows.begin()) / paging.size) + 1;
  }
  auto [first, last] = PageBounds(paging, rows.size());
  web::View shown = web::View::List();
  for (size_t i = first; i < last; ++i) {
    const CaseListEntry& e = rows[i];
    web::View r;
    r.Set("open", web::View::Bool(e.open));
    r.Set("id", std::to_string(e.id));
    if (e.channel < list.channel_labels.size()) r.Set("channel", list.channel_labels[e.channel]);
    list.cells(e.source, r);
    shown.Push(r);
  }
  web::View by_channel = web::View::List();
  for (size_t c = 0; c < counts.size(); ++c) {
    web::View n;
    n.Set("label", list.channel_labels[c]);
    n.Set("n", std::to_string(counts[c]));
    by_channel.Push(n);
  }
  v.Set("rows", shown);
  v.Set("channel_counts", by_channel);
  v.Set("total_count", std::to_string(rows.size()));
  v.Set("paging",
        PagingView(list.path, {{"org", scope.org->code}, {"year", std::to_string(scope.year)}},
                   paging, static_cast<int64_t>(rows.size())));
  v.Set("org_options", OrgOptions(ctx, ctx.Orgs(core::Action::kRead), scope.org->code));
  v.Set("org_name", scope.org->name);
  v.Set("sel_year", std::to_string(scope.year));
}

const core::Org& CaseRowBody(const Ctx& ctx, core::Id org_id) {
  ctx.Require(core::Action::kCaseRecord, org_id);
  const core::Org* org = ctx.tree->Find(org_id);
  if (!org) throw HttpError{404, "机构不存在。"};
  return *org;
}

const core::Org* FormCaseBody(const Ctx& ctx, FormState& form) {
  const core::Org* org = ctx.tree->FindByCode(ctx.Field("org"));
  if (!org) {
    form.Error("org", "请选择机关。");
  } else {
    ctx.Require(core::Action::kCaseRecord, org->id);
  }
  return org;
}

}  // namespace gongkai::admin
