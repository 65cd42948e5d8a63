// gongkai item counts | overdue | category;  gongkai response add | list;
// gongkai stats set | show;  gongkai submission add | decide | list
#include <unistd.h>

#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "app/attachment_store.hpp"
#include "app/item_io.hpp"
#include "app/markdown.hpp"
#include "app/system_clock.hpp"
#include "cli/commands.hpp"
#include "cli/item_args.hpp"
#include "cli/progress.hpp"
#include "core/calendar_service.hpp"
#include "core/catalog.hpp"
#include "core/item_workflow.hpp"
#include "core/org_service.hpp"
#include "core/org_tree.hpp"
#include "core/proactive_stats.hpp"

namespace gongkai::cli::item_cli {
namespace {

int Counts(const ItemArgs& a) {
  return RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Org org, core::ResolveOrg(repos, a.org));
    GONGKAI_ASSIGN_OR_RETURN(auto channels, core::CountChannelsInSubtree(repos, org.id, a.year));
    GONGKAI_ASSIGN_OR_RETURN(auto docs, core::CountDocumentsInSubtree(repos, org.id, a.year));
    GONGKAI_ASSIGN_OR_RETURN(auto all, repos.orgs().List());
    core::OrgTree tree(std::move(all));
    std::vector<core::Response> responses;
    std::vector<core::Submission> sent, received;
    core::AdminStats stats{org.id, a.year, 0, 0, 0, 0};
    for (const core::Org* o : tree.Subtree(org.id)) {
      GONGKAI_ASSIGN_OR_RETURN(auto r, repos.items().ListResponses(o->id, a.year));
      responses.insert(responses.end(), r.begin(), r.end());
      GONGKAI_ASSIGN_OR_RETURN(auto s, repos.submissions().List(o->id, false, a.year));
      sent.insert(sent.end(), s.begin(), s.end());
      GONGKAI_ASSIGN_OR_RETURN(auto s2, repos.submissions().List(o->id, true, a.year));
      received.insert(received.end(), s2.begin(), s2.end());
      GONGKAI_ASSIGN_OR_RETURN(auto st, repos.orgs().GetAdminStats(o->id, a.year));
      if (st) {
        stats.licensing_decisions += st->licensing_decisions;
        stats.punishment_decisions += st->punishment_decisions;
        stats.coercion_decisions += st->coercion_decisions;
        stats.fees_yuan += st->fees_yuan;
      }
    }
    std::cout << org.name << " [" << org.code << "] 及下级机构 " << a.year << " 年\n";
    std::cout << "主动公开政府信息数（不同渠道和方式公开相同信息计1条）\t"
              << channels.total.distinct << '\n';
    for (core::Channel c : core::kAllChannels) {
      std::cout << "  " << core::ChannelLabel(c) << '\t' << channels.total.On(c) << '\n';
    }
    std::cout << "规章\t本年制发 " << docs.regulations.issued << "\t本年废止 "
              << docs.regulations.repealed << "\t现行有效 " << docs.regulations.in_force << '\n';
    std::cout << "行政规范性文件\t本年制发 " << docs.normative.issued << "\t本年废止 "
              << docs.normative.repealed << "\t现行有效 " << docs.normative.in_force << '\n';
    std::cout << "行政许可\t" << stats.licensing_decisions << "\n行政处罚\t"
              << stats.punishment_decisions << "\n行政强制\t" << stats.coercion_decisions
              << "\n行政事业性收费（万元）\t" << std::fixed << std::setprecision(2)
              << static_cast<double>(stats.fees_yuan) / 10000.0 << '\n';
    auto rc = core::CountResponses(responses);
    std::cout << "回应公众关注热点或重大舆情数（不同方式回应同一热点计1次）\t" << rc.concerns
              << "\n  新闻发布会\t" << rc.Of(core::ResponseKind::kPressConference)
              << "\t其中主要负责同志参加\t" << rc.press_principal << "\n  在线访谈\t"
              << rc.Of(core::ResponseKind::kOnlineInterview) << "\t其中主要负责同志参加\t"
              << rc.interviews_principal << "\n  政策解读稿件\t"
              << rc.Of(core::ResponseKind::kInterpretation) << "\n  微博微信回应事件\t"
              << rc.Of(core::ResponseKind::kWeiboWechat) << "\n  其他方式回应事件\t"
              << rc.Of(core::ResponseKind::kOther) << '\n';
    auto out = core::CountSubmissions(sent);
    auto in = core::CountSubmissions(received);
    std::cout << "向上级门户报送\t" << out.submitted << "\t被采用\t" << out.accepted << '\n';
    std::cout << "收到下级报送\t" << in.submitted << "\t采用\t" << in.accepted << '\n';
    return core::Status::Ok();
  });
}

