#include "cli/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace gongkai::cli {
namespace {

constexpr auto kTerminalEvery = std::chrono::milliseconds(100);
constexpr auto kLogEvery = std::chrono::seconds(5);
constexpr int kBarWidth = 30;

std::string Grouped(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

}  // namespace

Progress::Progress(std::string label, int64_t total, std::ostream& out, bool terminal)
    : label_(std::move(label)),
      total_(total),
      out_(out),
      terminal_(terminal),
      start_(Clock::now()),
      last_(start_) {}

Progress::Progress(std::string label, int64_t total)
    : Progress(std::move(label), total, std::cerr, isatty(STDERR_FILENO) != 0) {}

Progress::~Progress() { Finish(); }

std::string Progress::Line(int64_t done, double seconds) const {
  std::string line = Grouped(done);
  if (total_ > 0) {
    char pct[16];
    std::snprintf(pct, sizeof pct, "%.1f",
                  100.0 * static_cast<double>(done) / static_cast<double>(total_));
    line += "/" + Grouped(total_) + "（" + pct + "%）";
  }
  if (seconds > 0.05 && done > 0) {
    const double rate = static_cast<double>(done) / seconds;
    if (rate >= 10) {
      line += " " + Grouped(static_cast<int64_t>(rate)) + "/秒";
    } else {
      char slow[16];
      std::snprintf(slow, sizeof slow, "%.1f", rate);
      line += std::string(" ") + slow + "/秒";
    }
  }
  return line;
}

void Progress::Update(int64_t done, const std::string& step) {
  if (finished_) return;
  done_ = done;
  if (!step.empty()) step_ = step;
  const auto now = Clock::now();
  // On a terminal the end is always drawn; a log gets only the periodic lines (and Finish's).
  const bool end = terminal_ && total_ > 0 && done >= total_;
  if (!end && now - last_ < (terminal_ ? std::chrono::duration_cast<Clock::duration>(kTerminalEvery)
                                       : std::chrono::duration_cast<Clock::duration>(kLogEvery))) {
    return;
  }
  last_ = now;
  shown_ = true;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  if (terminal_) {
    int filled = total_ > 0 ? static_cast<int>(kBarWidth * std::min(done, total_) / total_) : 0;
    out_ << "\r\033[K" << label_ << " [" << std::string(static_cast<size_t>(filled), '#')
         << std::string(static_cast<size_t>(kBarWidth - filled), '.') << "] " << Line(done, seconds)
         << (step_.empty() ? "" : " " + step_) << std::flush;
  } else {
    out_ << label_ << ": " << Line(done, seconds) << (step_.empty() ? "" : " " + step_) << '\n'
         << std::flush;
  }
}

void Progress::Finish() {
  if (finished_) return;
  finished_ = true;
  if (!shown_) return;  // quick work (or none) stays quiet
  const double seconds = std::chrono::duration<double>(Clock::now() - start_).count();
  char took[32];
  std::snprintf(took, sizeof took, "%.1f", seconds);
  if (terminal_) out_ << "\r\033[K";
  out_ << label_ << ": 完成 " << Line(done_, seconds) << "，用时 " << took << " 秒\n" << std::flush;
}

}  // namespace gongkai::cli
