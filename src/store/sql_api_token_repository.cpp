// api_tokens: bearer tokens of the JSON API (only the secret's hash is stored).
#include "store/internal/sql_util.hpp"
#include "store/sql_repositories.hpp"

namespace gongkai::store {

using core::Id;

std::vector<core::ApiToken> SqlApiTokenRepository::Select(const std::string& where,
                                                          const std::optional<std::string>& param) {
  std::vector<core::ApiToken> out;
  core::ApiToken t;
  long long id = 0, user_id = 0;
  std::string last_used, revoked, expires;
  int read_only = 0;
  soci::indicator last_used_ind = soci::i_null, revoked_ind = soci::i_null,
                  expires_ind = soci::i_null;
  soci::statement st(sql_);
  st.exchange(soci::into(id));
  st.exchange(soci::into(user_id));
  st.exchange(soci::into(t.username));
  st.exchange(soci::into(t.name));
  st.exchange(soci::into(t.token_hash));
  st.exchange(soci::into(t.created_at));
  st.exchange(soci::into(last_used, last_used_ind));
  st.exchange(soci::into(revoked, revoked_ind));
  st.exchange(soci::into(expires, expires_ind));
  st.exchange(soci::into(read_only));
  if (param) st.exchange(soci::use(*param));
  st.alloc();
  st.prepare(
      "SELECT t.id, t.user_id, u.username, t.name, t.token_hash, t.created_at, t.last_used_at, "
      "t.revoked_at, t.expires_at, t.read_only FROM api_tokens t JOIN users u ON u.id = "
      "t.user_id " +
      where + " ORDER BY t.id");
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    t.id = id;
    t.user_id = user_id;
    t.last_used_at =
        last_used_ind == soci::i_null ? std::nullopt : std::optional<std::string>(last_used);
    t.revoked_at = revoked_ind == soci::i_null ? std::nullopt : std::optional<std::string>(revoked);
    t.expires_at = expires_ind == soci::i_null ? std::nullopt : std::optional<std::string>(expires);
    t.read_only = read_only != 0;
    out.push_back(t);
  }
  return out;
}

core::Result<Id> SqlApiTokenRepository::Insert(const core::ApiToken& t) {
  long long id = 0, user_id = t.user_id;
  int read_only = t.read_only ? 1 : 0;
  std::string expires = t.expires_at.value_or("");
  soci::indicator expires_ind = t.expires_at ? soci::i_ok : soci::i_null;
  sql_ << "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at, read_only) "
          "VALUES (:u, :n, :h, :c, :e, :r) RETURNING id",
      soci::use(user_id), soci::use(t.name), soci::use(t.token_hash), soci::use(t.created_at),
      soci::use(expires, expires_ind), soci::use(read_only), soci::into(id);
  return Id{id};
}

core::Result<core::ApiToken> SqlApiTokenRepository::Get(Id id) {
  auto rows = Select("WHERE t.id = :id", std::to_string(id));
  if (rows.empty()) return core::NotFound("API 令牌不存在: " + std::to_string(id), "id");
  return rows.front();
}

core::Result<std::optional<core::ApiToken>> SqlApiTokenRepository::FindByHash(
    std::string_view token_hash) {
  auto rows = Select("WHERE t.token_hash = :h", std::string(token_hash));
  if (rows.empty()) return std::optional<core::ApiToken>();
  return std::optional<core::ApiToken>(rows.front());
}

core::Result<std::vector<core::ApiToken>> SqlApiTokenRepository::List() {
  return Select("", std::nullopt);
}

core::Status SqlApiTokenRepository::Revoke(Id id, const std::string& at) {
  long long key = id;
  soci::statement st = (sql_.prepare << "UPDATE api_tokens SET revoked_at = :a WHERE id = :id AND "
                                        "revoked_at IS NULL",
                        soci::use(at), soci::use(key));
  st.execute(true);
  if (st.get_affected_rows() == 0) {
    return core::NotFound("API 令牌不存在或已撤销: " + std::to_string(id), "id");
  }
  return core::Status::Ok();
}

core::Status SqlApiTokenRepository::MarkUsed(Id id, const std::string& at) {
  long long key = id;
  soci::statement st = (sql_.prepare << "UPDATE api_tokens SET last_used_at = :a WHERE id = :id",
                        soci::use(at), soci::use(key));
  st.execute(true);
  if (st.get_affected_rows() == 0) {
    return core::NotFound("API 令牌不存在: " + std::to_string(id), "id");
  }
  return core::Status::Ok();
}

}  // namespace gongkai::store
