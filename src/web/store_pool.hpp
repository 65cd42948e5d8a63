// A fixed pool of SociStore connections for the server's threads (one SociStore is one
// connection and is not thread-safe).
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "store/soci_store.hpp"

namespace gongkai::web {

class StorePool {
 public:
  // Opens `size` connections to `url` (schema must be current). Fails as SociStore::Open.
  static core::Result<std::unique_ptr<StorePool>> Open(const std::string& url, int size);

  // Runs `work` with a connection of its own, waiting for one to be free. The connection
  // returns to the pool afterwards, even when `work` throws.
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
  store::SociStore* Acquire();
  void ReleaseStore(store::SociStore* s);
  std::vector<std::unique_ptr<store::SociStore>> all_;
  std::vector<store::SociStore*> free_;
  std::mutex mu_;
  std::condition_variable cv_;
};

}  // namespace gongkai::web