int Overdue(const ItemArgs& a) {
  auto today = DateOrToday(a.on, "today");
  if (!today.ok()) return Fail(today.status());
  size_t found = 0;
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Org org, core::ResolveOrg(repos, a.org));
    GONGKAI_ASSIGN_OR_RETURN(core::Calendar calendar, core::LoadCalendar(repos));
    GONGKAI_ASSIGN_OR_RETURN(auto all, repos.orgs().List());
    core::OrgTree tree(std::move(all));
    core::ItemQuery q;
    for (const core::Org* o : tree.Subtree(org.id)) q.org_ids.push_back(o->id);
    q.states = {core::ItemState::kDraft, core::ItemState::kSubmitted, core::ItemState::kApproved,
                core::ItemState::kRejected};
    q.with_body = false;
    GONGKAI_ASSIGN_OR_RETURN(auto items, repos.items().Find(q));
    auto duties = core::OverdueDuties(items, calendar, *today);
    found = duties.size();
    for (const auto& d : duties) {
      const core::Org* o = tree.Find(d.org_id);
      std::cout << d.item_id << '\t' << (o ? o->code : "?") << '\t' << core::ItemStateCode(d.state)
                << "\t生成 " << d.formed_on.ToIso() << "\t应于 " << d.due_on.ToIso()
                << (d.provisional ? "（暂定）" : "") << " 前公开\t逾期 " << d.working_days_late
                << " 个工作日\t" << d.title << '\n';
    }
    return core::Status::Ok();
  });
  if (rc != kExitOk) return rc;
  return found ? kExitFinding : kExitOk;
}

int CategoryAdd(const ItemArgs& a) {
  auto path = NormalizeArg(a.path, "path");
  if (!path.ok()) return Fail(path.status());
  core::Status valid = core::ValidateCategoryPath(*path);
  if (!valid.ok()) return Fail(valid);
  auto ctx = CliChangeContext();
  return RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Org org, core::ResolveOrg(repos, a.org));
    GONGKAI_RETURN_IF_ERROR(core::RequireRole(repos, a.as, {core::Role::kAdmin}, org.id));
    GONGKAI_ASSIGN_OR_RETURN(auto stored, repos.items().ListCategories(org.id));
    if (stored.empty()) {
      // The first own column: start from the default catalog so nothing disappears.
      for (auto c : core::DefaultCatalog(org.kind)) {
        c.org_id = org.id;
        GONGKAI_RETURN_IF_ERROR(repos.items().InsertCategory(c).status());
      }
    }
    core::CatalogCategory c;
    c.org_id = org.id;
    c.path = *path;
    c.mandatory = a.mandatory;
    c.stale_days = a.stale_days;
    c.sort_order = a.sort_order ? a.sort_order : 1000;
    GONGKAI_ASSIGN_OR_RETURN(c.id, repos.items().InsertCategory(c));
    return core::RecordChange(
        repos.audit(), ctx, "catalog.add", "catalog_category", std::to_string(c.id), "",
        R"({"org":")" + org.code + R"(","path_bytes":)" + std::to_string(c.path.size()) + "}");
  });
}

int CategoryList(const ItemArgs& a) {
  return RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Org org, core::ResolveOrg(repos, a.org));
    GONGKAI_ASSIGN_OR_RETURN(auto stored, repos.items().ListCategories(org.id));
    for (const auto& c : core::EffectiveCatalog(org, std::move(stored))) {
      std::cout << c.path << (c.mandatory ? "\t必设" : "\t-");
      if (c.stale_days) std::cout << "\t" << c.stale_days << " 天";
      std::cout << '\n';
    }
    return core::Status::Ok();
  });
}

int ResponseAdd(const ItemArgs& a) {
  auto kind = core::ParseResponseKind(a.kind);
  if (!kind.ok()) return Fail(kind.status());
  auto topic = NormalizeArg(a.topic, "topic");
  if (!topic.ok()) return Fail(topic.status());
  auto concern = NormalizeArg(a.concern, "concern");
  if (!concern.ok()) return Fail(concern.status());
  auto on = DateOrToday(a.on, "on");
  if (!on.ok()) return Fail(on.status());
  auto ctx = CliChangeContext();
  core::Response created;
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Org org, core::ResolveOrg(repos, a.org));
    core::Response r;
    r.org_id = org.id;
    r.kind = *kind;
    r.held_on = *on;
    r.topic = *topic;
    r.concern_key = *concern;
    r.principal_attended = a.principal;
    if (a.item) r.interpreted_item_id = a.item;
    GONGKAI_ASSIGN_OR_RETURN(created, core::AddResponse(repos, ctx, r));
    return core::Status::Ok();
  });
  if (rc == kExitOk) std::cout << created.id << '\n';
  return rc;
}

