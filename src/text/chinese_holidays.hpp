// The statutory holidays of a year as the 全国年节及纪念日放假办法 defines them, for years
// whose State Council notice is not yet out (core::HolidayEstimator). Lunar holidays come
// from ICU's Chinese calendar; the 清明 solar term from the standard 21st-century formula
// (ICU does not expose the minor solar terms). The notice's 调休 cannot be estimated.
//
// The rules (../shared/reference/request-law.md; 国务院令第513号, 第644号, 第795号):
//   2008–2013 (2007 revision): 元旦 1-1; 春节 除夕, 正月初一, 初二; 清明; 劳动节 5-1; 端午
//     五月初五; 中秋 八月十五; 国庆 10-1..10-3;
//   2014–2024 (2013 revision): 春节 正月初一..初三 (除夕 no longer);
//   from 2025 (2024 revision): 春节 除夕, 正月初一..初三; 劳动节 5-1, 5-2.
#pragma once

#include <memory>
#include <vector>

#include "core/calendar.hpp"

namespace gongkai::text {

// The statutory holidays of `year` (2000–2099), ascending; empty outside that range or
// when ICU fails.
std::vector<core::EstimatedHoliday> EstimateStatutoryHolidays(int year);

// The estimator for core::SetDefaultHolidayEstimator.
std::shared_ptr<const core::HolidayEstimator> MakeChineseHolidayEstimator();

}  // namespace gongkai::text
