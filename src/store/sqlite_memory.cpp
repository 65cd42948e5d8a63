#include "store/sqlite_memory.hpp"

#include <soci/soci.h>

#include <string>

namespace gongkai::store {

bool ApplySqliteMemory(SociStore& store, const SqliteMemory& memory) {
  if (store.backend() != Backend::kSqlite) return true;
  try {
    // The values are integers formatted here, never text from outside: no binding needed
    // (SQLite does not bind PRAGMA arguments).
    store.session() << "PRAGMA cache_size = " + std::to_string(-memory.cache_mb * 1024);
    store.session() << "PRAGMA mmap_size = " + std::to_string(memory.mmap_mb << 20);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace gongkai::store
