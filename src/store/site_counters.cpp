#include "store/site_counters.hpp"

#include <soci/soci.h>

namespace gongkai::store {
namespace {

struct Table {
  const char* name;
  const char* key;
  const char* count;
};

Table TableFor(SiteCounter counter) {
  return counter == SiteCounter::kPageVisits ? Table{"page_visits", "path", "visits"}
                                             : Table{"search_misses", "query", "misses"};
}

core::Status Failed(const std::exception& e) {
  return core::Status(core::ErrorCode::kUnavailable, std::string("计数写入失败: ") + e.what());
}

}  // namespace

core::Status AddCounters(SociStore& store, SiteCounter counter, const CounterDeltas& deltas) {
  if (deltas.empty()) return core::Status::Ok();
  Table t = TableFor(counter);
  // ON CONFLICT … DO UPDATE is the same in SQLite (≥ 3.24) and PostgreSQL.
  std::string sql = std::string("INSERT INTO ") + t.name + " (day, " + t.key + ", " + t.count +
                    ") VALUES (:d, :k, :n) ON CONFLICT (day, " + t.key + ") DO UPDATE SET " +
                    t.count + " = " + t.name + "." + t.count + " + excluded." + t.count;
  soci::session& sql_session = store.session();
  try {
    soci::transaction tx(sql_session);
    std::string day, key;
    long long n = 0;
    soci::statement st = (sql_session.prepare << sql, soci::use(day), soci::use(key), soci::use(n));
    for (const auto& [day_key, count] : deltas) {
      day = day_key.first;
      key = day_key.second;
      n = count;
      st.execute(true);
    }
    tx.commit();
  } catch (const std::exception& e) {
    return Failed(e);
  }
  return core::Status::Ok();
}

core::Result<std::vector<CounterTotal>> TopCounters(SociStore& store, SiteCounter counter,
                                                    const std::string& from, const std::string& to,
                                                    int limit) {
  Table t = TableFor(counter);
  std::vector<CounterTotal> out;
  try {
    std::string key, f = from, u = to;
    long long n = 0;
    int lim = limit;
    soci::statement st =
        (store.session().prepare << std::string("SELECT ") + t.key + ", CAST(SUM(" + t.count +
                                        ") AS BIGINT) AS total FROM " + t.name +
                                        " WHERE day >= :f AND day <= :t GROUP BY " + t.key +
                                        " ORDER BY total DESC, " + t.key + " LIMIT :l",
         soci::into(key), soci::into(n), soci::use(f), soci::use(u), soci::use(lim));
    st.execute();
    while (st.fetch()) out.push_back({key, n});
  } catch (const std::exception& e) {
    return Failed(e);
  }
  return out;
}

core::Result<int64_t> SumCounters(SociStore& store, SiteCounter counter, const std::string& from,
                                  const std::string& to) {
  Table t = TableFor(counter);
  try {
    long long n = 0;
    soci::indicator ind = soci::i_ok;
    std::string f = from, u = to;
    store.session() << std::string("SELECT CAST(SUM(") + t.count + ") AS BIGINT) FROM " + t.name +
                           " WHERE day >= :f AND day <= :t",
        soci::into(n, ind), soci::use(f), soci::use(u);
    return ind == soci::i_null ? int64_t{0} : int64_t{n};
  } catch (const std::exception& e) {
    return Failed(e);
  }
}

core::Result<uint64_t> DataGeneration(SociStore& store) {
  try {
    long long last = 0;
    store.session() << "SELECT last_id FROM audit_head WHERE singleton = 1", soci::into(last);
    return static_cast<uint64_t>(last);
  } catch (const std::exception& e) {
    return core::Status(core::ErrorCode::kUnavailable,
                        std::string("读取数据版本失败: ") + e.what());
  }
}

}  // namespace gongkai::store
