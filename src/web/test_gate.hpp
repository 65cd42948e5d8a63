// A gate for tests that must hold work in flight without sleeping: workers Enter() and wait
// until the test opens the gate; the test waits until a number of them have entered.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace gongkai::web::testing {

class Gate {
 public:
  // Counts the caller as entered and blocks until Open().
  void Enter() {
    std::unique_lock<std::mutex> lock(mu_);
    ++entered_;
    cv_.notify_all();
    cv_.wait(lock, [this] { return open_; });
  }
  // Waits (at most 10 s, a failure's bound, not a timing) until `n` have entered.
  bool WaitEntered(int n) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, std::chrono::seconds(10), [&] { return entered_ >= n; });
  }
  void Open() {
    std::lock_guard<std::mutex> lock(mu_);
    open_ = true;
    cv_.notify_all();
  }
  int entered() {
    std::lock_guard<std::mutex> lock(mu_);
    return entered_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int entered_ = 0;
  bool open_ = false;
};

}  // namespace gongkai::web::testing
