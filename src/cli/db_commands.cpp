// gongkai init | migrate | summary
#include <iostream>

#include "app/setup.hpp"
#include "cli/commands.hpp"
#include "core/calendar_service.hpp"
#include "core/org_tree.hpp"
#include "store/migrations.hpp"

namespace gongkai::cli {
namespace {

struct DbArgs {
  std::string url;
};

int Migrate(const DbArgs& args) {
  auto store = OpenStore(args.url, store::SchemaPolicy::kMigrate);
  if (!store.ok()) return PrintError(store.status());
  const auto& applied = (*store)->applied_migrations();
  if (applied.empty()) {
    std::cout << "数据库已是最新结构（版本 " << (*store)->schema_version() << "）\n";
  } else {
    for (int v : applied) std::cout << "已应用迁移 " << v << '\n';
  }
  return kExitOk;
}

int Init(const DbArgs& args) {
  auto store = OpenStore(args.url, store::SchemaPolicy::kMigrate);
  if (!store.ok()) return PrintError(store.status());
  auto report = app::ImportBundledCalendar(**store, CliChangeContext());
  if (!report.ok()) return PrintError(report.status());
  std::cout << "数据库已初始化（结构版本 " << (*store)->schema_version() << "，新载入节假日安排 "
            << report->years.size() << " 年）\n";
  return kExitOk;
}

int Summary(const DbArgs& args) {
  return RunInTransaction(args.url, [](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto orgs, repos.orgs().List());
    core::OrgTree tree(std::move(orgs));
    std::cout << "机构树（" << tree.orgs().size() << " 个机构）\n" << tree.Render() << '\n';
    GONGKAI_ASSIGN_OR_RETURN(auto counts, repos.CountAll());
    std::cout << "记录数\n";
    for (const auto& [table, n] : counts.rows) {
      std::cout << "  " << table << std::string(table.size() < 16 ? 16 - table.size() : 1, ' ') << n
                << '\n';
    }
    return core::Status::Ok();
  });
}

}  // namespace

void AddDbCommands(CLI::App& app, Action& action) {
  auto args = std::make_shared<DbArgs>();
  auto* init = app.add_subcommand("init", "创建或升级数据库并载入内置节假日安排");
  AddDbOption(init, args->url);
  init->callback([&action, args] { action.Set([args] { return Init(*args); }); });

  auto* migrate = app.add_subcommand("migrate", "应用数据库结构迁移");
  AddDbOption(migrate, args->url);
  migrate->callback([&action, args] { action.Set([args] { return Migrate(*args); }); });

  auto* summary = app.add_subcommand("summary", "打印机构树和各类记录数");
  AddDbOption(summary, args->url);
  summary->callback([&action, args] { action.Set([args] { return Summary(*args); }); });
}

}  // namespace gongkai::cli
