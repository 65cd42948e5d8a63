#include <soci/soci.h>

#include <exception>
#include <string>

#include "store/migrations.hpp"
#include "store/soci_store.hpp"

namespace gongkai::store {

core::Result<int> CheckReady(SociStore& store) {
  try {
    soci::session& sql = store.session();
    int one = 0;
    sql << "SELECT 1", soci::into(one);
    auto current = CurrentSchemaVersion(sql, store.backend());
    if (!current.ok()) return core::Unavailable(current.status().message());
    auto pending = CountPendingMigrations(sql, store.backend());
    if (!pending.ok()) return core::Unavailable(pending.status().message());
    if (*pending > 0) {
      return core::Status(core::ErrorCode::kUnavailable,
                          "数据库有 " + std::to_string(*pending) + " 个迁移未执行");
    }
    core::Status newer = CheckSchemaNotNewer(sql, store.backend());
    if (!newer.ok()) return core::Unavailable(newer.message());
    return *current;
  } catch (const std::exception&) {
    return core::Unavailable("数据库无法连接");
  }
}

}  // namespace gongkai::store
