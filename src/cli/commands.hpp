// Registration functions of every command group, one per file in src/cli/.
//
// Contract of every AddXxx: it adds its subcommands and options to `app` and stores the
// work to run in `action` from the chosen subcommand's callback; nothing runs, opens a
// database or prints during registration. The work returns an exit code (command.hpp) and
// reports failures itself as one line on stderr. Registration happens once, on the main
// thread, before parsing; the options' storage is owned by shared_ptrs the callbacks hold.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/command.hpp"

namespace gongkai::cli {

void AddVersionCommand(CLI::App& app, Action& action);    // version_command.cpp
void AddCheckCommands(CLI::App& app, Action& action);     // check_command.cpp
void AddDbCommands(CLI::App& app, Action& action);        // db_commands.cpp
void AddOrgCommands(CLI::App& app, Action& action);       // org_commands.cpp
void AddUserCommands(CLI::App& app, Action& action);      // user_commands.cpp
void AddCalendarCommands(CLI::App& app, Action& action);  // calendar_commands.cpp
void AddAuditCommands(CLI::App& app, Action& action);     // audit_commands.cpp
void AddRequestCommands(CLI::App& app, Action& action);   // request_commands.cpp
void AddCaseCommands(CLI::App& app, Action& action);      // case_commands.cpp
void AddItemCommands(CLI::App& app, Action& action);      // item_commands.cpp
void AddDemoCommand(CLI::App& app, Action& action);       // demo_command.cpp
void AddServeCommand(CLI::App& app, Action& action);      // serve_command.cpp (serve, search)
void AddReportCommand(CLI::App& app, Action& action);     // report_command.cpp
void AddTokenCommands(CLI::App& app, Action& action);     // token_commands.cpp
void AddBackupCommands(CLI::App& app, Action& action);    // backup_commands.cpp
void AddSiteCommands(CLI::App& app, Action& action);      // site_commands.cpp

// audit_personal_data.cpp: `gongkai audit personal-data` (added by AddAuditCommands), and
// app::InstallExposureScanning for $GONGKAI_ATTACHMENT_DIR (default attachments/) at
// start-up; a damaged phrase file is reported on stderr.
void AddAuditPersonalDataCommand(CLI::App& audit, Action& action);
void InstallExposureScanningFromEnv();

}  // namespace gongkai::cli
