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
  command->add_option(
      "--db", url,
      "数据库 URL：sqlite:PATH 或 postgresql://…（默认 $GONGKAI_DB，否则 sqlite:gongkai.db）");
}

}  // namespace gongkai::cli

#include <unistd.h>

#include "app/system_clock.hpp"
#include "search/search_index.hpp"
#include "text/normalize.hpp"

namespace gongkai::cli {

core::Result<std::unique_ptr<store::SociStore>> OpenStore(const std::string& url,
                                                          store::SchemaPolicy policy) {
  GONGKAI_ASSIGN_OR_RETURN(auto store, store::SociStore::Open(url, policy));
  search::InstallPublishHook(*store);  // publishing indexes in the same transaction
  return store;
}

int RunInTransaction(const std::string& url,
                     const std::function<core::Status(core::Repositories&)>& work) {
  auto store = OpenStore(url);
  if (!store.ok()) return PrintError(store.status());
  core::Status status = (*store)->Transact(work);
  if (!status.ok()) return PrintError(status);
  return kExitOk;
}

core::ChangeContext CliChangeContext() {
  const char* login = std::getenv("USER");
  std::string name = login && *login ? login : std::to_string(getuid());
  return core::ChangeContext{"cli:" + name, app::SystemClock().NowUtc()};
}

core::Result<std::string> NormalizeArg(const std::string& raw, const char* field) {
  auto normalized = text::NormalizeInput(raw);
  if (!normalized.ok()) {
    return core::InvalidArgument(std::string(field) + ": " + normalized.status().message(), field);
  }
  return normalized;
}

}  // namespace gongkai::cli
