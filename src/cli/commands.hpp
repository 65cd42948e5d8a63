// Registration functions of every command group, one per file in src/cli/.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/command.hpp"

namespace gongkai::cli {

void AddVersionCommand(CLI::App& app, Action& action);  // version_command.cpp

}  // namespace gongkai::cli
