#include "store/db_url.hpp"

namespace gongkai::store {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// postgresql://user:secret@host/db → postgresql://user:***@host/db
std::string RedactPassword(std::string_view uri) {
  size_t scheme_end = uri.find("://");
  if (scheme_end == std::string_view::npos) return std::string(uri);
  size_t auth_start = scheme_end + 3;
  size_t at = uri.find('@', auth_start);
  size_t slash = uri.find('/', auth_start);
  if (at == std::string_view::npos || (slash != std::string_view::npos && slash < at)) {
    return std::string(uri);
  }
  size_t colon = uri.find(':', auth_start);
  if (colon == std::string_view::npos || colon > at) return std::string(uri);
  return std::string(uri.substr(0, colon + 1)) + "***" + std::string(uri.substr(at));
}

}  // namespace

core::Result<DbUrl> ParseDbUrl(std::string_view url) {
  if (StartsWith(url, "postgresql://") || StartsWith(url, "postgres://")) {
    return DbUrl{Backend::kPostgres, std::string(url), RedactPassword(url)};
  }
  if (StartsWith(url, "sqlite:")) {
    std::string_view path = url.substr(7);
    if (StartsWith(path, "//")) path.remove_prefix(2);  // tolerate sqlite://PATH
    if (path.empty()) return core::InvalidArgument("数据库 URL 缺少 SQLite 文件路径", "db");
    return DbUrl{Backend::kSqlite, std::string(path), std::string(url)};
  }
  return core::InvalidArgument("无法识别的数据库 URL（应为 sqlite:PATH 或 postgresql://…）: '" +
                                   RedactPassword(url.substr(0, 200)) + "'",
                               "db");
}

}  // namespace gongkai::store
