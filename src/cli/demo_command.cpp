// gongkai demo: a fictional county-level city for trying gongkai out, alive on the day it is
// generated (demo/demo_data.hpp).
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <optional>

#include "app/personal_data.hpp"
#include "app/setup.hpp"
#include "app/system_clock.hpp"
#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "demo/demo_data.hpp"

namespace gongkai::cli {
namespace {

struct DemoArgs {
  std::string url;
  uint64_t seed = 1;
  std::string today;  // YYYY-MM-DD; empty: the system's today (Asia/Shanghai)
  int from = 0, to = 0;
  int scale = 100;
  std::string key_file;
  bool no_reports = false;
};

int Demo(const DemoArgs& a) {
  auto started = std::chrono::steady_clock::now();
  app::SystemClock system_clock;
  // --today pins the clock: 10:00 in Shanghai (02:00 UTC) that day.
  std::optional<core::FixedClock> pinned;
  if (!a.today.empty()) {
    auto today = core::Date::Parse(a.today, "today");
    if (!today.ok()) return PrintError(today.status());
    pinned.emplace(today->ToIso() + "T02:00:00Z", *today);
  }
  const core::Clock& clock = pinned ? static_cast<const core::Clock&>(*pinned) : system_clock;
  std::optional<app::PersonalDataKey> key;
  if (!a.key_file.empty() || std::getenv("GONGKAI_KEY_FILE")) {
    auto loaded = app::PersonalDataKey::LoadFromOptionOrEnv(a.key_file);
    if (!loaded.ok()) return PrintError(loaded.status());
    key = std::move(*loaded);
  }
  auto store = OpenStore(a.url, store::SchemaPolicy::kMigrate);
  if (!store.ok()) return PrintError(store.status());
  auto calendar_report = app::ImportBundledCalendar(**store, CliChangeContext());
  if (!calendar_report.ok()) return PrintError(calendar_report.status());
  demo::DemoOptions options;
  options.seed = a.seed;
  options.today = clock.Today();
  options.first_year = a.from;
  options.last_year = a.to;
  options.scale_percent = a.scale;
  options.key = key ? &*key : nullptr;
  options.publish_reports = !a.no_reports;
  Progress progress("演示数据", 0);
  auto summary = demo::GenerateDemo(
      **store, clock, options, [&progress](const std::string& step, int64_t done, int64_t total) {
        progress.SetTotal(total);
        progress.Update(done, step);
      });
  progress.Finish();
  if (!summary.ok()) return PrintError(summary.status());
  core::Status analyzed = (*store)->Analyze();
  if (!analyzed.ok()) return PrintError(analyzed);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "演示数据已生成（种子 " << a.seed << "，今天 " << options.today.ToIso() << "，"
            << summary->first_year << "–" << summary->last_year << " 年，用时 "
            << static_cast<int>(seconds * 10) / 10.0 << " 秒）: 机构 " << summary->orgs
            << "，主动公开信息 " << summary->items << "，依申请公开 " << summary->requests
            << "，咨询 " << summary->consultations << "，举报投诉 " << summary->complaints
            << "，复议诉讼 " << summary->legal_cases << "，会议培训 " << summary->meetings
            << "，回应解读 " << summary->responses << "，已发布年报 " << summary->reports
            << " 版\n";
  if (summary->provisional_dates) {
    std::cout << "注意：部分日期所在年份尚无国务院节假日安排通知，相关答复期限为按节假日规则"
                 "推算的暂定日期（标注“暂定”），载入该年通知后用 gongkai calendar import "
                 "重新计算。\n";
  }
  if (!key) {
    std::cout << "未指定 --key-file：申请人信息以一次性密钥加密，后台无法查看；"
                 "make demo 会先生成 demo.key 再用它生成和服务。\n";
  }
  return kExitOk;
}

}  // namespace

void AddDemoCommand(CLI::App& app, Action& action) {
  auto args = std::make_shared<DemoArgs>();
  auto* demo = app.add_subcommand(
      "demo", "生成演示数据：一个虚构的县级市，截至今天的十个年度，含今天在办的工作");
  AddDbOption(demo, args->url);
  demo->add_option("--seed", args->seed, "随机种子（相同种子、相同“今天”生成相同数据）");
  demo->add_option("--today", args->today, "演示数据的“今天”（YYYY-MM-DD，默认系统日期）");
  demo->add_option("--from", args->from, "第一年（默认今天所在年往前第 9 年）")
      ->check(CLI::Range(2000, 2999));
  demo->add_option("--to", args->to, "最后一年（默认今天所在年，不能晚于它）")
      ->check(CLI::Range(2000, 2999));
  demo->add_option("--scale", args->scale, "规模（百分比，默认 100；测试用小规模）")
      ->check(CLI::Range(1, 100));
  demo->add_option("--key-file", args->key_file,
                   "个人信息密钥文件，申请人信息用它加密（默认 $GONGKAI_KEY_FILE）");
  demo->add_flag("--no-reports", args->no_reports, "不发布往年年度报告");
  demo->callback([&action, args] { action.Set([args] { return Demo(*args); }); });
}

}  // namespace gongkai::cli
