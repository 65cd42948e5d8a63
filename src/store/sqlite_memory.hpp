// The memory of one SQLite connection: its page cache and its memory map of the file, as
// the server's configuration sizes them (app::ServerConfig sqlite_cache_mb, sqlite_mmap_mb;
// docs/deploy/README.md, "Memory").
//
// The page cache is the process's anonymous memory, per connection. Mapped pages are
// file-backed memory: the kernel may drop them at any time, and a read through the map
// skips the copy into the page cache. Not thread-safe beyond SociStore itself: call it on a
// connection no other thread is using (at pool start-up).
#pragma once

#include "store/soci_store.hpp"

namespace gongkai::store {

struct SqliteMemory {
  long long cache_mb = 8;   // PRAGMA cache_size = -(cache_mb × 1024) (KiB)
  long long mmap_mb = 256;  // PRAGMA mmap_size = mmap_mb × 2^20 (0: no map)
};

// Sets `memory` on `store`'s connection. True when both pragmas were applied, and on
// PostgreSQL (nothing to do: the database server sizes its own buffers); false when SQLite
// refused one (the connection then keeps the previous settings, which are only slower).
bool ApplySqliteMemory(SociStore& store, const SqliteMemory& memory);

}  // namespace gongkai::store
