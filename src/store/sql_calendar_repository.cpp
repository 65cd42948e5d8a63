#include <map>

#include "store/internal/sql_util.hpp"
#include "store/sql_repositories.hpp"

namespace gongkai::store {

namespace {
std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) {
    if (!out.empty()) out += '\n';
    out += l;
  }
  return out;
}
std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}
}  // namespace

core::Status SqlCalendarRepository::PutYear(const core::HolidayYear& y) {
  sql_ << "DELETE FROM holiday_days WHERE year = :y", soci::use(y.year);
  sql_ << "DELETE FROM holiday_years WHERE year = :y", soci::use(y.year);
  std::string notices = JoinLines(y.notices);
  sql_ << "INSERT INTO holiday_years (year, notices) VALUES (:y, :n)", soci::use(y.year),
      soci::use(notices);
  std::vector<std::string> days, kinds;
  for (const auto& d : y.off_days) {
    days.push_back(d.ToIso());
    kinds.push_back("off");
  }
  for (const auto& d : y.makeup_work_days) {
    days.push_back(d.ToIso());
    kinds.push_back("makeup");
  }
  if (days.empty()) return core::Status::Ok();
  std::vector<int> years(days.size(), y.year);
  sql_ << "INSERT INTO holiday_days (day, year, kind) VALUES (:d, :y, :k)", soci::use(days),
      soci::use(years), soci::use(kinds);
  return core::Status::Ok();
}

core::Result<std::vector<core::HolidayYear>> SqlCalendarRepository::ListYears() {
  std::map<int, core::HolidayYear> years;
  {
    int year = 0;
    std::string notices;
    soci::statement st = (sql_.prepare << "SELECT year, notices FROM holiday_years ORDER BY year",
                          soci::into(year), soci::into(notices));
    st.execute();
    while (st.fetch()) {
      auto& y = years[year];
      y.year = year;
      y.notices = SplitLines(notices);
    }
  }
  int year = 0;
  std::string day, kind;
  soci::statement st = (sql_.prepare << "SELECT year, day, kind FROM holiday_days ORDER BY day",
                        soci::into(year), soci::into(day), soci::into(kind));
  st.execute();
  while (st.fetch()) {
    auto it = years.find(year);
    if (it == years.end()) throw CorruptRow("holiday day without its year");
    (kind == "off" ? it->second.off_days : it->second.makeup_work_days).push_back(ToDate(day));
  }
  std::vector<core::HolidayYear> out;
  for (auto& [_, y] : years) out.push_back(std::move(y));
  return out;
}

}  // namespace gongkai::store
