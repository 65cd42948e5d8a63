#include "cli/command.hpp"

#include <cstdlib>
#include <iostream>

namespace gongkai::cli {

int PrintError(const core::Status& status) {
  std::string message = status.message();
  for (char& c : message) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  std::cerr << "gongkai: " << message << '\n';
  return kExitError;
}

std::string DefaultDbUrl() {
  const char* env = std::getenv("GONGKAI_DB");
  return env && *env ? env : "sqlite:gongkai.db";
}

void AddDbOption(CLI::App* command, std::string& url) {
  url = DefaultDbUrl();
  command->add_option("--db", url, "数据库 URL：sqlite:PATH 或 postgresql://…（默认 $GONGKAI_DB，否则 sqlite:gongkai.db）");
}

}  // namespace gongkai::cli
