// gongkai item add | edit | submit | review | publish | withdraw | channel | validity | show |
//              list | import | export  (item counts | overdue | category and the response,
//              stats and submission commands: item_stats_commands.cpp)
#include <unistd.h>

#include <cstdio>
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
#include "cli/item_args.hpp"
#include "cli/progress.hpp"
#include "core/calendar_service.hpp"
#include "core/catalog.hpp"
#include "core/item_exposure.hpp"
#include "core/item_workflow.hpp"
#include "core/org_service.hpp"
#include "core/org_tree.hpp"
#include "core/proactive_stats.hpp"

namespace gongkai::cli {
namespace {

using namespace item_cli;

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

// One warning line per imported row with unmasked personal data: kinds, keys and masked
// previews only (never the values), e.g.
// "第 3 行《…》（published）含未遮盖的个人信息 2 处：居民身份证号 body@12 430681********1234；…".
void PrintImportFindings(const app::ImportReport& report) {
  for (const auto& f : report.findings) {
    std::cerr << "警告：第 " << f.row << " 行《" << f.title << "》（" << f.state
              << "）含未遮盖的个人信息 " << f.findings.size() << " 处：";
    for (size_t i = 0; i < f.findings.size(); ++i) {
      const core::PiiFinding& p = f.findings[i];
      std::cerr << (i ? "；" : "") << core::PiiKindLabel(p.kind) << ' '
                << core::FindingKey(p.field, p.offset) << ' ' << p.preview;
    }
    std::cerr << '\n';
  }
}

// `--timings`: one line per phase on stderr, wall and CPU seconds (all threads, and the
// writer thread alone), so that the row work and the index build can be measured apart.
void PrintImportTimings(const app::ImportTimings& t) {
  auto line = [](const char* name, const app::ImportPhase& p) {
    std::fprintf(stderr, "阶段 %-6s 用时 %.3f s  CPU %.3f s（写入线程 %.3f s）\n", name, p.wall,
                 p.cpu, p.writer_cpu);
  };
  line("read", t.read);
  line("rows", t.rows);
  line("index", t.index);
  line("commit", t.commit);
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
  options.allow_personal_data = a.allow_personal_data;
  options.row_workers = a.row_workers < 0 ? -1 : a.row_workers;
  Progress progress("导入", 0);
  options.progress = [&progress](size_t done, size_t total) {
    progress.SetTotal(static_cast<int64_t>(total));
    progress.Update(static_cast<int64_t>(done));
  };
  BulkImport bulk(**store);  // large files: one bulk index build before the commit
  bulk.Attach(options);
  app::ImportTimings timings;
  if (a.timings) options.timings = &timings;
  auto report = app::ImportItems(**store, CliChangeContext(), *bytes, options);
  progress.Finish();
  if (!report.ok()) return Fail(report.status());
  if (a.timings) PrintImportTimings(timings);
  PrintImportFindings(*report);
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
  import->add_flag("--timings", a->timings, "在标准错误输出各阶段的用时和 CPU 时间");
  import->add_option("--row-workers", a->row_workers,
                     "并行检查行的线程数（默认按 CPU 数，最多 4；0 表示在写入线程上逐块检查）");
  import->add_flag("--allow-personal-data", a->allow_personal_data,
                   "确认依法公开后，导入含未遮盖个人信息的已发布信息（默认拒绝）");
  Bind(import, action, a, [](const ItemArgs& x, CLI::App*) { return Import(x); });

  auto* exp = item->add_subcommand("export", "导出已发布信息（不含未发布信息和个人信息）");
  exp->add_option("--org", a->org, "机构代码（含下级机构；默认全部）");
  exp->add_option("--year", a->year, "发布年份");
  exp->add_option("--format", a->format, "csv|json（默认 csv，UTF-8 带 BOM）")
      ->check(CLI::IsMember({"csv", "json"}));
  exp->add_option("-o,--output", a->output, "输出文件（默认标准输出）");
  Bind(exp, action, a, [](const ItemArgs& x, CLI::App*) { return Export(x); });

  AddItemStatsCommands(app, item, action, a);
}

}  // namespace gongkai::cli
