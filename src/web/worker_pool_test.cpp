#include "web/worker_pool.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <future>
#include <thread>

#include "web/test_gate.hpp"

namespace gongkai::web {
namespace {

using Admission = WorkerPool::Admission;
using testing::Gate;

WorkerPool::Task Blocking(Gate& gate, std::atomic<int>& done) {
  return [&gate, &done]() -> WorkerPool::Continuation {
    gate.Enter();
    ++done;
    return {};
  };
}

TEST(WorkerPoolTest, RunsTasksThenTheirContinuations) {
  WorkerPool pool({.workers = 2, .queue_limit = 8, .per_client_limit = 0, .nice = 0});
  std::promise<int> result;
  ASSERT_EQ(pool.Submit([&]() -> WorkerPool::Continuation {
    int value = 41;
    return [&result, value] { result.set_value(value + 1); };
  }),
            Admission::kAccepted);
  EXPECT_EQ(result.get_future().get(), 42);
}

TEST(WorkerPoolTest, AFullQueueRefusesAtOnce) {
  WorkerPool pool({.workers = 1, .queue_limit = 1, .per_client_limit = 0, .nice = 0});
  Gate gate;
  std::atomic<int> done{0};
  ASSERT_EQ(pool.Submit(Blocking(gate, done)), Admission::kAccepted);
  ASSERT_TRUE(gate.WaitEntered(1));  // running: the one worker is busy
  EXPECT_EQ(pool.Submit(Blocking(gate, done)), Admission::kAccepted);  // waits
  EXPECT_EQ(pool.queued(), 1u);
  EXPECT_EQ(pool.Submit(Blocking(gate, done)), Admission::kQueueFull);
  gate.Open();
  pool.Shutdown();
  EXPECT_EQ(done, 2);
}

TEST(WorkerPoolTest, PerClientCapCountsQueuedAndRunningAndReleasesBeforeTheAnswer) {
  WorkerPool pool({.workers = 2, .queue_limit = 8, .per_client_limit = 1, .nice = 0});
  Gate gate;
  std::atomic<int> done{0};
  std::promise<Admission> again;
  ASSERT_EQ(
      pool.Submit(
          [&]() -> WorkerPool::Continuation {
            gate.Enter();
            // The continuation (where a server sends the answer) runs once the task
            // no longer counts: the client may ask again at once.
            return [&] {
              again.set_value(pool.Submit([] { return WorkerPool::Continuation(); }, "10.0.0.1"));
            };
          },
          "10.0.0.1"),
      Admission::kAccepted);
  EXPECT_EQ(pool.Submit(Blocking(gate, done), "10.0.0.1"), Admission::kClientBusy);
  EXPECT_EQ(pool.Submit(Blocking(gate, done), "10.0.0.2"), Admission::kAccepted);
  EXPECT_EQ(pool.Submit(Blocking(gate, done)), Admission::kAccepted);  // not capped
  gate.Open();
  EXPECT_EQ(again.get_future().get(), Admission::kAccepted);
  pool.Shutdown();
  EXPECT_EQ(done, 2);
}

TEST(WorkerPoolTest, ShutdownRunsWhatIsQueuedThenRefuses) {
  WorkerPool pool({.workers = 1, .queue_limit = 4, .per_client_limit = 0, .nice = 0});
  Gate gate;
  std::atomic<int> done{0};
  ASSERT_EQ(pool.Submit(Blocking(gate, done)), Admission::kAccepted);
  ASSERT_TRUE(gate.WaitEntered(1));
  ASSERT_EQ(pool.Submit(Blocking(gate, done)), Admission::kAccepted);
  ASSERT_EQ(pool.Submit(Blocking(gate, done)), Admission::kAccepted);
  std::thread stopper([&] { pool.Shutdown(); });
  // Shutdown has begun once the pool refuses; the queued tasks are still to run.
  while (pool.Submit([] { return WorkerPool::Continuation(); }) != Admission::kStopped) {
    std::this_thread::yield();
  }
  EXPECT_EQ(done, 0);
  gate.Open();
  stopper.join();
  EXPECT_EQ(done, 3);
  EXPECT_EQ(pool.Submit(Blocking(gate, done)), Admission::kStopped);
}

TEST(WorkerPoolTest, WorkersRunAtALowerPriority) {
  errno = 0;
  int mine = getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)));
  ASSERT_EQ(errno, 0);
  WorkerPool pool({.workers = 1, .queue_limit = 1, .per_client_limit = 0, .nice = 5});
  std::promise<int> theirs;
  pool.Submit([&]() -> WorkerPool::Continuation {
    theirs.set_value(getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid))));
    return {};
  });
  EXPECT_EQ(theirs.get_future().get(), std::min(19, mine + 5));
}

TEST(WorkerPoolTest, ATaskThatThrowsDoesNotStopItsWorker) {
  WorkerPool pool({.workers = 1, .queue_limit = 4, .per_client_limit = 1, .nice = 0});
  ASSERT_EQ(
      pool.Submit([]() -> WorkerPool::Continuation { throw std::runtime_error("boom"); }, "a"),
      Admission::kAccepted);
  std::promise<void> ran;
  ASSERT_EQ(pool.Submit([&]() -> WorkerPool::Continuation {
    ran.set_value();
    return {};
  }),
            Admission::kAccepted);
  ran.get_future().get();
  pool.Shutdown();
  EXPECT_EQ(pool.running(), 0u);
}

}  // namespace
}  // namespace gongkai::web
