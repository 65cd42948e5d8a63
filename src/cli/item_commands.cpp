// gongkai item add | edit | submit | review | publish | withdraw | channel | validity | show |
//              list | import | export | counts | overdue | category
// gongkai response add | list;  gongkai stats set | show;  gongkai submission add | decide | list
#include <unistd.h>

#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "app/attachment_store.hpp"
#include "app/item_io.hpp"
#include "app/markdown.hpp"
#include "app/system_clock.hpp"
#include "cli/bulk_import.hpp"
#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "core/calendar_service.hpp"
#include "core/catalog.hpp"
#include "core/item_workflow.hpp"
#include "core/org_service.hpp"
#include "core/org_tree.hpp"
#include "core/proactive_stats.hpp"

namespace gongkai::cli {
namespace {

struct ItemArgs {
  std::string url, as, org, title, category, formed, summary, publisher, doc_no, topic, mode, body,
      body_file, reason, on, validity, state, file, format = "csv", encoding = "auto", output,
                                                    attachments_dir = "attachments", kind, path, to,
                                                    concern;
  std::vector<std::string> channels, attach;
  int64_t id = 0, item = 0;
  int year = 0, limit = 50, stale_days = 0, sort_order = 0;
  bool approve = false, reject = false, regulation = false, normative = false, skip_bad = false,
       html = false, mandatory = false, principal = false, accept = false, to_flag = false;
  int64_t licensing = 0, punishment = 0, coercion = 0, fees = 0;
};

core::Result<core::Date> DateOrToday(const std::string& text, const char* field) {
  if (text.empty()) return app::SystemClock().Today();
  return core::Date::Parse(text, field);
}

core::Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::NotFound("无法读取文件: " + path, "file");
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

int Fail(const core::Status& s) { return PrintError(s); }

// Fills the item's editable fields from the arguments given (others keep their value).
core::Status ApplyFields(const ItemArgs& a, CLI::App* cmd, core::Item& it) {
  auto set = [&](const char* option, const std::string& raw, std::string& out,
                 const char* field) -> core::Status {
    if (cmd->count(option) == 0) return core::Status::Ok();
    GONGKAI_ASSIGN_OR_RETURN(out, NormalizeArg(raw, field));
    return core::Status::Ok();
  };
  GONGKAI_RETURN_IF_ERROR(set("--title", a.title, it.title, "title"));
  GONGKAI_RETURN_IF_ERROR(set("--category", a.category, it.category, "category"));
  GONGKAI_RETURN_IF_ERROR(set("--summary", a.summary, it.summary, "summary"));
  GONGKAI_RETURN_IF_ERROR(set("--publisher", a.publisher, it.publisher, "publisher"));
  GONGKAI_RETURN_IF_ERROR(set("--doc-no", a.doc_no, it.doc_no, "doc_no"));
  GONGKAI_RETURN_IF_ERROR(set("--topic", a.topic, it.topic, "topic"));
  GONGKAI_RETURN_IF_ERROR(set("--mode", a.mode, it.disclosure_mode, "mode"));
  GONGKAI_RETURN_IF_ERROR(set("--body", a.body, it.body_md, "body"));
  if (cmd->count("--body-file")) {
    GONGKAI_ASSIGN_OR_RETURN(std::string raw, ReadFile(a.body_file));
    GONGKAI_ASSIGN_OR_RETURN(it.body_md, NormalizeArg(raw, "body"));
  }
  if (cmd->count("--formed")) {
    GONGKAI_ASSIGN_OR_RETURN(it.formed_on, core::Date::Parse(a.formed, "formed"));
  }
  if (cmd->count("--regulation")) it.is_regulation = a.regulation;
  if (cmd->count("--normative")) it.is_normative = a.normative;
  if (cmd->count("--validity")) {
    GONGKAI_ASSIGN_OR_RETURN(it.validity, core::ParseValidity(a.validity));
    it.validity_changed_on.reset();
    if (it.validity != core::Validity::kValid) {
      GONGKAI_ASSIGN_OR_RETURN(it.validity_changed_on, DateOrToday(a.on, "on"));
    }
  }
  return core::Status::Ok();
}

// Stores the files named by --attach and attaches them (inside the transaction).
core::Status AttachFiles(core::Repositories& repos, const core::ChangeContext& ctx,
                         const ItemArgs& a, core::Id item_id) {
  app::AttachmentStore files(a.attachments_dir);
  for (const auto& path : a.attach) {
    GONGKAI_ASSIGN_OR_RETURN(core::ItemAttachment att, files.PutFile(path));
    GONGKAI_RETURN_IF_ERROR(core::AttachToItem(repos, ctx, a.as, item_id, att).status());
  }
  return core::Status::Ok();
}

int Add(const ItemArgs& a, CLI::App* cmd) {
  core::Item it;
  core::Status s = ApplyFields(a, cmd, it);
  if (!s.ok()) return Fail(s);
  auto org_code = NormalizeArg(a.org, "org");
  if (!org_code.ok()) return Fail(org_code.status());
  auto ctx = CliChangeContext();
  core::Item created;
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Org org, core::ResolveOrg(repos, *org_code));
    it.org_id = org.id;
    GONGKAI_ASSIGN_OR_RETURN(created, core::CreateItem(repos, ctx, a.as, it));
    return AttachFiles(repos, ctx, a, created.id);
  });
  if (rc == kExitOk) std::cout << created.id << '\n';
  return rc;
}

