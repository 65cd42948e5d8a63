// A fixed pool of SociStore connections for the server's threads (one SociStore is one
// connection and is not thread-safe).
//
// Size it to the threads that touch the database (server::App: the workers, or the I/O
// threads when there is no worker pool), so a request never waits for a connection while
// a thread that could serve it is idle. Thread-safe: With, usage may be called from any
// thread. The pool must outlive every front end built on it.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "store/soci_store.hpp"
#include "store/sqlite_memory.hpp"

namespace gongkai::web {

class StorePool {
 public:
  // Connections are opened at once, all of them; a failure closes those already opened.
  // Opens `size` connections to `url` (schema must be current). Fails as SociStore::Open.
  static core::Result<std::unique_ptr<StorePool>> Open(const std::string& url, int size);

  // As Open, then sizes every SQLite connection's page cache and memory map (ignored on
  // PostgreSQL; store/sqlite_memory.hpp). A pool of N connections holds up to
  // N × memory.cache_mb of anonymous memory; the map is file-backed. A pragma that fails is
  // logged, not fatal (the connection then keeps SQLite's defaults).
  static core::Result<std::unique_ptr<StorePool>> Open(const std::string& url, int size,
                                                       const store::SqliteMemory& memory);

  // Runs `work` with a connection of its own, waiting for one to be free. The connection
  // returns to the pool afterwards, even when `work` throws.
  // `work` gets a SociStore& and returns anything; With returns it. `work` must not call
  // With again (a thread holding a connection and waiting for another could deadlock the
  // pool when every connection is lent out).
  template <typename F>
  auto With(F&& work) {
    store::SociStore* s = Acquire();
    struct Release {
      StorePool* pool;
      store::SociStore* s;
      ~Release() { pool->ReleaseStore(s); }
    } release{this, s};
    return work(*s);
  }

  // The pool's size and how many connections are lent out (for /metrics).
  struct Usage {
    int size = 0;
    int in_use = 0;
  };
  Usage usage() {
    std::lock_guard<std::mutex> lock(mu_);
    return {static_cast<int>(all_.size()), static_cast<int>(all_.size() - free_.size())};
  }

 private:
  // Blocks until a connection is free, then lends it, reopened first when the database
  // dropped it (SociStore::ReconnectIfBroken).
  store::SociStore* Acquire();
  // Returns a connection and wakes one waiter.
  void ReleaseStore(store::SociStore* s);
  std::vector<std::unique_ptr<store::SociStore>> all_;  // every connection, owned
  std::vector<store::SociStore*> free_;                 // those not lent out (guarded by mu_)
  std::mutex mu_;
  std::condition_variable cv_;
};

}  // namespace gongkai::web
