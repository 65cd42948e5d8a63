// Shared by the `item`, `response`, `stats` and `submission` commands (item_commands.cpp,
// item_stats_commands.cpp): the parsed arguments and the helpers the command bodies use.
// Internal to cli/; the only public entry point is AddItemCommands (cli/commands.hpp).
#pragma once

#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "app/system_clock.hpp"
#include "cli/commands.hpp"

namespace gongkai::cli::item_cli {

// Every option of every item command; one instance is shared by the subcommands (CLI11
// binds options to its fields), and only the chosen subcommand's fields are read.
struct ItemArgs {
  std::string url, as, org, title, category, formed, summary, publisher, doc_no, topic, mode, body,
      body_file, reason, on, validity, state, file, format = "csv", encoding = "auto", output,
                                                    attachments_dir = "attachments", kind, path, to,
                                                    concern;
  std::vector<std::string> channels, attach;
  int64_t id = 0, item = 0;
  int year = 0, limit = 50, stale_days = 0, sort_order = 0, row_workers = -1;
  bool approve = false, reject = false, regulation = false, normative = false, skip_bad = false,
       allow_personal_data = false, html = false, mandatory = false, principal = false,
       accept = false, to_flag = false, timings = false;
  int64_t licensing = 0, punishment = 0, coercion = 0, fees = 0;
};

// `text` as a date, or today (system clock) when empty.
inline core::Result<core::Date> DateOrToday(const std::string& text, const char* field) {
  if (text.empty()) return app::SystemClock().Today();
  return core::Date::Parse(text, field);
}

// The whole file, or kNotFound naming field "file".
inline core::Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::NotFound("无法读取文件: " + path, "file");
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

// An optional date as ISO text, "-" when absent (list and show output).
inline std::string OptDate(const std::optional<core::Date>& d) { return d ? d->ToIso() : "-"; }

// Prints the error (one line on stderr) and returns the exit code.
inline int Fail(const core::Status& s) { return PrintError(s); }

// Registers `cmd` to run `fn` with the shared arguments after parsing.
template <typename F>
void Bind(CLI::App* cmd, Action& action, const std::shared_ptr<ItemArgs>& args, F fn) {
  AddDbOption(cmd, args->url);
  cmd->callback(
      [&action, args, fn, cmd] { action.Set([args, fn, cmd] { return fn(*args, cmd); }); });
}

// Registers `item counts | overdue | category` under `item` and the `response`, `stats` and
// `submission` commands under `app` (item_stats_commands.cpp).
void AddItemStatsCommands(CLI::App& app, CLI::App* item, Action& action,
                          const std::shared_ptr<ItemArgs>& a);

}  // namespace gongkai::cli::item_cli