int Edit(const ItemArgs& a, CLI::App* cmd) {
  auto ctx = CliChangeContext();
  return RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Item it, repos.items().Get(a.id));
    GONGKAI_RETURN_IF_ERROR(ApplyFields(a, cmd, it));
    GONGKAI_RETURN_IF_ERROR(core::EditItem(repos, ctx, a.as, it).status());
    return AttachFiles(repos, ctx, a, a.id);
  });
}

// Runs one workflow step and prints the item's new state (and 索引号).
int Step(const ItemArgs& a,
         const std::function<core::Result<core::Item>(core::Repositories&,
                                                      const core::ChangeContext&)>& step) {
  auto ctx = CliChangeContext();
  core::Item after;
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(after, step(repos, ctx));
    return core::Status::Ok();
  });
  if (rc == kExitOk) {
    std::cout << after.id << '\t' << core::ItemStateCode(after.state);
    if (after.index_no) std::cout << '\t' << *after.index_no;
    std::cout << '\n';
  }
  return rc;
}

int Review(const ItemArgs& a) {
  if (a.approve == a.reject) return Fail(core::InvalidArgument("须指定 --approve 或 --reject"));
  auto reason = NormalizeArg(a.reason, "reason");
  if (!reason.ok()) return Fail(reason.status());
  return Step(a, [&](core::Repositories& r, const core::ChangeContext& ctx) {
    return core::ReviewItem(r, ctx, a.as, a.id, a.approve, *reason);
  });
}

int Publish(const ItemArgs& a) {
  auto on = DateOrToday(a.on, "on");
  if (!on.ok()) return Fail(on.status());
  std::vector<core::Channel> channels;
  for (const auto& c : a.channels) {
    auto parsed = core::ParseChannel(c);
    if (!parsed.ok()) return Fail(parsed.status());
    channels.push_back(*parsed);
  }
  return Step(a, [&](core::Repositories& r, const core::ChangeContext& ctx) {
    return core::PublishItem(r, ctx, a.as, a.id, *on, channels);
  });
}

int Withdraw(const ItemArgs& a) {
  auto reason = NormalizeArg(a.reason, "reason");
  if (!reason.ok()) return Fail(reason.status());
  return Step(a, [&](core::Repositories& r, const core::ChangeContext& ctx) {
    return core::WithdrawItem(r, ctx, a.as, a.id, *reason);
  });
}

int Channel(const ItemArgs& a) {
  auto on = DateOrToday(a.on, "on");
  if (!on.ok()) return Fail(on.status());
  auto channel = core::ParseChannel(a.kind);
  if (!channel.ok()) return Fail(channel.status());
  return Step(a, [&](core::Repositories& r, const core::ChangeContext& ctx) {
    return core::AddItemChannel(r, ctx, a.as, a.id, *channel, *on);
  });
}

int SetValidity(const ItemArgs& a) {
  auto validity = core::ParseValidity(a.validity);
  if (!validity.ok()) return Fail(validity.status());
  std::optional<core::Date> on;
  if (*validity != core::Validity::kValid) {
    auto d = DateOrToday(a.on, "on");
    if (!d.ok()) return Fail(d.status());
    on = *d;
  }
  return Step(a, [&](core::Repositories& r, const core::ChangeContext& ctx) {
    return core::SetItemValidity(r, ctx, a.as, a.id, *validity, on);
  });
}

std::string OptDate(const std::optional<core::Date>& d) { return d ? d->ToIso() : "-"; }

