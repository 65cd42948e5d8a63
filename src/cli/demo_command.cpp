// gongkai demo: a fictional county-level city for trying gongkai out.
#include <chrono>
#include <iostream>

#include "app/demo_data.hpp"
#include "app/setup.hpp"
#include "app/system_clock.hpp"
#include "cli/commands.hpp"

namespace gongkai::cli {
namespace {

struct DemoArgs {
  std::string url;
  uint64_t seed = 1;
  app::DemoOptions years;  // first_year, last_year
};

int Demo(const DemoArgs& a) {
  auto started = std::chrono::steady_clock::now();
  auto store = OpenStore(a.url, store::SchemaPolicy::kMigrate);
  if (!store.ok()) return PrintError(store.status());
  auto calendar_report = app::ImportBundledCalendar(**store, CliChangeContext());
  if (!calendar_report.ok()) return PrintError(calendar_report.status());
  core::Calendar calendar;
  core::Status loaded = (*store)->Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(calendar, core::LoadCalendar(repos));
    return core::Status::Ok();
  });
  if (!loaded.ok()) return PrintError(loaded);
  app::SystemClock clock;
  app::DemoOptions options = a.years;
  options.seed = a.seed;
  auto summary = app::GenerateDemo(**store, calendar, clock, options);
  if (!summary.ok()) return PrintError(summary.status());
  core::Status analyzed = (*store)->Analyze();
  if (!analyzed.ok()) return PrintError(analyzed);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "演示数据已生成（种子 " << a.seed << "，用时 "
            << static_cast<int>(seconds * 10) / 10.0 << " 秒）: 机构 " << summary->orgs
            << "，主动公开信息 " << summary->items << "，依申请公开 " << summary->requests
            << "，咨询 " << summary->consultations << "，举报投诉 " << summary->complaints
            << "，复议诉讼 " << summary->legal_cases << "，会议培训 " << summary->meetings
            << "，回应解读 " << summary->responses << '\n';
  return kExitOk;
}

}  // namespace

void AddDemoCommand(CLI::App& app, Action& action) {
  auto args = std::make_shared<DemoArgs>();
  auto* demo = app.add_subcommand("demo", "生成演示数据：一个虚构的县级市（2016–2025 年）");
  AddDbOption(demo, args->url);
  demo->add_option("--seed", args->seed, "随机种子（相同种子生成相同数据）");
  demo->add_option("--first-year", args->years.first_year, "第一年（默认 2016）")
      ->check(CLI::Range(2000, 2999));
  demo->add_option("--last-year", args->years.last_year, "最后一年（默认 2025）")
      ->check(CLI::Range(2000, 2999));
  demo->callback([&action, args] { action.Set([args] { return Demo(*args); }); });
}

}  // namespace gongkai::cli
