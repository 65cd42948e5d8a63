#include "core/index_no.hpp"

#include <fmt/format.h>

namespace gongkai::core {

std::string FormatIndexNo(std::string_view org_code, int year, int serial) {
  return fmt::format("{}/{:04d}-{:05d}", org_code, year, serial);
}

Result<IndexNoParts> ParseIndexNo(std::string_view text) {
  auto bad = [&] {
    return InvalidArgument("索引号格式不正确（应为 机构代码/年份-五位序号，如 QXS/2024-00001）: '" +
                               std::string(text.substr(0, 60)) + "'",
                           "index_no");
  };
  size_t slash = text.rfind('/');
  if (slash == std::string_view::npos) return bad();
  IndexNoParts parts;
  parts.org_code = std::string(text.substr(0, slash));
  if (!ValidateOrgCode(parts.org_code).ok()) return bad();
  std::string_view rest = text.substr(slash + 1);
  if (rest.size() != 10 || rest[4] != '-') return bad();
  for (size_t i = 0; i < rest.size(); ++i) {
    if (i != 4 && (rest[i] < '0' || rest[i] > '9')) return bad();
  }
  parts.year = std::stoi(std::string(rest.substr(0, 4)));
  parts.serial = std::stoi(std::string(rest.substr(5)));
  if (parts.year < 1000 || parts.serial < 1) return bad();
  return parts;
}

Result<std::string> NextIndexNo(Repositories& repos, const Org& org, int year) {
  GONGKAI_ASSIGN_OR_RETURN(int max, repos.items().MaxIndexSerial(org.code, year));
  if (max >= kMaxIndexSerial) {
    return FailedPrecondition(fmt::format("{} 年 {} 的索引号序号已用尽", year, org.code));
  }
  return FormatIndexNo(org.code, year, max + 1);
}

}  // namespace gongkai::core
