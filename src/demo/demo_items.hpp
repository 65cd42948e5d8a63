// Proactive items of the demo city (demo/demo_data.hpp): catalog categories, titles that
// read like a county portal's, channels, validity.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/item.hpp"
#include "demo/demo_city.hpp"
#include "demo/demo_random.hpp"

namespace gongkai::demo {

// Catalog categories, from the seed's list of proactively disclosed content.
enum class Cat {
  kLeaders,       // 政府领导
  kFunctions,     // 政府机构职能
  kLaws,          // 法律法规规范性文件
  kWorkReport,    // 政府工作报告
  kEconomy,       // 国民经济和社会发展
  kProcurement,   // 政府集中采购项目
  kLicensing,     // 行政许可项目
  kMajorMatters,  // 涉及人民群众切身利益的重大事项
  kPersonnel,     // 人事任免
  kBudget,        // 财政预算决算报告
  kRecruitment,   // 事业单位人员招考
  kNotices,       // 通知公告
  kNews,          // 工作动态
  kRules,         // 政府信息公开制度
  kGuide,         // 政府信息公开指南
  kSupervision,   // 公众监督
  kServices,      // 公共服务
  kEmergency,     // 应急管理
  kAnnualReport,  // 政府信息公开年报
};
// The catalog path of `c` (the default catalog's, core/catalog.hpp).
const char* CategoryPath(Cat c);

// An item made but not stored yet: the year's items are sorted by date (then org, seq)
// before insertion so that ids follow publication order, as on a real portal.
struct DraftItem {
  core::Item item;
  size_t org = 0;          // index into the orgs
  int seq = 0;             // generation order within (org, year): ties in the sort
  std::string doc_prefix;  // non-empty: give a 文号 with this prefix
};

// Makes published items of a body for a year, dated on working days up to the demo's
// today (`days.last()`); channel dates never lie after it either.
// Borrows the Rng, the working days and the orgs (they must outlive it); draws from the Rng
// in call order, so the same calls give the same items.
class ItemFactory {
 public:
  ItemFactory(Rng& rng, WorkingDays& days, const std::vector<DemoOrg>& orgs);

  // A category of the bulk of items, by weight.
  Cat RandomCategory();
  // The subject of an item: the body's own work mostly, a city-wide one otherwise.
  std::string Subject(size_t org, int year, bool own_work = false);
  // A published item of `org` in `cat`, on a random working day of `year`.
  DraftItem Make(size_t org, int year, Cat cat, int seq);
  // A 行政规范性文件 (normative document) of `org`.
  DraftItem MakeNormative(size_t org, int year, int seq);
  // A 规章 of the province, republished by the city government (`root`).
  DraftItem MakeRegulation(size_t root, int year, int seq);

 private:
  std::string Title(DraftItem& d, Cat cat, int year, Date published);
  void AddChannels(core::Item& it, Date published, int year);

  Rng& rng_;
  WorkingDays& days_;
  const std::vector<DemoOrg>& orgs_;
  std::unique_ptr<WeightedPicker> categories_;
};

// Sets validity for documents that can lapse: expired at the end of a typical 5-year term,
// or repealed, when that falls on or before `data_end`.
void SetValidity(core::Item& it, Rng& rng, Date data_end);

}  // namespace gongkai::demo
