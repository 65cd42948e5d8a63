// Runs an external program (pg_dump, pg_restore) and collects its output.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/status.hpp"

namespace gongkai::app {

struct ToolOutput {
  int exit_code = 0;  // 128 + signal number when killed by a signal
  std::string out;
  std::string err;
};

// Runs `program` (looked up on PATH) with `args`, stdin from /dev/null, in this process's
// environment with `env` added or replaced. Secrets belong in `env`: arguments are visible
// to every user through ps. kUnavailable naming the program when it cannot be started
// (not installed: the message says which package provides it).
core::Result<ToolOutput> RunTool(const std::string& program, const std::vector<std::string>& args,
                                 const std::map<std::string, std::string>& env);

// The first non-empty line of a tool's stderr, shortened for a one-line error message.
std::string FirstLine(const std::string& text);

}  // namespace gongkai::app
