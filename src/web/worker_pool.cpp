#include "web/worker_pool.hpp"

#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <exception>

namespace gongkai::web {

namespace {

// Lowers the calling thread's priority (Linux: niceness is per thread). Failure is harmless.
void LowerPriority(int nice) {
  if (nice <= 0) return;
  auto tid = static_cast<id_t>(syscall(SYS_gettid));
  errno = 0;
  int current = getpriority(PRIO_PROCESS, tid);
  if (current == -1 && errno != 0) return;
  if (setpriority(PRIO_PROCESS, tid, std::min(19, current + nice)) != 0) {
    spdlog::warn("worker pool: cannot lower the workers' priority");
  }
}

}  // namespace

WorkerPool::WorkerPool(WorkerPoolOptions options) : options_(options) {
  int n = options_.workers < 1 ? 1 : options_.workers;
  threads_.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    threads_.emplace_back([this] {
      LowerPriority(options_.nice);
      Work();
    });
  }
}

WorkerPool::~WorkerPool() { Shutdown(); }

WorkerPool::Admission WorkerPool::Submit(Task task, const std::string& client) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return Admission::kStopped;
    if (!client.empty() && options_.per_client_limit > 0) {
      auto it = clients_.find(client);
      if (it != clients_.end() && it->second >= options_.per_client_limit) {
        return Admission::kClientBusy;
      }
    }
    // Tasks beyond the idle workers wait; at most queue_limit of them.
    size_t idle = threads_.size() - running_;
    if (queue_.size() >= idle + options_.queue_limit) return Admission::kQueueFull;
    if (!client.empty() && options_.per_client_limit > 0) ++clients_[client];
    queue_.push_back(
        Queued{std::move(task), options_.per_client_limit > 0 ? client : std::string()});
  }
  cv_.notify_one();
  return Admission::kAccepted;
}

void WorkerPool::Work() {
  for (;;) {
    Queued task;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, nothing left to run
      task = std::move(queue_.front());
      queue_.pop_front();
      ++running_;
    }
    Continuation then;
    try {
      then = task.run();
    } catch (const std::exception& e) {
      spdlog::error("worker pool: task failed: {}", e.what());
    } catch (...) {
      spdlog::error("worker pool: task failed");
    }
    task.run = nullptr;
    {
      std::lock_guard<std::mutex> lock(mu_);
      --running_;
      if (!task.client.empty()) {
        auto it = clients_.find(task.client);
        if (it != clients_.end() && --it->second == 0) clients_.erase(it);
      }
    }
    if (!then) continue;
    try {
      then();
    } catch (const std::exception& e) {
      spdlog::error("worker pool: continuation failed: {}", e.what());
    } catch (...) {
      spdlog::error("worker pool: continuation failed");
    }
  }
}

void WorkerPool::Shutdown() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  std::call_once(joined_, [this] {
    for (auto& t : threads_) t.join();
  });
}

size_t WorkerPool::queued() const {
  std::lock_guard<std::mutex> lock(mu_);
  return queue_.size();
}

size_t WorkerPool::running() const {
  std::lock_guard<std::mutex> lock(mu_);
  return running_;
}

}  // namespace gongkai::web
