// gongkai user add | list | passwd
#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "app/password.hpp"
#include "cli/commands.hpp"
#include "core/org_service.hpp"

namespace gongkai::cli {
namespace {

struct UserArgs {
  std::string url, username, display_name, role = "editor", org;
  bool force_change = false;
};

// Reads one line from stdin, without echo when stdin is a terminal, so the password is
// never an argument (arguments show in `ps` and shell history).
core::Result<std::string> ReadPassword() {
  bool tty = isatty(STDIN_FILENO);
  termios saved{};
  if (tty) {
    std::cerr << "密码: " << std::flush;
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  bool got = static_cast<bool>(std::getline(std::cin, line));
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << '\n';
  }
  if (!got) return core::InvalidArgument("未从标准输入读到密码", "password");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int Add(const UserArgs& a) {
  auto role = core::ParseRole(a.role);
  if (!role.ok()) return PrintError(role.status());
  auto display = NormalizeArg(a.display_name, "name");
  if (!display.ok()) return PrintError(display.status());
  core::Status valid = core::ValidateUsername(a.username);
  if (!valid.ok()) return PrintError(valid);
  auto password = ReadPassword();
  if (!password.ok()) return PrintError(password.status());
  auto hash = app::HashPassword(*password);
  if (!hash.ok()) return PrintError(hash.status());
  core::User user;
  user.username = a.username;
  user.display_name = *display;
  user.password_hash = *hash;
  user.must_change_password = a.force_change;
  core::ChangeContext ctx = CliChangeContext();
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    return core::CreateUser(repos, ctx, user, *role, a.org).status();
  });
  if (rc == kExitOk)
    std::cout << "已创建用户 " << a.username << "（" << core::RoleLabel(*role) << "）\n";
  return rc;
}

int List(const UserArgs& a) {
  return RunInTransaction(a.url, [](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto users, repos.users().List());
    GONGKAI_ASSIGN_OR_RETURN(auto orgs, repos.orgs().List());
    for (const auto& u : users) {
      GONGKAI_ASSIGN_OR_RETURN(auto grants, repos.users().ListGrants(u.id));
      std::string roles;
      for (const auto& g : grants) {
        if (g.revoked_at) continue;
        std::string org_code = "?";
        for (const auto& o : orgs) {
          if (o.id == g.org_id) org_code = o.code;
        }
        if (!roles.empty()) roles += ", ";
        roles += std::string(core::RoleCode(g.role)) + "@" + org_code;
      }
      std::cout << u.username << '\t' << u.display_name << '\t' << roles
                << (u.disabled ? "\t已停用" : "") << (u.must_change_password ? "\t须改密码" : "")
                << '\n';
    }
    return core::Status::Ok();
  });
}

int Passwd(const UserArgs& a) {
  auto password = ReadPassword();
  if (!password.ok()) return PrintError(password.status());
  auto hash = app::HashPassword(*password);
  if (!hash.ok()) return PrintError(hash.status());
  core::ChangeContext ctx = CliChangeContext();
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) {
    return core::SetPassword(repos, ctx, a.username, *hash, a.force_change);
  });
  if (rc == kExitOk) std::cout << "已更新 " << a.username << " 的密码\n";
  return rc;
}

}  // namespace

void AddUserCommands(CLI::App& app, Action& action) {
  auto args = std::make_shared<UserArgs>();
  auto* user = app.add_subcommand("user", "工作人员账号");
  user->require_subcommand(1);

  auto* add = user->add_subcommand("add", "新建账号（密码从标准输入读取）");
  AddDbOption(add, args->url);
  add->add_option("username", args->username, "登录名")->required();
  add->add_option("--name", args->display_name, "姓名");
  add->add_option("--role", args->role,
                  "角色: admin|editor|reviewer|case_handler|auditor（默认 editor）");
  add->add_option("--org", args->org, "角色所属机构代码（默认根机构，含其全部下级）");
  add->add_flag("--force-change", args->force_change, "首次登录须修改密码");
  add->callback([&action, args] { action.Set([args] { return Add(*args); }); });

  auto* list = user->add_subcommand("list", "列出账号及其角色");
  AddDbOption(list, args->url);
  list->callback([&action, args] { action.Set([args] { return List(*args); }); });

  auto* passwd = user->add_subcommand("passwd", "设置密码（从标准输入读取）");
  AddDbOption(passwd, args->url);
  passwd->add_option("username", args->username, "登录名")->required();
  passwd->add_flag("--force-change", args->force_change, "下次登录须修改密码（管理员重置）");
  passwd->callback([&action, args] { action.Set([args] { return Passwd(*args); }); });
}

}  // namespace gongkai::cli
