#include "app/holiday_file.hpp"

#include <boost/json.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/calendar_service.hpp"
#include "text/chinese_holidays.hpp"

namespace gongkai::app {
namespace {

namespace json = boost::json;

core::Result<std::vector<core::Date>> ParseDates(const json::object& year_obj, const char* key,
                                                 const std::string& year) {
  std::vector<core::Date> out;
  const json::value* v = year_obj.if_contains(key);
  if (!v) return out;
  if (!v->is_array()) return core::InvalidArgument(year + " 年的 " + key + " 应为数组", key);
  for (const json::value& d : v->as_array()) {
    if (!d.is_string()) return core::InvalidArgument(year + " 年的 " + key + " 含非字符串", key);
    GONGKAI_ASSIGN_OR_RETURN(core::Date date, core::Date::Parse(d.as_string().c_str(), key));
    out.push_back(date);
  }
  return out;
}

}  // namespace

core::Result<std::vector<core::HolidayYear>> ParseHolidayJson(std::string_view text) {
  boost::system::error_code ec;
  json::value root = json::parse(text, ec);
  if (ec) return core::InvalidArgument("节假日文件不是有效的 JSON: " + ec.message(), "file");
  const json::object* obj = root.if_object();
  const json::value* years = obj ? obj->if_contains("years") : nullptr;
  if (!years || !years->is_object()) {
    return core::InvalidArgument("节假日文件缺少 \"years\" 对象", "file");
  }
  std::vector<core::HolidayYear> out;
  for (const auto& [key, value] : years->as_object()) {
    std::string year_text(key);
    core::HolidayYear y;
    char* end = nullptr;
    long number = std::strtol(year_text.c_str(), &end, 10);
    if (year_text.size() != 4 || *end != '\0') {
      return core::InvalidArgument("节假日文件中的年份无效: " + year_text, "years");
    }
    y.year = static_cast<int>(number);
    if (!value.is_object()) return core::InvalidArgument(year_text + " 年应为对象", "years");
    const json::object& yo = value.as_object();
    if (const json::value* notices = yo.if_contains("notice"); notices && notices->is_array()) {
      for (const auto& n : notices->as_array()) {
        if (n.is_string()) y.notices.emplace_back(n.as_string().c_str());
      }
    }
    GONGKAI_ASSIGN_OR_RETURN(y.off_days, ParseDates(yo, "off_days", year_text));
    GONGKAI_ASSIGN_OR_RETURN(y.makeup_work_days, ParseDates(yo, "makeup_work_days", year_text));
    // A year with no dates at all is a placeholder (no notice yet), not a calendar.
    if (y.off_days.empty() && y.makeup_work_days.empty()) continue;
    core::Status valid = core::ValidateHolidayYear(y);
    if (!valid.ok()) {
      return core::InvalidArgument(year_text + " 年: " + valid.message(), valid.field());
    }
    out.push_back(std::move(y));
  }
  return out;
}

core::Result<std::vector<core::HolidayYear>> LoadHolidayFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::NotFound("无法读取文件: " + path, "file");
  std::ostringstream buf;
  buf << in.rdbuf();
  return ParseHolidayJson(buf.str());
}

std::string DataDir() {
  const char* env = std::getenv("GONGKAI_DATA_DIR");
  if (env && *env) return env;
  return GONGKAI_DEFAULT_DATA_DIR;
}

core::Result<std::vector<core::HolidayYear>> LoadBundledHolidays() {
  return LoadHolidayFile(DataDir() + "/data/holidays-cn.json");
}

void InstallHolidayEstimator() {
  core::SetDefaultHolidayEstimator(text::MakeChineseHolidayEstimator());
}

}  // namespace gongkai::app
