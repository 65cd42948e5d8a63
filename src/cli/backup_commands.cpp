// gongkai backup | restore — whole-database backups (app/backup.hpp).
#include <iostream>

#include "app/backup.hpp"
#include "cli/commands.hpp"
#include "cli/progress.hpp"

namespace gongkai::cli {
namespace {

struct BackupArgs {
  std::string url, path;
  bool force = false;
};

int Backup(const BackupArgs& a) {
  Progress progress("备份（页）", 0);
  auto summary = app::BackupDatabase(a.url, a.path, [&progress](int64_t done, int64_t total) {
    progress.SetTotal(total);
    progress.Update(done);
  });
  progress.Finish();
  if (!summary.ok()) return PrintError(summary.status());
  std::cout << "已备份到 " << a.path << "（" << summary->bytes << " 字节，结构版本 "
            << summary->schema_version << "）\n";
  return kExitOk;
}

int Restore(const BackupArgs& a) {
  app::RestoreOptions options;
  options.force = a.force;
  Progress progress("恢复（页）", 0);
  options.progress = [&progress](int64_t done, int64_t total) {
    progress.SetTotal(total);
    progress.Update(done);
  };
  auto summary = app::RestoreDatabase(a.path, a.url, options);
  progress.Finish();
  if (!summary.ok()) return PrintError(summary.status());
  std::cout << "已从 " << a.path << " 恢复（结构版本 " << summary->schema_version;
  if (!summary->applied_migrations.empty()) {
    std::cout << "，已应用迁移 " << summary->applied_migrations.size() << " 个";
  }
  std::cout << "）\n";
  return kExitOk;
}

}  // namespace

void AddBackupCommands(CLI::App& app, Action& action) {
  auto args = std::make_shared<BackupArgs>();
  auto* backup = app.add_subcommand(
      "backup", "备份整个数据库（SQLite：在线备份，服务运行时亦可；PostgreSQL：pg_dump）");
  AddDbOption(backup, args->url);
  backup->add_option("path", args->path, "备份文件（不得已存在）")->required();
  backup->callback([&action, args] { action.Set([args] { return Backup(*args); }); });

  auto* restore = app.add_subcommand("restore", "从备份恢复到空数据库，并迁移到本程序的结构版本");
  AddDbOption(restore, args->url);
  restore->add_option("path", args->path, "备份文件")->required();
  restore->add_flag("--force", args->force, "目标数据库非空时也恢复（覆盖其全部数据）");
  restore->callback([&action, args] { action.Set([args] { return Restore(*args); }); });
}

}  // namespace gongkai::cli
