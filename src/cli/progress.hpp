// Progress of long commands (demo, search reindex|sync, serve's start-up indexing, item
// import, backup, restore, province-scale report): on a terminal a bar with the count and
// the rate, redrawn at most ten times a second; elsewhere (logs, pipes) a plain line every
// few seconds and a final one, so a log shows the work is moving without being flooded.
// Work that ends within the first report interval leaves no output in a log.
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

namespace gongkai::cli {

// Not thread-safe: one Progress is updated by the thread doing the work (a callback from
// another thread must be serialised by its caller). Writes only to `out`, never stdout's
// data stream, so piped command output stays clean.
class Progress {
 public:
  // `label` names the work ("索引", "演示数据"); `total` 0 when unknown. Writes to `out`
  // (stderr by default), as a bar iff `terminal`.
  Progress(std::string label, int64_t total, std::ostream& out, bool terminal);
  // On stderr, a bar iff stderr is a terminal.
  Progress(std::string label, int64_t total);
  ~Progress();  // Finish() if not done
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // `done` of `total` so far; `step` says what is being done now ("" to keep the last).
  void Update(int64_t done, const std::string& step = "");
  void SetTotal(int64_t total) { total_ = total; }
  // The final line (count, elapsed time, rate), when anything was shown before: work that
  // ends before the first report (or fails before any) leaves no output. Idempotent.
  void Finish();

  // "1,234/5,678 (21.7%) 412/秒" — the text of one report (public for tests).
  std::string Line(int64_t done, double seconds) const;

 private:
  using Clock = std::chrono::steady_clock;
  std::string label_;
  int64_t total_ = 0;
  int64_t done_ = 0;
  std::string step_;
  std::ostream& out_;
  bool terminal_;
  bool finished_ = false;
  bool shown_ = false;  // something was written
  Clock::time_point start_;
  Clock::time_point last_;
};

}  // namespace gongkai::cli
