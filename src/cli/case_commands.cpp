// gongkai consult add | complaint add | review add|result | litigation add|result |
// case counts — the records that sit beside requests.
#include <iostream>

#include "app/system_clock.hpp"
#include "cli/commands.hpp"
#include "core/case_service.hpp"
#include "core/org_service.hpp"
#include "core/request_service.hpp"

namespace gongkai::cli {
namespace {

struct CaseArgs {
  std::string url, org, channel, date, topic, replied, request, result = "pending", closed;
  bool unanswered = false, after_review = false;
  int64_t id = 0;
  int year = 0;
};

core::Result<std::optional<core::Date>> OptionalDate(const std::string& text, const char* field) {
  if (text.empty()) return std::optional<core::Date>();
  GONGKAI_ASSIGN_OR_RETURN(core::Date d, core::Date::Parse(text, field));
  return std::optional<core::Date>(d);
}

core::Result<core::Date> DateOrToday(const std::string& text, const char* field) {
  if (text.empty()) return app::SystemClock().Today();
  return core::Date::Parse(text, field);
}

int Consult(const CaseArgs& a) {
  core::Consultation c;
  auto channel = core::ParseConsultChannel(a.channel);
  if (!channel.ok()) return PrintError(channel.status());
  auto date = DateOrToday(a.date, "date");
  if (!date.ok()) return PrintError(date.status());
  auto topic = NormalizeArg(a.topic, "topic");
  if (!topic.ok()) return PrintError(topic.status());
  c.channel = *channel;
  c.asked_on = *date;
  c.topic = *topic;
  c.answered = !a.unanswered;
  auto ctx = CliChangeContext();
  core::Date today = app::SystemClock().Today();
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(c, core::AddConsultation(repos, ctx, today, a.org, c));
    return core::Status::Ok();
  });
  if (rc == kExitOk) std::cout << "已登记咨询 id " << c.id << '\n';
  return rc;
}

int Complaint(const CaseArgs& a) {
  core::Complaint c;
  auto channel = core::ParseComplaintChannel(a.channel);
  if (!channel.ok()) return PrintError(channel.status());
  auto date = DateOrToday(a.date, "date");
  if (!date.ok()) return PrintError(date.status());
  auto replied = OptionalDate(a.replied, "replied");
  if (!replied.ok()) return PrintError(replied.status());
  auto subject = NormalizeArg(a.topic, "subject");
  if (!subject.ok()) return PrintError(subject.status());
  c.channel = *channel;
  c.received_on = *date;
  c.replied_on = *replied;
  c.subject = *subject;
  auto ctx = CliChangeContext();
  core::Date today = app::SystemClock().Today();
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(c, core::AddComplaint(repos, ctx, today, a.org, c));
    return core::Status::Ok();
  });
  if (rc == kExitOk) std::cout << "已登记举报投诉 id " << c.id << '\n';
  return rc;
}

int AddCase(const CaseArgs& a, bool review) {
  core::LegalCase c;
  c.kind = review ? core::CaseKind::kReview
                  : (a.after_review ? core::CaseKind::kLitigationAfterReview
                                    : core::CaseKind::kLitigationDirect);
  auto filed = DateOrToday(a.date, "filed");
  if (!filed.ok()) return PrintError(filed.status());
  auto result = core::ParseCaseResult(a.result);
  if (!result.ok()) return PrintError(result.status());
  auto closed = OptionalDate(a.closed, "closed");
  if (!closed.ok()) return PrintError(closed.status());
  c.filed_on = *filed;
  c.result = *result;
  c.closed_on = *closed;
  auto ctx = CliChangeContext();
  core::Date today = app::SystemClock().Today();
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    if (!a.request.empty()) {
      GONGKAI_ASSIGN_OR_RETURN(core::Request r, core::FindRequest(repos, a.org, a.request));
      c.request_id = r.id;
    }
    GONGKAI_ASSIGN_OR_RETURN(c, core::AddLegalCase(repos, ctx, today, a.org, c));
    return core::Status::Ok();
  });
  if (rc == kExitOk) {
    std::cout << "已登记" << (review ? "行政复议" : "行政诉讼") << "案件 id " << c.id << "（"
              << core::CaseKindCode(c.kind) << "，" << core::CaseResultCode(c.result) << "）\n";
  }
  return rc;
}

int SetResult(const CaseArgs& a) {
  auto result = core::ParseCaseResult(a.result);
  if (!result.ok()) return PrintError(result.status());
  auto closed = OptionalDate(a.closed, "closed");
  if (!closed.ok()) return PrintError(closed.status());
  auto ctx = CliChangeContext();
  core::Date today = app::SystemClock().Today();
  core::LegalCase c;
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(c,
                             core::SetLegalCaseResult(repos, ctx, today, a.id, *result, *closed));
    return core::Status::Ok();
  });
  if (rc == kExitOk)
    std::cout << "案件 " << c.id << " 结果: " << core::CaseResultCode(c.result) << '\n';
  return rc;
}