int Show(const ItemArgs& a) {
  return RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Item it, repos.items().Get(a.id));
    GONGKAI_ASSIGN_OR_RETURN(core::Org org, repos.orgs().Get(it.org_id));
    if (a.html) {
      std::cout << app::RenderMarkdown(it.body_md);
      return core::Status::Ok();
    }
    std::cout << "编号: " << it.id << "\n索引号: " << it.index_no.value_or("（发布时生成）")
              << "\n信息名称: " << it.title << "\n内容概述: " << it.summary
              << "\n发布机构: " << it.publisher << " [" << org.code << "]"
              << "\n生成日期: " << it.formed_on.ToIso()
              << "\n发布日期: " << OptDate(it.published_on)
              << "\n文号: " << (it.doc_no.empty() ? "-" : it.doc_no)
              << "\n主题分类: " << (it.topic.empty() ? "-" : it.topic)
              << "\n目录栏目: " << it.category << "\n公开方式: " << it.disclosure_mode
              << "\n有效性: " << core::ValidityLabel(it.validity);
    if (it.validity_changed_on) std::cout << "（" << it.validity_changed_on->ToIso() << "）";
    std::cout << "\n类别: "
              << (it.is_regulation  ? "规章"
                  : it.is_normative ? "行政规范性文件"
                                    : "-")
              << "\n状态: " << core::ItemStateCode(it.state)
              << "\n作者: " << (it.author.empty() ? "-" : it.author) << "\n发布渠道:";
    for (const auto& c : it.channels) {
      std::cout << ' ' << core::ChannelLabel(c.channel) << '(' << c.published_on.ToIso() << ')';
    }
    GONGKAI_ASSIGN_OR_RETURN(auto attachments, repos.items().ListAttachments(it.id));
    std::cout << "\n附件:";
    for (const auto& att : attachments) {
      std::cout << "\n  " << att.position << ". " << att.name << " (" << att.media_type << ", "
                << att.size_bytes << " 字节, sha256 " << att.sha256.substr(0, 12) << "…)";
    }
    GONGKAI_ASSIGN_OR_RETURN(auto events, repos.items().ListEvents(it.id));
    std::cout << "\n历史:";
    for (const auto& e : events) {
      std::cout << "\n  " << e.seq << ". " << e.at << ' ' << core::ItemEventKindCode(e.kind) << ' '
                << e.actor;
      if (!e.reason.empty()) std::cout << "：" << e.reason;
    }
    std::cout << "\n\n"
              << it.body_md << (it.body_md.empty() || it.body_md.back() == '\n' ? "" : "\n");
    return core::Status::Ok();
  });
}

int List(const ItemArgs& a) {
  return RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    core::ItemQuery q;
    if (!a.org.empty()) {
      GONGKAI_ASSIGN_OR_RETURN(core::Org org, core::ResolveOrg(repos, a.org));
      GONGKAI_ASSIGN_OR_RETURN(auto all, repos.orgs().List());
      core::OrgTree tree(std::move(all));
      for (const core::Org* o : tree.Subtree(org.id)) q.org_ids.push_back(o->id);
    }
    if (!a.state.empty()) {
      GONGKAI_ASSIGN_OR_RETURN(auto state, core::ParseItemState(a.state));
      q.states = {state};
    }
    if (a.year) {
      q.published_from = core::Date::FromYmd(a.year, 1, 1);
      q.published_to = core::Date::FromYmd(a.year, 12, 31);
    }
    q.with_body = false;
    GONGKAI_ASSIGN_OR_RETURN(auto items, repos.items().Find(q));
    // Newest last; show the last `limit`.
    size_t from = a.limit > 0 && items.size() > static_cast<size_t>(a.limit)
                      ? items.size() - static_cast<size_t>(a.limit)
                      : 0;
    for (size_t i = from; i < items.size(); ++i) {
      const auto& it = items[i];
      std::cout << it.id << '\t' << core::ItemStateCode(it.state) << '\t'
                << it.index_no.value_or("-") << '\t' << OptDate(it.published_on) << '\t'
                << it.category << '\t' << it.title << '\n';
    }
    return core::Status::Ok();
  });
}

