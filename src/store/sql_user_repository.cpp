#include "store/internal/sql_util.hpp"
#include "store/sql_repositories.hpp"

namespace gongkai::store {

using core::Id;

std::vector<core::User> SqlUserRepository::Select(const std::string& where,
                                                  const std::optional<std::string>& param) {
  std::vector<core::User> out;
  core::User u;
  long long id = 0;
  int must_change = 0, disabled = 0;
  soci::statement st(sql_);
  st.exchange(soci::into(id));
  st.exchange(soci::into(u.username));
  st.exchange(soci::into(u.display_name));
  st.exchange(soci::into(u.password_hash));
  st.exchange(soci::into(must_change));
  st.exchange(soci::into(disabled));
  st.exchange(soci::into(u.created_at));
  if (param) st.exchange(soci::use(*param));
  st.alloc();
  st.prepare(
      "SELECT id, username, display_name, password_hash, must_change_password, disabled, "
      "created_at FROM users " +
      where + " ORDER BY username");
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    u.id = id;
    u.must_change_password = must_change != 0;
    u.disabled = disabled != 0;
    out.push_back(u);
  }
  return out;
}

core::Result<Id> SqlUserRepository::Insert(const core::User& u) {
  GONGKAI_ASSIGN_OR_RETURN(auto existing, FindByUsername(u.username));
  if (existing) return core::AlreadyExists("用户名已存在: " + u.username, "username");
  long long id = 0;
  int must_change = u.must_change_password, disabled = u.disabled;
  sql_ << "INSERT INTO users (username, display_name, password_hash, must_change_password, "
          "disabled, created_at) VALUES (:u, :d, :p, :m, :x, :c) RETURNING id",
      soci::use(u.username), soci::use(u.display_name), soci::use(u.password_hash),
      soci::use(must_change), soci::use(disabled), soci::use(u.created_at), soci::into(id);
  return Id{id};
}

core::Status SqlUserRepository::Update(const core::User& u) {
  long long id = u.id;
  int must_change = u.must_change_password, disabled = u.disabled;
  soci::statement st =
      (sql_.prepare << "UPDATE users SET username = :u, display_name = :d, password_hash = :p, "
                       "must_change_password = :m, disabled = :x WHERE id = :id",
       soci::use(u.username), soci::use(u.display_name), soci::use(u.password_hash),
       soci::use(must_change), soci::use(disabled), soci::use(id));
  st.execute(true);
  if (st.get_affected_rows() == 0) return core::NotFound("用户不存在: " + u.username);
  return core::Status::Ok();
}

core::Result<std::optional<core::User>> SqlUserRepository::FindByUsername(
    std::string_view username) {
  auto rows = Select("WHERE username = :u", std::string(username));
  if (rows.empty()) return std::optional<core::User>();
  return std::optional<core::User>(rows.front());
}

core::Result<std::vector<core::User>> SqlUserRepository::List() { return Select("", std::nullopt); }

core::Result<Id> SqlUserRepository::InsertGrant(const core::RoleGrant& g) {
  long long id = 0, user_id = g.user_id, org_id = g.org_id;
  std::string role = core::RoleCode(g.role);
  NullableText revoked(g.revoked_at);
  sql_ << "INSERT INTO role_grants (user_id, org_id, role, granted_at, revoked_at) VALUES "
          "(:u, :o, :r, :g, :x) RETURNING id",
      soci::use(user_id), soci::use(org_id), soci::use(role), soci::use(g.granted_at),
      soci::use(revoked.value, revoked.ind), soci::into(id);
  return Id{id};
}

core::Status SqlUserRepository::RevokeGrant(Id grant_id, const std::string& at) {
  long long id = grant_id;
  soci::statement st = (sql_.prepare << "UPDATE role_grants SET revoked_at = :a WHERE id = :id "
                                        "AND revoked_at IS NULL",
                        soci::use(at), soci::use(id));
  st.execute(true);
  if (st.get_affected_rows() == 0) {
    return core::NotFound("授权不存在或已撤销: " + std::to_string(grant_id));
  }
  return core::Status::Ok();
}

core::Result<std::vector<core::RoleGrant>> SqlUserRepository::ListGrants(Id user_id) {
  std::vector<core::RoleGrant> out;
  core::RoleGrant g;
  long long id = 0, org_id = 0, uid = user_id;
  std::string role;
  NullableText revoked;
  soci::statement st =
      (sql_.prepare << "SELECT id, org_id, role, granted_at, revoked_at FROM role_grants "
                       "WHERE user_id = :u ORDER BY id",
       soci::into(id), soci::into(org_id), soci::into(role), soci::into(g.granted_at),
       soci::into(revoked.value, revoked.ind), soci::use(uid));
  st.execute();
  while (st.fetch()) {
    g.id = id;
    g.user_id = user_id;
    g.org_id = org_id;
    g.role = Unwrap(core::ParseRole(role));
    g.revoked_at =
        revoked.ind == soci::i_null ? std::nullopt : std::optional<std::string>(revoked.value);
    out.push_back(g);
  }
  return out;
}

}  // namespace gongkai::store
