#include <iostream>

#include "cli/commands.hpp"

namespace gongkai::cli {

void AddVersionCommand(CLI::App& app, Action& action) {
  app.add_subcommand("version", "打印版本号")->callback([&action] {
    action.Set([] {
      std::cout << "gongkai " << GONGKAI_VERSION << '\n';
      return kExitOk;
    });
  });
}

}  // namespace gongkai::cli