int Counts(const CaseArgs& a) {
  core::CaseCounts counts;
  std::string org_name;
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Org org, core::ResolveOrg(repos, a.org));
    org_name = org.name;
    GONGKAI_ASSIGN_OR_RETURN(counts, core::CountCases(repos, org.id, a.year));
    return core::Status::Ok();
  });
  if (rc != kExitOk) return rc;
  std::cout << org_name << " " << a.year << " 年\n咨询 " << counts.consultations_total << "（现场 "
            << counts.consultations[core::ConsultChannel::kOnSite] << "，电话 "
            << counts.consultations[core::ConsultChannel::kPhone] << "，网上 "
            << counts.consultations[core::ConsultChannel::kOnline] << "）\n举报投诉 "
            << counts.complaints_total << "（市长信箱 "
            << counts.complaints[core::ComplaintChannel::kMayorMailbox] << "，12345热线 "
            << counts.complaints[core::ComplaintChannel::kHotline12345] << "，其他 "
            << counts.complaints[core::ComplaintChannel::kOther] << "）\n"
            << "案件\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n";
  for (auto [kind, label] : {std::pair{core::CaseKind::kReview, "行政复议"},
                             std::pair{core::CaseKind::kLitigationDirect, "未经复议直接起诉"},
                             std::pair{core::CaseKind::kLitigationAfterReview, "复议后起诉"}}) {
    const auto& row = counts.legal[kind];
    std::cout << label << '\t' << row[0] << '\t' << row[1] << '\t' << row[2] << '\t' << row[3]
              << '\t' << counts.LegalTotal(kind) << '\n';
  }
  return kExitOk;
}

}  // namespace

void AddCaseCommands(CLI::App& app, Action& action) {
  auto args = std::make_shared<CaseArgs>();
  auto set = [&action, args](CLI::App* cmd, std::function<int(const CaseArgs&)> run) {
    cmd->callback([&action, args, run] { action.Set([args, run] { return run(*args); }); });
  };

  auto* consult = app.add_subcommand("consult", "政府信息公开咨询");
  consult->require_subcommand(1);
  auto* cadd = consult->add_subcommand("add", "登记一次咨询");
  AddDbOption(cadd, args->url);
  cadd->add_option("channel", args->channel, "on_site|phone|online 或 现场|电话|网上")->required();
  cadd->add_option("--date", args->date, "日期（默认今天）");
  cadd->add_option("--topic", args->topic, "咨询事项");
  cadd->add_flag("--unanswered", args->unanswered, "未答复");
  cadd->add_option("--org", args->org, "机构代码（默认根机构）");
  set(cadd, Consult);

  auto* complaint = app.add_subcommand("complaint", "举报投诉");
  complaint->require_subcommand(1);
  auto* kadd = complaint->add_subcommand("add", "登记一件举报投诉");
  AddDbOption(kadd, args->url);
  kadd->add_option("channel", args->channel, "mayor_mailbox|hotline_12345|other")->required();
  kadd->add_option("--date", args->date, "收到日期（默认今天）");
  kadd->add_option("--subject", args->topic, "事由");
  kadd->add_option("--replied", args->replied, "答复日期");
  kadd->add_option("--org", args->org, "机构代码（默认根机构）");
  set(kadd, Complaint);

  for (bool review : {true, false}) {
    auto* group = app.add_subcommand(review ? "review" : "litigation",
                                     review ? "行政复议案件" : "行政诉讼案件");
    group->require_subcommand(1);
    auto* add = group->add_subcommand("add", "登记案件");
    AddDbOption(add, args->url);
    add->add_option("--filed", args->date, "立案日期（默认今天）");
    add->add_option("--request", args->request, "关联的申请编号或 id");
    add->add_option("--result", args->result, "maintained|corrected|other|pending（默认 pending）");
    add->add_option("--closed", args->closed, "审结日期");
    add->add_option("--org", args->org, "被申请/被诉机构代码（默认根机构）");
    if (!review)
      add->add_flag("--after-review", args->after_review, "复议后起诉（默认未经复议直接起诉）");
    set(add, [review](const CaseArgs& a) { return AddCase(a, review); });
    auto* result = group->add_subcommand("result", "更新案件结果");
    AddDbOption(result, args->url);
    result->add_option("id", args->id, "案件 id")->required();
    result->add_option("result", args->result, "maintained|corrected|other|pending")->required();
    result->add_option("--closed", args->closed, "审结日期");
    set(result, SetResult);
  }

  auto* cases = app.add_subcommand("case", "咨询、举报投诉、复议诉讼统计");
  cases->require_subcommand(1);
  auto* counts = cases->add_subcommand("counts", "按年统计（表四及咨询、举报投诉）");
  AddDbOption(counts, args->url);
  counts->add_option("year", args->year, "年份")->required();
  counts->add_option("--org", args->org, "机构代码（默认根机构）");
  set(counts, Counts);
}

}  // namespace gongkai::cli
