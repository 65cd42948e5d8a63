// Reading the holiday calendar's JSON files (data/holidays-cn.json and files in the same
// shape: {"years": {"2026": {"notice": [...], "off_days": [...], "makeup_work_days": [...]}}}).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.hpp"

namespace gongkai::app {

// Parses the JSON text. Every year is checked with core::ValidateHolidayYear. Fails with
// kInvalidArgument naming the year and the problem.
core::Result<std::vector<core::HolidayYear>> ParseHolidayJson(std::string_view json);

// Reads and parses a file (kNotFound when it cannot be read).
core::Result<std::vector<core::HolidayYear>> LoadHolidayFile(const std::string& path);

// The calendar shipped with gongkai: data/holidays-cn.json under DataDir().
core::Result<std::vector<core::HolidayYear>> LoadBundledHolidays();

// Makes core::LoadCalendar estimate the statutory holidays of years without a loaded notice
// (text::MakeChineseHolidayEstimator). Called once at start-up by the CLI, before threads.
void InstallHolidayEstimator();

// Where gongkai's data files live: $GONGKAI_DATA_DIR if set, else the source tree the
// binary was built from.
std::string DataDir();

}  // namespace gongkai::app
