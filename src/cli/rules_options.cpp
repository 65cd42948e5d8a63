#include "cli/rules_options.hpp"

#include "app/config.hpp"

namespace gongkai::cli {

void AddRulesOptions(CLI::App* command, RulesFlags& flags, bool report) {
  command->add_option("--config", flags.config, "配置文件（读取 clock_*、legacy_*、report_* 项）");
  command->add_option("--count-receipt-day", flags.count_receipt,
                      "收到申请当日是否计入答复期限: true|false（默认 false）");
  command->add_option("--fee-notice-pauses", flags.fee_pauses,
                      "收费通知至缴费期间是否不计入答复期限: true|false（默认 true）");
  if (report) {
    flags.with_report = true;
    command->add_option("--overdue-as", flags.overdue_as,
                        "旧版年报中逾期答复计入: extended（延期办结，默认）| on_time（按时办结）");
    command->add_option(
        "--case-year", flags.case_year,
        "表四计数年度: filed（按立案年度，年末状态，默认）| concluded（按审结年度）");
  }
}

core::Result<core::ReportRules> ResolveRules(const RulesFlags& flags) {
  GONGKAI_ASSIGN_OR_RETURN(app::ServerConfig config,
                           app::LoadConfig(flags.config, app::ProcessEnv()));
  for (auto [key, value, flag] :
       {std::tuple{"clock_count_receipt_day", &flags.count_receipt, "--count-receipt-day"},
        std::tuple{"clock_fee_notice_pauses", &flags.fee_pauses, "--fee-notice-pauses"},
        std::tuple{"legacy_overdue_as", &flags.overdue_as, "--overdue-as"},
        std::tuple{"report_case_year", &flags.case_year, "--case-year"}}) {
    if (value->empty()) continue;
    GONGKAI_RETURN_IF_ERROR(app::SetConfigValue(config, key, *value, flag));
  }
  return config.rules;
}

}  // namespace gongkai::cli
