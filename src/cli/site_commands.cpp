// gongkai site visits | misses: the portal's counters (访问量 per page, and the searches
// that found nothing, so editors see what people look for and cannot find).
#include <iostream>

#include "app/system_clock.hpp"
#include "cli/commands.hpp"
#include "store/site_counters.hpp"

namespace gongkai::cli {
namespace {

struct StatsArgs {
  std::string url;
  int year = 0;   // visits: 0 = this year
  int days = 30;  // misses: the last N days
  int top = 20;
};

int Visits(const StatsArgs& a) {
  auto store = OpenStore(a.url, store::SchemaPolicy::kRequireCurrent);
  if (!store.ok()) return PrintError(store.status());
  int year = a.year > 0 ? a.year : app::SystemClock().Today().year();
  std::string from = std::to_string(year) + "-01-01", to = std::to_string(year) + "-12-31";
  auto total = store::SumCounters(**store, store::SiteCounter::kPageVisits, from, to);
  if (!total.ok()) return PrintError(total.status());
  auto top = store::TopCounters(**store, store::SiteCounter::kPageVisits, from, to, a.top);
  if (!top.ok()) return PrintError(top.status());
  std::cout << year << " 年网站访问量: " << *total << '\n';
  for (const auto& row : *top) std::cout << row.count << '\t' << row.key << '\n';
  return kExitOk;
}

int Misses(const StatsArgs& a) {
  auto store = OpenStore(a.url, store::SchemaPolicy::kRequireCurrent);
  if (!store.ok()) return PrintError(store.status());
  core::Date today = app::SystemClock().Today();
  std::string from = today.AddDays(-(a.days - 1)).ToIso(), to = today.ToIso();
  auto top = store::TopCounters(**store, store::SiteCounter::kSearchMisses, from, to, a.top);
  if (!top.ok()) return PrintError(top.status());
  std::cout << "近 " << a.days << " 天无结果的检索（次数\t检索词）:\n";
  for (const auto& row : *top) std::cout << row.count << '\t' << row.key << '\n';
  return kExitOk;
}

}  // namespace

void AddSiteCommands(CLI::App& app, Action& action) {
  auto args = std::make_shared<StatsArgs>();
  auto* stats = app.add_subcommand("site", "门户统计：访问量、无结果检索");
  stats->require_subcommand(1);
  auto* visits = stats->add_subcommand("visits", "某年网站访问量及访问最多的页面");
  AddDbOption(visits, args->url);
  visits->add_option("--year", args->year, "年份（默认今年）")->check(CLI::Range(2000, 2999));
  visits->add_option("--top", args->top, "列出页面数（默认 20）")->check(CLI::Range(0, 10000));
  visits->callback([&action, args] { action.Set([args] { return Visits(*args); }); });
  auto* misses =
      stats->add_subcommand("misses", "没有检索到结果的检索词（供编辑补充信息或同义词）");
  AddDbOption(misses, args->url);
  misses->add_option("--days", args->days, "最近天数（默认 30）")->check(CLI::Range(1, 3660));
  misses->add_option("--top", args->top, "列出条数（默认 20）")->check(CLI::Range(1, 10000));
  misses->callback([&action, args] { action.Set([args] { return Misses(*args); }); });
}

}  // namespace gongkai::cli
