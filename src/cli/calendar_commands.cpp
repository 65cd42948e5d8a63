// gongkai calendar add-days | import | show
#include <iostream>

#include "app/holiday_file.hpp"
#include "cli/commands.hpp"
#include "core/calendar_service.hpp"

namespace gongkai::cli {
namespace {

struct CalendarArgs {
  std::string url, date, file;
  int days = 0;
  int year = 0;
};

// The calendar in the database; the bundled one when the database does not exist yet or
// holds no calendar (so date arithmetic works before `gongkai init`).
core::Result<core::Calendar> LoadCalendarFor(const std::string& url) {
  auto store = OpenStore(url);
  if (!store.ok() && store.status().code() != core::ErrorCode::kFailedPrecondition) {
    return store.status();
  }
  if (store.ok()) {
    core::Calendar calendar;
    core::Status status = (*store)->Transact([&](core::Repositories& repos) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(calendar, core::LoadCalendar(repos));
      return core::Status::Ok();
    });
    if (!status.ok()) return status;
    if (!calendar.years().empty()) return calendar;
  }
  GONGKAI_ASSIGN_OR_RETURN(auto years, app::LoadBundledHolidays());
  return core::Calendar(std::move(years));
}

std::string JoinYears(const std::vector<int>& years) {
  std::string out;
  for (int y : years) out += (out.empty() ? "" : "、") + std::to_string(y);
  return out;
}

int AddDays(const CalendarArgs& a) {
  auto start = core::Date::Parse(a.date, "date");
  if (!start.ok()) return PrintError(start.status());
  if (a.days < 0 || a.days > 3650) {
    return PrintError(core::InvalidArgument("工作日数应在 0–3650 之间", "days"));
  }
  auto calendar = LoadCalendarFor(a.url);
  if (!calendar.ok()) return PrintError(calendar.status());
  core::CalendarDay result = calendar->AddWorkingDays(*start, a.days);
  std::cout << result.date.ToIso() << '\n';
  if (result.provisional) {
    std::string estimated;
    for (const core::EstimatedHoliday& h : calendar->EstimatedBetween(*start, result.date)) {
      estimated += (estimated.empty() ? "" : "、") + h.name + "（" + h.date.ToIso() + "）";
    }
    std::cerr << "gongkai: 警告: 暂定日期——缺少 " << JoinYears(result.missing_years)
              << " 年的节假日安排（国务院办公厅通常于上一年10–12月发布），"
              << (estimated.empty()
                      ? "已按周末规则推算"
                      : "已按《全国年节及纪念日放假办法》推算 " + estimated + "，调休未计")
              << "；用 gongkai calendar import 载入后将得到确定日期\n";
  }
  return kExitOk;
}

int Import(const CalendarArgs& a) {
  auto years = app::LoadHolidayFile(a.file);
  if (!years.ok()) return PrintError(years.status());
  if (years->empty()) return PrintError(core::InvalidArgument("文件中没有任何年份的安排", "file"));
  core::ChangeContext ctx = CliChangeContext();
  core::ImportReport report;
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(report, core::ImportHolidayYears(repos, ctx, *years));
    return core::Status::Ok();
  });
  if (rc != kExitOk) return rc;
  std::cout << "已载入 " << JoinYears(report.years) << " 年的节假日安排；重算暂定到期日 "
            << report.due_dates_recomputed << " 件\n";
  return kExitOk;
}

int Show(const CalendarArgs& a) {
  auto calendar = LoadCalendarFor(a.url);
  if (!calendar.ok()) return PrintError(calendar.status());
  const core::HolidayYear* year = calendar->Year(a.year);
  if (!year) {
    return PrintError(
        core::NotFound("未载入 " + std::to_string(a.year) +
                           " 年的节假日安排（已载入: " + JoinYears(calendar->years()) + "）",
                       "year"));
  }
  for (const auto& n : year->notices) std::cout << "来源: " << n << '\n';
  std::cout << "放假:\n";
  for (const auto& d : year->off_days) std::cout << "  " << d.ToIso() << '\n';
  std::cout << "调休上班:\n";
  for (const auto& d : year->makeup_work_days) std::cout << "  " << d.ToIso() << '\n';
  return kExitOk;
}

}  // namespace

void AddCalendarCommands(CLI::App& app, Action& action) {
  auto args = std::make_shared<CalendarArgs>();
  auto* cal = app.add_subcommand("calendar", "工作日历（法定节假日与调休）");
  cal->require_subcommand(1);

  auto* add = cal->add_subcommand("add-days", "打印 DATE 之后第 N 个工作日（不含 DATE 当天）");
  AddDbOption(add, args->url);
  add->add_option("date", args->date, "起始日期 YYYY-MM-DD")->required();
  add->add_option("n", args->days, "工作日数")->required();
  add->callback([&action, args] { action.Set([args] { return AddDays(*args); }); });

  auto* import = cal->add_subcommand(
      "import", "从 JSON 文件载入节假日安排（与 data/holidays-cn.json 同格式）");
  AddDbOption(import, args->url);
  import->add_option("file", args->file, "JSON 文件")->required();
  import->callback([&action, args] { action.Set([args] { return Import(*args);
});
}  // namespace gongkai::cli
);

auto* show = cal->add_subcommand("show", "列出某年的放假和调休上班日期");
AddDbOption(show, args->url);
show->add_option("year", args->year, "年份")->required();
show->callback([&action, args] { action.Set([args] { return Show(*args); }); });
}

}  // namespace gongkai::cli
