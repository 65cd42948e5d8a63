#include "search/sqlite_handle.hpp"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace gongkai::search {

sqlite3* SqliteHandle(soci::session& sql) {
  auto* backend = static_cast<soci::sqlite3_session_backend*>(sql.get_backend());
  // The same object: soci-sqlite3.h declares it as sqlite_api::sqlite3.
  return reinterpret_cast<sqlite3*>(backend->conn_);
}

}  // namespace gongkai::search
