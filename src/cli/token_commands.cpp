// gongkai token create | list | revoke: API tokens (docs/api.md). A token acts as its user;
// the secret is printed once and only its hash is stored.
#include <ctime>
#include <iostream>

#include "api/tokens.hpp"
#include "cli/commands.hpp"

namespace gongkai::cli {
namespace {

struct TokenArgs {
  std::string url, user, name;
  int64_t id = 0;
  int days = 0;  // expiry in days; 0: none
  bool read_only = false;
};

// Now plus `days`, as UTC ISO 8601 (the form ChangeContext::at has).
std::string DaysFromNow(int days) {
  std::time_t t = std::time(nullptr) + static_cast<std::time_t>(days) * 86400;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

int Create(const TokenArgs& a) {
  auto name = NormalizeArg(a.name, "name");
  if (!name.ok()) return PrintError(name.status());
  if (a.days < 0 || a.days > 3650) {
    return PrintError(core::InvalidArgument("--days 须为 1–3650（0 表示不失效）", "days"));
  }
  api::TokenScope scope;
  if (a.days > 0) scope.expires_at = DaysFromNow(a.days);
  scope.read_only = a.read_only;
  core::ChangeContext ctx = CliChangeContext();
  api::CreatedToken created;
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(created, api::CreateApiToken(repos, ctx, a.user, *name, scope));
    return core::Status::Ok();
  });
  if (rc != kExitOk) return rc;
  std::cerr << "已为 " << created.token.username << " 创建令牌 #" << created.token.id << "（"
            << created.token.name << "）。令牌只显示这一次，请妥善保存：\n";
  std::cout << created.secret << '\n';
  return kExitOk;
}

int List(const TokenArgs& a) {
  return RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto tokens, repos.api_tokens().List());
    for (const auto& t : tokens) {
      if (!a.user.empty() && t.username != a.user) continue;
      std::cout << t.id << '\t' << t.username << '\t' << t.name << "\t创建 " << t.created_at
                << "\t最近使用 " << t.last_used_at.value_or("-") << "\t失效 "
                << t.expires_at.value_or("-") << (t.read_only ? "\t只读" : "")
                << (t.revoked_at ? "\t已撤销 " + *t.revoked_at : std::string()) << '\n';
    }
    return core::Status::Ok();
  });
}

int Revoke(const TokenArgs& a) {
  core::ChangeContext ctx = CliChangeContext();
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) {
    return api::RevokeApiToken(repos, ctx, a.id).status();
  });
  if (rc == kExitOk) std::cout << "已撤销令牌 #" << a.id << '\n';
  return rc;
}

}  // namespace

void AddTokenCommands(CLI::App& app, Action& action) {
  auto args = std::make_shared<TokenArgs>();
  auto* token = app.add_subcommand("token", "JSON API 令牌（令牌即其用户，权限相同）");
  token->require_subcommand(1);

  auto* create = token->add_subcommand("create", "为用户创建令牌（只显示一次）");
  AddDbOption(create, args->url);
  create->add_option("--user", args->user, "令牌所属用户的登录名")->required();
  create->add_option("--name", args->name, "令牌名称，如“OA 系统”")->required();
  create->add_option("--days", args->days, "令牌在若干天后失效（1–3650；默认不失效）");
  create->add_flag("--read-only", args->read_only, "只读令牌：只能调用 GET 接口");
  create->callback([&action, args] { action.Set([args] { return Create(*args); }); });

  auto* list = token->add_subcommand("list", "列出令牌（不显示令牌本身）");
  AddDbOption(list, args->url);
  list->add_option("--user", args->user, "只列出该用户的令牌");
  list->callback([&action, args] { action.Set([args] { return List(*args); }); });

  auto* revoke = token->add_subcommand("revoke", "撤销令牌");
  AddDbOption(revoke, args->url);
  revoke->add_option("id", args->id, "令牌编号（见 token list）")->required();
  revoke->callback([&action, args] { action.Set([args] { return Revoke(*args); }); });
}

}  // namespace gongkai::cli
