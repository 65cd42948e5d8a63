#include "core/date.hpp"

#include <charconv>
#include <cstdio>

namespace gongkai::core {

namespace chr = std::chrono;

Date Date::FromYmd(int year, unsigned month, unsigned day) {
  chr::year_month_day ymd{chr::year{year}, chr::month{month}, chr::day{day}};
  return Date(static_cast<int32_t>(chr::sys_days{ymd}.time_since_epoch().count()));
}

Result<Date> Date::Parse(std::string_view text, std::string_view field) {
  auto fail = [&] {
    return InvalidArgument("日期格式应为 YYYY-MM-DD: '" + std::string(text.substr(0, 40)) + "'",
                           std::string(field));
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return fail();
  auto number = [&](size_t pos, size_t len, int& out) {
    for (size_t i = pos; i < pos + len; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
    }
    return std::from_chars(text.data() + pos, text.data() + pos + len, out).ec == std::errc();
  };
  int y = 0, m = 0, d = 0;
  if (!number(0, 4, y) || !number(5, 2, m) || !number(8, 2, d)) return fail();
  chr::year_month_day ymd{chr::year{y}, chr::month{static_cast<unsigned>(m)},
                          chr::day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || y < 1900 || y > 2999) return fail();
  return FromYmd(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

chr::year_month_day Date::Ymd() const {
  return chr::year_month_day{chr::sys_days{chr::days{days_}}};
}

int Date::year() const { return static_cast<int>(Ymd().year()); }
unsigned Date::month() const { return static_cast<unsigned>(Ymd().month()); }
unsigned Date::day() const { return static_cast<unsigned>(Ymd().day()); }
unsigned Date::weekday() const {
  return chr::weekday{chr::sys_days{chr::days{days_}}}.c_encoding();
}

std::string Date::ToIso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year(), month(), day());
  return buf;
}

}  // namespace gongkai::core
