// gongkai audit verify
#include <iostream>

#include "cli/commands.hpp"

namespace gongkai::cli {
namespace {

int Verify(const std::string& url) {
  std::optional<core::Id> broken;
  int64_t count = 0;
  int rc = RunInTransaction(url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(broken, repos.audit().Verify());
    GONGKAI_ASSIGN_OR_RETURN(count, repos.audit().Count());
    return core::Status::Ok();
  });
  if (rc != kExitOk) return rc;
  if (broken) {
    std::cerr << "gongkai: 审计链在事件 " << *broken << " 处断裂：该记录或其前一条已被改动或删除\n";
    return kExitFinding;
  }
  std::cout << "审计链完整（" << count << " 条事件）\n";
  return kExitOk;
}

}  // namespace

void AddAuditCommands(CLI::App& app, Action& action) {
  auto url = std::make_shared<std::string>();
  auto* audit = app.add_subcommand("audit", "审计记录");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "校验审计链（SHA-256），报告第一处断裂");
  AddDbOption(verify, *url);
  verify->callback([&action, url] { action.Set([url] { return Verify(*url); }); });
}

}  // namespace gongkai::cli
