// gongkai audit personal-data: the self-audit of what is already public (issue 20). Every
// published item of the body (or all bodies) and its attachments go through the review's
// second reader (core/item_exposure.hpp); unmasked personal data and misstatements are
// listed by body with a link to the public page; exit 1 when any is found.
#include <cstdlib>
#include <iostream>
#include <map>

#include "app/exposure_setup.hpp"
#include "cli/commands.hpp"
#include "core/item_exposure.hpp"
#include "core/json_writer.hpp"
#include "core/org_service.hpp"
#include "core/org_tree.hpp"

namespace gongkai::cli {
namespace {

struct Args {
  std::string url, org, format = "text", attachments = "attachments", base_url, phrases;
};

struct Row {
  std::string org_code, org_name, index_no, link, field, kind, preview, title;
  core::Id item_id = 0;
  int confidence = 0;
};

std::string Csv(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void Print(const Args& a, const std::vector<Row>& rows, int64_t items, int64_t masked,
           const std::vector<std::string>& unreadable) {
  if (a.format == "json") {
    std::string list = "[";
    for (const auto& r : rows) {
      if (list.size() > 1) list += ",";
      list += core::JsonObjectWriter()
                  .Add("org", r.org_code)
                  .Add("org_name", r.org_name)
                  .Add("item_id", int64_t{r.item_id})
                  .Add("index_no", r.index_no)
                  .Add("title", r.title)
                  .Add("link", r.link)
                  .Add("field", r.field)
                  .Add("kind", r.kind)
                  .Add("preview", r.preview)
                  .Add("confidence", r.confidence)
                  .Finish();
    }
    list += "]";
    std::string skipped = "[";
    for (const auto& u : unreadable) {
      if (skipped.size() > 1) skipped += ",";
      core::AppendJsonString(skipped, u);
    }
    skipped += "]";
    std::cout << core::JsonObjectWriter()
                     .Add("items_scanned", items)
                     .Add("masked_found", masked)
                     .AddRaw("findings", list)
                     .AddRaw("unreadable_attachments", skipped)
                     .Finish()
              << '\n';
    return;
  }
  if (a.format == "csv") {
    std::cout << "org,org_name,item_id,index_no,title,link,field,kind,preview,confidence\n";
    for (const auto& r : rows) {
      std::cout << Csv(r.org_code) << ',' << Csv(r.org_name) << ',' << r.item_id << ','
                << Csv(r.index_no) << ',' << Csv(r.title) << ',' << Csv(r.link) << ','
                << Csv(r.field) << ',' << r.kind << ',' << Csv(r.preview) << ',' << r.confidence
                << '\n';
    }
    return;
  }
  std::cout
      << "个人信息与表述自查（已公开信息及其附件）\n机构\t索引号\t位置\t类别\t内容（已遮盖显示）"
         "\t链接\n";
  std::string last_org;
  for (const auto& r : rows) {
    if (r.org_code != last_org) std::cout << "\n" << r.org_code << " " << r.org_name << '\n';
    last_org = r.org_code;
    std::cout << r.org_code << '\t' << r.index_no << '\t' << r.field << '\t' << r.kind << '\t'
              << r.preview << '\t' << r.link << '\n';
  }
  for (const auto& u : unreadable) std::cout << "无法读取的附件（请人工审读）：" << u << '\n';
  std::cout << "\n合计: 扫描已公开信息 " << items << " 条，发现未遮盖个人信息或表述错误 "
            << rows.size() << " 处，已遮盖 " << masked << " 处\n";
}

int Audit(const Args& a) {
  if (a.format != "text" && a.format != "json" && a.format != "csv")
    return PrintError(core::InvalidArgument("--format 只能是 text、json 或 csv", "format"));
  if (auto s = app::InstallExposureScanning(a.attachments); !s.ok()) return PrintError(s);
  if (!a.phrases.empty()) {
    auto rules = app::LoadMisstatementRules(a.phrases);
    if (!rules.ok()) return PrintError(rules.status());
    core::SetMisstatementRules(std::move(rules).value());
  }
  std::vector<Row> rows;
  std::vector<std::string> unreadable;
  int64_t items_scanned = 0, masked = 0;
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto orgs, repos.orgs().List());
    core::OrgTree tree(orgs);
    core::ItemQuery query;
    query.states = {core::ItemState::kPublished};
    if (!a.org.empty()) {
      GONGKAI_ASSIGN_OR_RETURN(core::Org root, core::ResolveOrg(repos, a.org));
      for (const core::Org* o : tree.Subtree(root.id)) query.org_ids.push_back(o->id);
    }
    GONGKAI_ASSIGN_OR_RETURN(auto items, repos.items().Find(query));
    std::string base = a.base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    for (const auto& item : items) {
      const core::Org* org = tree.Find(item.org_id);
      if (!org) continue;
      ++items_scanned;
      // Refreshes the stored scan the back-office dashboard counts (issue 20).
      GONGKAI_ASSIGN_OR_RETURN(auto exposure, core::RecordExposureScan(repos, item, *org));
      Row row;
      row.org_code = org->code;
      row.org_name = org->name;
      row.item_id = item.id;
      row.index_no = item.index_no.value_or("");
      row.title = item.title;
      row.link = base + "/item/" + std::to_string(item.id);
      for (const auto& f : exposure.personal_data) {
        if (f.kind == core::PiiKind::kName) continue;
        if (f.masked) {
          ++masked;
          continue;
        }
        row.field = core::FindingKey(f.field, f.offset);
        row.kind = core::PiiKindLabel(f.kind);
        row.preview = f.preview;
        row.confidence = f.confidence_pct;
        rows.push_back(row);
      }
      for (const auto& m : exposure.misstatements) {
        row.field = core::FindingKey(m.field, m.offset);
        row.kind = "表述错误";
        row.preview = m.rule->phrase + " → " + m.rule->correction;
        row.confidence = 100;
        rows.push_back(row);
      }
      for (const auto& u : exposure.unreadable) unreadable.push_back(row.index_no + " " + u);
    }
    return core::Status::Ok();
  });
  if (rc != kExitOk) return rc;
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& x, const Row& y) { return x.org_code < y.org_code; });
  Print(a, rows, items_scanned, masked, unreadable);
  return rows.empty() ? kExitOk : kExitFinding;
}

}  // namespace