int Import(const ItemArgs& a) {
  auto bytes = ReadFile(a.file);
  if (!bytes.ok()) return Fail(bytes.status());
  auto store = OpenStore(a.url);
  if (!store.ok()) return Fail(store.status());
  app::ImportOptions options;
  options.format = a.format;
  options.encoding = a.encoding;
  options.default_org = a.org;
  options.actor = a.as;
  options.today = app::SystemClock().Today();
  options.skip_bad = a.skip_bad;
  Progress progress("导入", 0);
  options.progress = [&progress](size_t done, size_t total) {
    progress.SetTotal(static_cast<int64_t>(total));
    progress.Update(static_cast<int64_t>(done));
  };
  BulkImport bulk(**store);  // large files: one bulk index build before the commit
  bulk.Attach(options);
  auto report = app::ImportItems(**store, CliChangeContext(), *bytes, options);
  progress.Finish();
  if (!report.ok()) return Fail(report.status());
  for (const auto& e : report->errors) {
    std::cerr << "第 " << e.row << " 行" << (e.field.empty() ? "" : "（" + e.field + "）") << ": "
              << e.message << '\n';
  }
  if (!report->written) {
    std::cerr << "gongkai: 导入失败：" << report->errors.size() << " 行有错误，未写入任何记录"
              << (a.skip_bad ? "" : "（可用 --skip-bad 只导入无误的行）") << '\n';
    return kExitError;
  }
  std::cout << "已导入 " << report->imported << " 条（共 " << report->rows << " 行";
  if (!report->errors.empty()) std::cout << "，跳过 " << report->errors.size() << " 行";
  std::cout << "）\n";
  return report->errors.empty() ? kExitOk : kExitFinding;
}

int Export(const ItemArgs& a) {
  auto store = OpenStore(a.url);
  if (!store.ok()) return Fail(store.status());
  app::ExportOptions options;
  options.format = a.format;
  options.org = a.org;
  options.year = a.year;
  size_t count = 0;
  auto text = app::ExportItems(**store, options, &count);
  if (!text.ok()) return Fail(text.status());
  if (a.output.empty()) {
    std::cout << *text;
  } else {
    std::ofstream out(a.output, std::ios::binary | std::ios::trunc);
    out << *text;
    if (!out) return Fail(core::Unavailable("无法写入 " + a.output));
    std::cerr << "已导出 " << count << " 条已发布信息到 " << a.output << '\n';
  }
  return kExitOk;
}

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
        "{\"org\":\"" + org.code + "\",\"path_bytes\":" + std::to_string(c.path.size()) + "}");
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

// Registers `cmd` to run `fn` with the shared arguments after parsing.
template <typename F>
void Bind(CLI::App* cmd, Action& action, std::shared_ptr<ItemArgs> args, F fn) {
  AddDbOption(cmd, args->url);
  cmd->callback(
      [&action, args, fn, cmd] { action.Set([args, fn, cmd] { return fn(*args, cmd); }); });
}

void AddFieldOptions(CLI::App* cmd, ItemArgs& a) {
  cmd->add_option("--title", a.title, "信息名称");
  cmd->add_option("--category", a.category, "目录栏目（完整路径或末级名称，如 通知公告）");
  cmd->add_option("--formed", a.formed, "生成日期 YYYY-MM-DD");
  cmd->add_option("--summary", a.summary, "内容概述");
  cmd->add_option("--publisher", a.publisher, "发布机构（默认机构名称）");
  cmd->add_option("--doc-no", a.doc_no, "文号，如 汨政发〔2017〕12号");
  cmd->add_option("--topic", a.topic, "主题分类");
  cmd->add_option("--mode", a.mode, "公开方式（默认 主动公开）");
  cmd->add_flag("--regulation,!--no-regulation", a.regulation, "规章");
  cmd->add_flag("--normative,!--no-normative", a.normative, "行政规范性文件");
  cmd->add_option("--validity", a.validity, "有效性: valid|expired|repealed 或 有效|失效|废止");
  cmd->add_option("--on", a.on, "失效或废止日期（默认今天）");
  cmd->add_option("--body", a.body, "正文（Markdown）");
  cmd->add_option("--body-file", a.body_file, "从文件读取正文（Markdown, UTF-8）");
  cmd->add_option("--attach", a.attach, "附件文件（可多次）");
  cmd->add_option("--attachments", a.attachments_dir, "附件存储目录（默认 attachments/）");
}

}  // namespace