int ResponseList(const ItemArgs& a) {
  return RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Org org, core::ResolveOrg(repos, a.org));
    GONGKAI_ASSIGN_OR_RETURN(auto list, repos.items().ListResponses(org.id, a.year));
    for (const auto& r : list) {
      std::cout << r.id << '\t' << r.held_on.ToIso() << '\t' << core::ResponseKindCode(r.kind)
                << '\t' << (r.concern_key.empty() ? "-" : r.concern_key) << '\t'
                << (r.principal_attended ? "主要负责同志参加" : "-") << '\t'
                << (r.interpreted_item_id ? std::to_string(*r.interpreted_item_id) : "-") << '\t'
                << r.topic << '\n';
    }
    return core::Status::Ok();
  });
}

int StatsSet(const ItemArgs& a) {
  auto ctx = CliChangeContext();
  return RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Org org, core::ResolveOrg(repos, a.org));
    return core::SetAdminStats(repos, ctx,
                               {org.id, a.year, a.licensing, a.punishment, a.coercion, a.fees});
  });
}

int StatsShow(const ItemArgs& a) {
  return RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Org org, core::ResolveOrg(repos, a.org));
    GONGKAI_ASSIGN_OR_RETURN(auto s, repos.orgs().GetAdminStats(org.id, a.year));
    if (!s) return core::NotFound(org.code + " 尚无 " + std::to_string(a.year) + " 年的统计");
    std::cout << "行政许可\t" << s->licensing_decisions << "\n行政处罚\t" << s->punishment_decisions
              << "\n行政强制\t" << s->coercion_decisions << "\n行政事业性收费（元）\t"
              << s->fees_yuan << '\n';
    return core::Status::Ok();
  });
}

int SubmissionAdd(const ItemArgs& a) {
  auto on = DateOrToday(a.on, "on");
  if (!on.ok()) return Fail(on.status());
  auto ctx = CliChangeContext();
  core::Submission created;
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Org to, core::ResolveOrg(repos, a.to));
    GONGKAI_ASSIGN_OR_RETURN(created, core::SubmitToPortal(repos, ctx, a.as, a.item, to.id, *on));
    return core::Status::Ok();
  });
  if (rc == kExitOk) std::cout << created.id << '\n';
  return rc;
}

int SubmissionDecide(const ItemArgs& a) {
  if (a.accept == a.reject) return Fail(core::InvalidArgument("须指定 --accept 或 --reject"));
  auto on = DateOrToday(a.on, "on");
  if (!on.ok()) return Fail(on.status());
  auto ctx = CliChangeContext();
  return RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    return core::DecideSubmission(repos, ctx, a.as, a.id, a.accept, *on).status();
  });
}

int SubmissionList(const ItemArgs& a) {
  return RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Org org, core::ResolveOrg(repos, a.org));
    GONGKAI_ASSIGN_OR_RETURN(auto list, repos.submissions().List(org.id, !a.to_flag, a.year));
    for (const auto& s : list) {
      std::cout << s.id << '\t' << s.item_id << '\t' << s.submitted_on.ToIso() << '\t'
                << core::SubmissionDecisionLabel(s.decision) << '\t' << OptDate(s.decided_on)
                << '\n';
    }
    auto c = core::CountSubmissions(list);
    std::cout << "合计\t报送 " << c.submitted << "\t采用 " << c.accepted << "\t未采用 "
              << c.rejected << "\t待处理 " << c.pending << '\n';
    return core::Status::Ok();
  });
}
}  // namespace

