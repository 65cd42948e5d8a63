#include "app/system_clock.hpp"

#include <chrono>
#include <ctime>

namespace gongkai::app {

std::string SystemClock::NowUtc() const {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

core::Date SystemClock::Today() const {
  using namespace std::chrono;
  auto shanghai = system_clock::now() + hours(8);
  return core::Date::FromDays(
      static_cast<int32_t>(floor<days>(shanghai).time_since_epoch().count()));
}

}  // namespace gongkai::app
