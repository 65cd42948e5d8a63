// Shared plumbing for `gongkai <command>` implementations.
//
// Each command group lives in its own file and exposes `void AddXxxCommands(CLI::App&,
// Action&)`; cli.cpp calls them all. A subcommand's callback stores what to run in the
// Action; Run() executes it after parsing, so exit codes stay in one place:
//   0 success, 1 a finding or a negative answer (e.g. `check` found errors),
//   2 bad input or an operation that failed (one line on stderr, nothing written).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "core/status.hpp"

namespace gongkai::cli {

// Exit codes of the whole binary; tests/cli check them.
constexpr int kExitOk = 0;
constexpr int kExitFinding = 1;
constexpr int kExitError = 2;

// The one command chosen on the command line, run by Run() after parsing succeeded.
// Single-threaded; set at most once per parse (the last Set wins).
class Action {
 public:
  void Set(std::function<int()> run) { run_ = std::move(run); }
  bool empty() const { return !run_; }
  int operator()() const { return run_(); }

 private:
  std::function<int()> run_;
};

// Prints `gongkai: <message>` as one line on stderr; returns kExitError.
int PrintError(const core::Status& status);

// The database URL when --db is not given: $GONGKAI_DB, else sqlite:gongkai.db.
std::string DefaultDbUrl();

// Adds `--db URL` to `command`, storing into `url` (pre-filled with DefaultDbUrl()).
void AddDbOption(CLI::App* command, std::string& url);

}  // namespace gongkai::cli

#include <memory>

#include "core/audit.hpp"
#include "core/store.hpp"
#include "store/soci_store.hpp"

namespace gongkai::cli {

// Opens the store at `url` (kRequireCurrent unless told to migrate).
core::Result<std::unique_ptr<store::SociStore>> OpenStore(
    const std::string& url, store::SchemaPolicy policy = store::SchemaPolicy::kRequireCurrent);

// Opens the store and runs `work` in one transaction; returns kExitOk, or prints the error
// (one line) and returns kExitError.
int RunInTransaction(const std::string& url,
                     const std::function<core::Status(core::Repositories&)>& work);

// The audit identity of the person at the terminal ("cli:<login>") and the time now.
core::ChangeContext CliChangeContext();

// Normalises a text argument (invalid UTF-8 refused; NFC, full-width folding, traditional
// to simplified); the error names `field`.
core::Result<std::string> NormalizeArg(const std::string& raw, const char* field);

}  // namespace gongkai::cli
