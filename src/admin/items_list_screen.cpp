// GET /admin/items (issue 21): the items of the user's bodies with search (title, 索引号,
// 文号) and filters (body with its subtree, 栏目, year formed, state, validity), newest first,
// paged in SQL (ItemRepository::Search); each row links to its portal page once published.
#include "admin/item_extras.hpp"
#include "admin/paging.hpp"

namespace gongkai::admin {
namespace {

constexpr core::ItemState kAllItemStates[] = {
    core::ItemState::kDraft,    core::ItemState::kSubmitted, core::ItemState::kApproved,
    core::ItemState::kRejected, core::ItemState::kPublished, core::ItemState::kWithdrawn};

std::optional<int> ReadYear(const std::string& y) {
  if (y.empty()) return std::nullopt;
  if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos) {
    throw HttpError{400, "年份有误。"};
  }
  return std::stoi(y);
}

}  // namespace

web::HttpResponse ItemsList(Office& o, Ctx& ctx) {
  std::vector<core::Id> readable = ctx.Orgs(core::Action::kRead);
  std::string text = ctx.req.Param("q"), org = ctx.req.Param("org"),
              category = ctx.req.Param("category"), year = ctx.req.Param("year"),
              state = ctx.req.Param("state"), validity = ctx.req.Param("validity");
  core::ItemSearch q;
  q.org_ids = readable;
  if (!org.empty()) {
    const core::Org* body = ctx.tree->FindByCode(org);
    if (!body) throw HttpError{404, "机构不存在。"};
    ctx.Require(core::Action::kRead, body->id);
    q.org_ids.clear();
    for (const core::Org* b : ctx.tree->Subtree(body->id)) {
      if (ctx.Can(core::Action::kRead, b->id).ok()) q.org_ids.push_back(b->id);
    }
  }
  q.text = text;
  q.category = category;
  q.formed_year = ReadYear(year);
  if (!state.empty()) {
    auto s = core::ParseItemState(state);
    if (!s.ok()) throw HttpError{400, "未知的状态。"};
    q.states = {*s};
  }
  if (!validity.empty()) {
    auto v = core::ParseValidity(validity);
    if (!v.ok()) throw HttpError{400, "未知的有效性。"};
    q.validity = *v;
  }
  Paging paging = ReadPaging(ctx);
  q.limit = paging.size;
  q.offset = paging.offset();
  core::ItemPage page;
  if (!readable.empty()) {
    o.Transact([&](core::Repositories& repos) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(page, repos.items().Search(q));
      return core::Status::Ok();
    });
  }
  web::View rows = web::View::List();
  for (const core::Item& it : page.items) {
    web::View r;
    r.Set("id", std::to_string(it.id));
    r.Set("title", it.title);
    r.Set("org", ctx.OrgName(it.org_id));
    r.Set("state", ItemStateLabel(it.state));
    r.Set("state_code", core::ItemStateCode(it.state));
    r.Set("index_no", it.index_no.value_or(""));
    r.Set("doc_no", it.doc_no);
    r.Set("category", it.category);
    r.Set("formed_on", it.formed_on.ToIso());
    if (it.validity != core::Validity::kValid) r.Set("validity", core::ValidityLabel(it.validity));
    r.Set("published", web::View::Bool(it.state == core::ItemState::kPublished));
    rows.Push(r);
  }
  std::vector<std::pair<std::string, std::string>> states = {{"", "全部"}};
  for (auto s : kAllItemStates) states.emplace_back(core::ItemStateCode(s), ItemStateLabel(s));
  std::vector<std::pair<std::string, std::string>> validities = {{"", "全部"}};
  for (auto v : {core::Validity::kValid, core::Validity::kExpired, core::Validity::kRepealed}) {
    validities.emplace_back(core::ValidityCode(v), core::ValidityLabel(v));
  }
  std::vector<std::pair<std::string, std::string>> orgs = {{"", "全部机构"}};
  for (core::Id id : readable) {
    if (const core::Org* b = ctx.tree->Find(id)) {
      orgs.emplace_back(b->code, b->name + " [" + b->code + "]");
    }
  }
  web::View v;
  v.Set("items", rows);
  v.Set("has_items", web::View::Bool(!page.items.empty()));
  v.Set("q", text);
  v.Set("category", category);
  v.Set("year", year);
  v.Set("states", Options(states, state));
  v.Set("validities", Options(validities, validity));
  v.Set("orgs", Options(orgs, org));
  v.Set("paging", PagingView("/admin/items",
                             {{"q", text},
                              {"org", org},
                              {"category", category},
                              {"year", year},
                              {"state", state},
                              {"validity", validity}},
                             paging, page.total));
  v.Set("can_create", web::View::Bool(!ctx.Orgs(core::Action::kItemEdit).empty()));
  return o.Page(&ctx, "items", v, "主动公开信息");
}

}  // namespace gongkai::admin