void AddItemCommands(CLI::App& app, Action& action) {
  auto a = std::make_shared<ItemArgs>();
  auto* item = app.add_subcommand("item", "主动公开信息：编辑、保密审查、发布、撤回、导入导出");
  item->require_subcommand(1);
  auto as = [&](CLI::App* c) {
    c->add_option("--as", a->as, "操作人用户名（按其在机构子树中的角色授权）")->required();
  };
  auto id = [&](CLI::App* c) { c->add_option("id", a->id, "信息编号")->required(); };

  auto* add = item->add_subcommand("add", "新建草稿，打印其编号");
  add->add_option("org", a->org, "机构代码")->required();
  AddFieldOptions(add, *a);
  add->get_option("--title")->required();
  add->get_option("--category")->required();
  add->get_option("--formed")->required();
  as(add);
  Bind(add, action, a, Add);

  auto* edit = item->add_subcommand("edit", "修改草稿或被退回的信息（只改给出的字段）");
  id(edit);
  AddFieldOptions(edit, *a);
  as(edit);
  Bind(edit, action, a, Edit);

  auto* submit = item->add_subcommand("submit", "提交保密审查");
  id(submit);
  as(submit);
  Bind(submit, action, a, [](const ItemArgs& x, CLI::App*) {
    return Step(x, [&](core::Repositories& r, const core::ChangeContext& ctx) {
      return core::SubmitItem(r, ctx, x.as, x.id);
    });
  });

  auto* review = item->add_subcommand("review", "保密审查：通过或退回（须说明理由）");
  id(review);
  as(review);
  review->add_flag("--approve", a->approve, "审查通过");
  review->add_flag("--reject", a->reject, "退回");
  review->add_option("--reason", a->reason, "退回理由或审查意见");
  Bind(review, action, a, [](const ItemArgs& x, CLI::App*) { return Review(x); });

  auto* publish = item->add_subcommand("publish", "发布审查通过的信息，生成索引号");
  id(publish);
  as(publish);
  publish->add_option("--on", a->on, "发布日期（默认今天）");
  publish->add_option("--channel", a->channels, "发布渠道（可多次，默认 website）");
  Bind(publish, action, a, [](const ItemArgs& x, CLI::App*) { return Publish(x); });

  auto* withdraw = item->add_subcommand("withdraw", "撤回已发布的信息（保留索引号与历史）");
  id(withdraw);
  as(withdraw);
  withdraw->add_option("--reason", a->reason, "撤回理由")->required();
  Bind(withdraw, action, a, [](const ItemArgs& x, CLI::App*) { return Withdraw(x); });

  auto* channel = item->add_subcommand("channel", "记录已发布信息在另一渠道的发布");
  id(channel);
  channel
      ->add_option("channel", a->kind,
                   "website|gazette|weibo|wechat|app|other 或 政府网站|政府公报|…")
      ->required();
  channel->add_option("--on", a->on, "该渠道发布日期（默认今天）");
  as(channel);
  Bind(channel, action, a, [](const ItemArgs& x, CLI::App*) { return Channel(x); });

  auto* validity = item->add_subcommand("validity", "变更已发布文件的有效性（失效、废止）");
  id(validity);
  validity->add_option("validity", a->validity, "valid|expired|repealed 或 有效|失效|废止")
      ->required();
  validity->add_option("--on", a->on, "失效或废止日期（默认今天）");
  as(validity);
  Bind(validity, action, a, [](const ItemArgs& x, CLI::App*) { return SetValidity(x); });

  auto* show = item->add_subcommand("show", "显示信息的目录元数据、渠道、附件和历史");
  id(show);
  show->add_flag("--html", a->html, "只输出正文的 HTML（cmark-gfm，禁止原始 HTML）");
  Bind(show, action, a, [](const ItemArgs& x, CLI::App*) { return Show(x); });

  auto* list = item->add_subcommand("list", "列出信息（编号、状态、索引号、发布日期、栏目、名称）");
  list->add_option("--org", a->org, "机构代码（含下级机构）");
  list->add_option("--state", a->state, "状态");
  list->add_option("--year", a->year, "发布年份");
  list->add_option("--limit", a->limit, "最多显示条数（默认 50，0 为不限）");
  Bind(list, action, a, [](const ItemArgs& x, CLI::App*) { return List(x); });

  auto* import = item->add_subcommand("import", "从 CSV 或 JSON 导入（任一行有误则不写入）");
  import->add_option("file", a->file, "文件")->required();
  as(import);
  import->add_option("--org", a->org, "无“机构代码”列时使用的机构");
  import->add_option("--format", a->format, "csv|json（默认 csv）")
      ->check(CLI::IsMember({"csv", "json"}));
  import->add_option("--encoding", a->encoding, "auto|utf-8|gb18030|gbk（默认自动识别）");
  import->add_flag("--skip-bad", a->skip_bad, "只导入无误的行并列出有误的行");
  Bind(import, action, a, [](const ItemArgs& x, CLI::App*) { return Import(x); });

  auto* exp = item->add_subcommand("export", "导出已发布信息（不含未发布信息和个人信息）");
  exp->add_option("--org", a->org, "机构代码（含下级机构；默认全部）");
  exp->add_option("--year", a->year, "发布年份");
  exp->add_option("--format", a->format, "csv|json（默认 csv，UTF-8 带 BOM）")
      ->check(CLI::IsMember({"csv", "json"}));
  exp->add_option("-o,--output", a->output, "输出文件（默认标准输出）");
  Bind(exp, action, a, [](const ItemArgs& x, CLI::App*) { return Export(x); });

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

}  // namespace gongkai::cli