void AddItemStatsCommands(CLI::App& app, CLI::App* item, Action& action,
                          const std::shared_ptr<ItemArgs>& a) {
  auto as = [&](CLI::App* c) {
    c->add_option("--as", a->as, "操作人用户名（按其在机构子树中的角色授权）")->required();
  };

  auto* counts =
      item->add_subcommand("counts", "年度主动公开统计：渠道、规章和规范性文件、回应解读、报送");
  counts->add_option("--org", a->org, "机构代码（含下级机构；默认根机构）");
  counts->add_option("--year", a->year, "年份")->required();
  Bind(counts, action, a, [](const ItemArgs& x, CLI::App*) { return Counts(x); });

  auto* overdue = item->add_subcommand("overdue", "超过 20 个工作日仍未公开的信息（第二十六条）");
  overdue->add_option("--org", a->org, "机构代码（含下级机构；默认根机构）");
  overdue->add_option("--today", a->on, "按此日期计算（默认今天）");
  Bind(overdue, action, a, [](const ItemArgs& x, CLI::App*) { return Overdue(x); });

  auto* category = item->add_subcommand("category", "机构的目录栏目");
  category->require_subcommand(1);
  auto* cat_add = category->add_subcommand("add", "为机构增加目录栏目（首次增加时先复制默认目录）");
  cat_add->add_option("org", a->org, "机构代码")->required();
  cat_add->add_option("path", a->path, "栏目路径，如 法定主动公开内容/乡村振兴")->required();
  cat_add->add_flag("--mandatory", a->mandatory, "必设栏目（为空时自查报告）");
  cat_add->add_option("--stale-days", a->stale_days, "超过多少天未更新算作不更新（0 用默认）");
  cat_add->add_option("--sort", a->sort_order, "排序号");
  as(cat_add);
  Bind(cat_add, action, a, [](const ItemArgs& x, CLI::App*) { return CategoryAdd(x); });
  auto* cat_list = category->add_subcommand("list", "列出机构的目录栏目");
  cat_list->add_option("org", a->org, "机构代码")->required();
  Bind(cat_list, action, a, [](const ItemArgs& x, CLI::App*) { return CategoryList(x); });

  auto* response = app.add_subcommand("response", "回应解读：政策解读与回应关切");
  response->require_subcommand(1);
  auto* radd = response->add_subcommand("add", "记录一次回应或解读，打印其编号");
  radd->add_option("org", a->org, "机构代码")->required();
  radd->add_option("kind", a->kind,
                   "press_conference|online_interview|interpretation|weibo_wechat|other")
      ->required();
  radd->add_option("topic", a->topic, "主题")->required();
  radd->add_option("--on", a->on, "日期（默认今天）");
  radd->add_option("--concern", a->concern, "关切键：回应同一热点的记录用同一键，计 1 次");
  radd->add_flag("--principal", a->principal, "主要负责同志参加（新闻发布会、在线访谈）");
  radd->add_option("--item", a->item, "被解读文件的信息编号");
  Bind(radd, action, a, [](const ItemArgs& x, CLI::App*) { return ResponseAdd(x); });
  auto* rlist = response->add_subcommand("list", "列出机构某年的回应解读");
  rlist->add_option("org", a->org, "机构代码")->required();
  rlist->add_option("year", a->year, "年份")->required();
  Bind(rlist, action, a, [](const ItemArgs& x, CLI::App*) { return ResponseList(x); });

  auto* stats = app.add_subcommand("stats", "行政许可、处罚、强制、收费统计（年报表二）");
  stats->require_subcommand(1);
  auto* sset = stats->add_subcommand("set", "录入机构某年的统计（替换原值）");
  sset->add_option("org", a->org, "机构代码")->required();
  sset->add_option("year", a->year, "年份")->required();
  sset->add_option("--licensing", a->licensing, "行政许可本年处理决定数量");
  sset->add_option("--punishment", a->punishment, "行政处罚本年处理决定数量");
  sset->add_option("--coercion", a->coercion, "行政强制本年处理决定数量");
  sset->add_option("--fees", a->fees, "行政事业性收费本年收费金额（元，整数）");
  Bind(sset, action, a, [](const ItemArgs& x, CLI::App*) { return StatsSet(x); });
  auto* sshow = stats->add_subcommand("show", "显示机构某年的统计");
  sshow->add_option("org", a->org, "机构代码")->required();
  sshow->add_option("year", a->year, "年份")->required();
  Bind(sshow, action, a, [](const ItemArgs& x, CLI::App*) { return StatsShow(x); });

  auto* sub = app.add_subcommand("submission", "报送/采用：向上级门户报送信息");
  sub->require_subcommand(1);
  auto* sadd = sub->add_subcommand("add", "报送已发布信息到上级机构门户，打印报送编号");
  sadd->add_option("item", a->item, "信息编号")->required();
  sadd->add_option("to", a->to, "上级机构代码")->required();
  sadd->add_option("--on", a->on, "报送日期（默认今天）");
  as(sadd);
  Bind(sadd, action, a, [](const ItemArgs& x, CLI::App*) { return SubmissionAdd(x); });
  auto* sdecide = sub->add_subcommand("decide", "上级门户编辑采用或不采用");
  sdecide->add_option("id", a->id, "报送编号")->required();
  sdecide->add_flag("--accept", a->accept, "采用");
  sdecide->add_flag("--reject", a->reject, "不采用");
  sdecide->add_option("--on", a->on, "处理日期（默认今天）");
  as(sdecide);
  Bind(sdecide, action, a, [](const ItemArgs& x, CLI::App*) { return SubmissionDecide(x); });
  auto* slist = sub->add_subcommand("list", "机构某年收到（默认）或发出（--sent）的报送");
  slist->add_option("org", a->org, "机构代码")->required();
  slist->add_option("year", a->year, "年份")->required();
  slist->add_flag("--sent", a->to_flag, "列出本机构发出的报送");
  Bind(slist, action, a, [](const ItemArgs& x, CLI::App*) { return SubmissionList(x); });
}

}  // namespace gongkai::cli::item_cli
