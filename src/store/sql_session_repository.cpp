#include "store/internal/sql_util.hpp"
#include "store/sql_repositories.hpp"

namespace gongkai::store {

core::Status SqlSessionRepository::Insert(const core::Session& s) {
  long long user_id = s.user_id;
  sql_ << "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) "
          "VALUES (:h, :u, :c, :l, :e)",
      soci::use(s.token_hash), soci::use(user_id), soci::use(s.created_at),
      soci::use(s.last_seen_at), soci::use(s.expires_at);
  return core::Status::Ok();
}

core::Result<std::optional<core::Session>> SqlSessionRepository::Find(std::string_view token_hash) {
  std::string hash(token_hash);
  core::Session s;
  long long user_id = 0;
  soci::indicator ind = soci::i_null;
  sql_ << "SELECT s.token_hash, s.user_id, u.username, s.created_at, s.last_seen_at, "
          "s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = :h",
      soci::use(hash), soci::into(s.token_hash, ind), soci::into(user_id), soci::into(s.username),
      soci::into(s.created_at), soci::into(s.last_seen_at), soci::into(s.expires_at);
  if (!sql_.got_data()) return std::optional<core::Session>();
  s.user_id = user_id;
  return std::optional<core::Session>(std::move(s));
}

core::Status SqlSessionRepository::Touch(std::string_view token_hash, const std::string& at) {
  std::string hash(token_hash);
  sql_ << "UPDATE sessions SET last_seen_at = :a WHERE token_hash = :h", soci::use(at),
      soci::use(hash);
  return core::Status::Ok();
}

core::Status SqlSessionRepository::Delete(std::string_view token_hash) {
  std::string hash(token_hash);
  sql_ << "DELETE FROM sessions WHERE token_hash = :h", soci::use(hash);
  return core::Status::Ok();
}

core::Result<int> SqlSessionRepository::DeleteForUser(core::Id user_id) {
  long long id = user_id;
  soci::statement st = (sql_.prepare << "DELETE FROM sessions WHERE user_id = :u", soci::use(id));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

core::Result<int> SqlSessionRepository::DeleteExpired(const std::string& now) {
  soci::statement st =
      (sql_.prepare << "DELETE FROM sessions WHERE expires_at < :n", soci::use(now));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

core::Result<std::optional<core::LoginFailures>> SqlSessionRepository::GetFailures(
    std::string_view key) {
  std::string k(key);
  core::LoginFailures f;
  int failures = 0;
  NullableText locked;
  sql_ << "SELECT failure_key, failures, first_failed_at, locked_until FROM login_failures "
          "WHERE failure_key = :k",
      soci::use(k), soci::into(f.key), soci::into(failures), soci::into(f.first_failed_at),
      soci::into(locked.value, locked.ind);
  if (!sql_.got_data()) return std::optional<core::LoginFailures>();
  f.failures = failures;
  if (locked.ind == soci::i_ok) f.locked_until = locked.value;
  return std::optional<core::LoginFailures>(std::move(f));
}

core::Status SqlSessionRepository::PutFailures(const core::LoginFailures& f) {
  int failures = f.failures;
  NullableText locked(f.locked_until);
  // An upsert (same syntax on SQLite and PostgreSQL): two servers counting a failure for
  // the same key at once must not collide on the primary key, as DELETE + INSERT would.
  sql_ << "INSERT INTO login_failures (failure_key, failures, first_failed_at, locked_until) "
          "VALUES (:k, :f, :a, :l) ON CONFLICT (failure_key) DO UPDATE SET "
          "failures = excluded.failures, first_failed_at = excluded.first_failed_at, "
          "locked_until = excluded.locked_until",
      soci::use(f.key), soci::use(failures), soci::use(f.first_failed_at),
      soci::use(locked.value, locked.ind);
  return core::Status::Ok();
}

core::Status SqlSessionRepository::ClearFailures(std::string_view key) {
  std::string k(key);
  sql_ << "DELETE FROM login_failures WHERE failure_key = :k", soci::use(k);
  return core::Status::Ok();
}

}  // namespace gongkai::store
