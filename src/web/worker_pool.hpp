// A bounded pool of worker threads for the requests that may touch the database or render
// (DESIGN §6: the I/O threads write cached bytes; everything else runs here).
//
// Admission control happens when a task is offered, never by blocking the caller: a task is
// refused when `queue_limit` tasks are already waiting (kQueueFull: the server answers 503
// with Retry-After), or when it names a client that already has `per_client_limit` tasks
// queued or running (kClientBusy: 429). Workers run at a lower scheduling priority (`nice`
// added to the thread's niceness with setpriority), so that on a small machine a burst of
// expensive requests does not starve the I/O threads that serve cached pages.
//
// A task runs on a worker and returns a continuation (or an empty function), which the same
// worker runs once the task no longer counts as running nor against its client: that is
// where the answer is sent, so a client that gets its answer can ask again at once.
//
// Thread-safety: Submit, counts and Shutdown may be called from any thread. Tasks start in
// submission order; a task or continuation that throws is logged and the worker carries on
// (callers catch inside their tasks when they must answer something).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace gongkai::web {

struct WorkerPoolOptions {
  int workers = 2;              // threads (at least 1)
  size_t queue_limit = 256;     // tasks waiting for a worker beyond those running (0: none wait)
  size_t per_client_limit = 0;  // tasks queued or running per named client (0: no cap)
  int nice = 10;                // added to each worker's niceness (0: same priority as I/O)
};

class WorkerPool {
 public:
  enum class Admission { kAccepted, kQueueFull, kClientBusy, kStopped };

  explicit WorkerPool(WorkerPoolOptions options);
  // Shutdown().
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  using Continuation = std::function<void()>;
  using Task = std::function<Continuation()>;

  // Queues `task`. `client` non-empty counts it against that client's cap until it has
  // run; empty: not capped. Never blocks on the task; kStopped after Shutdown began.
  Admission Submit(Task task, const std::string& client = {});

  // Stops admitting, runs every task already queued, and joins the workers. Idempotent;
  // must not be called from a task.
  void Shutdown();

  size_t queued() const;   // waiting for a worker
  size_t running() const;  // being run by a worker

 private:
  struct Queued {
    Task run;
    std::string client;
  };
  void Work();

  const WorkerPoolOptions options_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Queued> queue_;                         // guarded by mu_
  std::unordered_map<std::string, size_t> clients_;  // tasks per client (guarded by mu_)
  size_t running_ = 0;                               // guarded by mu_
  bool stopping_ = false;                            // guarded by mu_
  std::vector<std::thread> threads_;
  std::once_flag joined_;
};

}  // namespace gongkai::web
