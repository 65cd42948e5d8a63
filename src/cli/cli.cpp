#include "cli/cli.hpp"

#include <iostream>

#include "app/holiday_file.hpp"
#include "cli/command.hpp"
#include "cli/commands.hpp"

namespace gongkai::cli {

int Run(int argc, char** argv) {
  app::InstallHolidayEstimator();
  InstallExposureScanningFromEnv();  // the review gate's attachment reader and phrase list
  CLI::App app{"gongkai — 政府信息公开平台 (government information disclosure)", "gongkai"};
  app.require_subcommand(1);
  app.set_version_flag("--version", GONGKAI_VERSION);
  Action action;

  AddVersionCommand(app, action);
  AddCheckCommands(app, action);
  AddDbCommands(app, action);
  AddOrgCommands(app, action);
  AddUserCommands(app, action);
  AddCalendarCommands(app, action);
  AddAuditCommands(app, action);
  AddItemCommands(app, action);
  AddRequestCommands(app, action);
  AddCaseCommands(app, action);
  AddDemoCommand(app, action);
  AddReportCommand(app, action);
  AddTokenCommands(app, action);
  AddServeCommand(app, action);
  AddBackupCommands(app, action);
  AddSiteCommands(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // One line on stderr, exit 2, as for every other bad input.
    std::cerr << "gongkai: " << e.what() << " (see gongkai --help)\n";
    return kExitError;
  }
  if (action.empty()) return kExitOk;
  return action();
}

}  // namespace gongkai::cli