void InstallExposureScanningFromEnv() {
  const char* dir = std::getenv("GONGKAI_ATTACHMENT_DIR");
  auto s = app::InstallExposureScanning(dir && *dir ? dir : "attachments");
  if (!s.ok()) std::cerr << "gongkai: 警告：表述规则未载入：" << s.message() << '\n';
}

void AddAuditPersonalDataCommand(CLI::App& audit, Action& action) {
  auto a = std::make_shared<Args>();
  if (const char* dir = std::getenv("GONGKAI_ATTACHMENT_DIR"); dir && *dir) a->attachments = dir;
  auto* cmd = audit.add_subcommand("personal-data",
                                   "个人信息自查：扫描已公开信息及附件中的身份证号、手机号、银行卡"
                                   "号等和表述错误，发现即退出码 1");
  AddDbOption(cmd, a->url);
  cmd->add_option("--org", a->org, "机构代码（含下级机构；默认全部）");
  cmd->add_option("--format", a->format, "输出格式 text|json|csv（默认 text）");
  cmd->add_option("--attachments", a->attachments,
                  "附件存储目录（默认 $GONGKAI_ATTACHMENT_DIR 或 attachments/）");
  cmd->add_option("--base-url", a->base_url, "门户网址，用于生成链接（默认相对链接）");
  cmd->add_option("--phrases", a->phrases,
                  "本单位的表述规则文件（与 data/misstatements.tsv 同格式）");
  cmd->callback([&action, a] { action.Set([a] { return Audit(*a); }); });
}

}  // namespace gongkai::cli
