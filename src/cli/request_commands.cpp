// gongkai request add | event | answer | fee | settle | show | explain | due | letter |
// export | keygen — disclosure on request (依申请公开).
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/holiday_file.hpp"
#include "app/personal_data.hpp"
#include "app/system_clock.hpp"
#include "cli/commands.hpp"
#include "core/request_letter.hpp"
#include "core/request_service.hpp"

namespace gongkai::cli {
namespace {

struct RequestArgs {
  std::string url, org, ref, key_file, as;
  // add
  std::string channel = "in_person", type = "natural_person", submitted, received, name, id_doc,
              contact, description, doc_no, delivery, note;
  // event / answer
  std::string kind, on, with, approver, deadline, reason, outcome, published_item, basis;
  int days = 0;
  // fee
  std::string fee_basis = "per_request", how;
  int quantity = 0, prior = 0;
  // due / export
  int within = 3;
  int year = 0;
  bool personal = false, is_public = false;
};

core::Result<core::Date> DateOrToday(const std::string& text, const char* field) {
  if (text.empty()) return app::SystemClock().Today();
  return core::Date::Parse(text, field);
}

core::Result<std::optional<core::Date>> OptionalDate(const std::string& text, const char* field) {
  if (text.empty()) return std::optional<core::Date>();
  GONGKAI_ASSIGN_OR_RETURN(core::Date d, core::Date::Parse(text, field));
  return std::optional<core::Date>(d);
}

void PrintDue(const core::RequestView& v) {
  const core::DueDate& due = v.due;
  switch (due.state) {
    case core::ClockState::kRunning:
      std::cout << "答复期限: " << due.date->ToIso() << (due.provisional ? "（暂定）" : "") << '\n';
      break;
    case core::ClockState::kClosed:
      std::cout << "已办结: " << due.closed_on->ToIso()
                << (due.closed_on_time ? "（在期限内）" : "（超过期限）") << '\n';
      break;
    default:
      std::cout << "答复期限: " << core::ClockStateLabel(due.state) << '\n';
  }
}

int Add(const RequestArgs& a) {
  auto channel = core::ParseRequestChannel(a.channel);
  if (!channel.ok()) return PrintError(channel.status());
  auto type = core::ParseApplicantType(a.type);
  if (!type.ok()) return PrintError(type.status());
  auto submitted = DateOrToday(a.submitted, "submitted");
  if (!submitted.ok()) return PrintError(submitted.status());
  auto received = OptionalDate(a.received, "received");
  if (!received.ok()) return PrintError(received.status());
  core::IntakeInput in;
  in.channel = *channel;
  in.applicant_type = *type;
  in.submitted_on = *submitted;
  in.confirmed_on = *received;
  app::ApplicantData applicant;
  for (auto [field, raw, out] :
       {std::tuple{"description", &a.description, &in.description},
        std::tuple{"doc_no", &a.doc_no, &in.doc_no},
        std::tuple{"delivery", &a.delivery, &in.delivery_form},
        std::tuple{"note", &a.note, &in.note}, std::tuple{"org", &a.org, &in.org_code},
        std::tuple{"name", &a.name, &applicant.name},
        std::tuple{"id_doc", &a.id_doc, &applicant.id_document},
        std::tuple{"contact", &a.contact, &applicant.contact}}) {
    auto value = NormalizeArg(*raw, field);
    if (!value.ok()) return PrintError(value.status());
    *out = *value;
  }
  if (applicant.name.empty()) {
    return PrintError(core::InvalidArgument("须给出申请人姓名或名称（--name）", "name"));
  }
  if (applicant.contact.empty()) {
    return PrintError(core::InvalidArgument("须给出申请人联系方式（--contact）", "contact"));
  }
  auto key = app::PersonalDataKey::LoadFromOptionOrEnv(a.key_file);
  if (!key.ok()) return PrintError(key.status());
  auto sealed = key->Seal(applicant);
  if (!sealed.ok()) return PrintError(sealed.status());
  in.applicant_sealed = *sealed;
  app::LookupCode code = app::NewLookupCode();
  in.lookup_code_hash = code.hash;

  core::ChangeContext ctx = CliChangeContext();
  core::Date today = app::SystemClock().Today();
  core::IntakeResult result;
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(result, core::IntakeRequest(repos, ctx, today, in));
    return core::Status::Ok();
  });
  if (rc != kExitOk) return rc;
  const core::Request& r = result.view.request;
  std::cout << "已登记申请 " << r.tracking_no << "（id " << r.id << "，" << result.view.org.name
            << "）\n收到日期: " << r.received_on.ToIso() << '\n';
  PrintDue(result.view);
  std::cout << "查询码（只显示这一次，请告知申请人）: " << code.code << '\n';
  if (!result.suggestions.empty()) {
    std::cout << "可能已主动公开的信息（可按第三十六条第（一）项答复）:\n";
    for (const auto& s : result.suggestions) {
      std::cout << "  " << s.item.index_no.value_or("-") << '\t' << s.item.title << '\t'
                << (s.item.doc_no.empty() ? "-" : s.item.doc_no) << '\t' << s.reason << '\n';
    }
  }
  return kExitOk;
}

// Runs `work` on the request named by a.ref in one transaction.
int WithRequest(
    const RequestArgs& a,
    const std::function<core::Status(core::Repositories&, const core::Request&)>& work) {
  return RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(core::Request r, core::FindRequest(repos, a.org, a.ref));
    return work(repos, r);
  });
}

int Event(const RequestArgs& a, core::RequestEventKind kind) {
  core::EventInput in;
  in.kind = kind;
  auto on = DateOrToday(a.on, "on");
  if (!on.ok()) return PrintError(on.status());
  in.on = *on;
  auto note = NormalizeArg(a.note, "note");
  if (!note.ok()) return PrintError(note.status());
  in.note = *note;
  auto approver = NormalizeArg(a.approver, "approver");
  if (!approver.ok()) return PrintError(approver.status());
  in.approver = *approver;
  in.outcome = a.outcome;
  in.published_item = a.published_item;
  in.basis = a.basis;
  in.extension_days = a.days;
  in.abandon_reason = a.reason;
  if (!a.with.empty()) {
    auto with = core::ParseConsultationKind(a.with);
    if (!with.ok()) return PrintError(with.status());
    in.consult_with = *with;
  }
  auto deadline = OptionalDate(a.deadline, "deadline");
  if (!deadline.ok()) return PrintError(deadline.status());
  in.correction_deadline = *deadline;
  core::ChangeContext ctx = CliChangeContext();
  core::Date today = app::SystemClock().Today();
  core::RequestView view;
  int rc = WithRequest(a, [&](core::Repositories& repos, const core::Request& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(view, core::RecordRequestEvent(repos, ctx, today, r.id, in));
    return core::Status::Ok();
  });
  if (rc != kExitOk) return rc;
  std::cout << view.request.tracking_no << ": 已记录" << core::RequestEventKindLabel(kind)
            << "，状态 " << core::RequestStateCode(view.request.state) << '\n';
  PrintDue(view);
  return kExitOk;
}

int Fee(const RequestArgs& a) {
  auto basis = core::ParseFeeBasis(a.fee_basis);
  if (!basis.ok()) return PrintError(basis.status());
  auto on = DateOrToday(a.on, "on");
  if (!on.ok()) return PrintError(on.status());
  core::ChangeContext ctx = CliChangeContext();
  core::Date today = app::SystemClock().Today();
  core::RequestView view;
  int rc = WithRequest(a, [&](core::Repositories& repos, const core::Request& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(
        view, core::NotifyFee(repos, ctx, today, r.id, *basis, a.quantity, a.prior, *on, a.note));
    return core::Status::Ok();
  });
  if (rc != kExitOk) return rc;
  std::cout << view.request.tracking_no << ": 信息处理费 " << view.fee->amount_yuan << " 元（"
            << core::FeeBasisLabel(view.fee->basis) << "），已发出收费通知\n";
  PrintDue(view);
  return kExitOk;
}

int Settle(const RequestArgs& a) {
  auto on = DateOrToday(a.on, "on");
  if (!on.ok()) return PrintError(on.status());
  core::ChangeContext ctx = CliChangeContext();
  core::Date today = app::SystemClock().Today();
  core::RequestView view;
  int rc = WithRequest(a, [&](core::Repositories& repos, const core::Request& r) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(view, core::SettleFee(repos, ctx, today, r.id, a.how, *on));
    return core::Status::Ok();
  });
  if (rc != kExitOk) return rc;
  std::cout << view.request.tracking_no << ": 信息处理费" << (a.how == "paid" ? "已缴" : "免收")
            << '\n';
  PrintDue(view);
  return kExitOk;
}

int Show(const RequestArgs& a, bool explain_only) {
  std::optional<app::PersonalDataKey> key;
  if (a.personal) {
    if (a.as.empty()) {
      return PrintError(
          core::InvalidArgument("查看个人信息须以申请办理员身份（--as 用户名）", "as"));
    }
    auto loaded = app::PersonalDataKey::LoadFromOptionOrEnv(a.key_file);
    if (!loaded.ok()) return PrintError(loaded.status());
    key = *loaded;
  }
  core::RequestView v;
  int rc = WithRequest(a, [&](core::Repositories& repos, const core::Request& r) -> core::Status {
    if (a.personal) {
      GONGKAI_RETURN_IF_ERROR(core::CheckPersonalDataAccess(repos, a.as, r));
      // The actor is the case handler named by --as (and the operating-system login).
      core::ChangeContext ctx = CliChangeContext();
      ctx.actor = "user:" + a.as + " (" + ctx.actor + ")";
      GONGKAI_RETURN_IF_ERROR(
          core::RecordPersonalDataAccess(repos, ctx, r, "cli", "命令行查看申请人信息"));
    }
    GONGKAI_ASSIGN_OR_RETURN(v, core::LoadRequestView(repos, r.id));
    return core::Status::Ok();
  });
  if (rc != kExitOk) return rc;
  const core::Request& r = v.request;
  if (explain_only) {
    std::cout << r.tracking_no << " 的答复期限:\n" << core::ExplainDueDate(v.due);
    return kExitOk;
  }
  std::optional<app::ApplicantData> applicant;
  if (key) {
    auto opened = key->Open(r.applicant_sealed);
    if (!opened.ok()) return PrintError(opened.status());
    applicant = *opened;
  }
  std::cout << "编号: " << r.tracking_no << "（id " << r.id << "）\n"
            << "机构: " << v.org.name << " [" << v.org.code << "]\n"
            << "渠道: " << core::RequestChannelLabel(r.channel) << "\n"
            << "申请人类型: " << core::ApplicantTypeLabel(r.applicant_type) << "\n";
  if (applicant) {
    std::cout << "申请人: " << applicant->name << "\n身份证明: " << applicant->id_document
              << "\n联系方式: " << applicant->contact << "\n";
  }
  std::cout << "申请内容: " << r.description << "\n"
            << "文号: " << (r.doc_no.empty() ? "-" : r.doc_no) << "\n"
            << "获取方式: " << (r.delivery_form.empty() ? "-" : r.delivery_form) << "\n"
            << "提交日期: " << r.submitted_on.ToIso() << "\n收到日期: " << r.received_on.ToIso()
            << "\n状态: " << core::RequestStateCode(r.state) << "\n";
  if (!r.outcome.empty()) {
    std::cout << "办理结果: " << r.outcome << " " << core::OutcomeLabel(r.outcome) << "\n";
  }
  if (v.fee) {
    std::cout << "信息处理费: " << v.fee->amount_yuan << " 元（"
              << core::FeeBasisLabel(v.fee->basis) << "，" << core::FeeStatusCode(v.fee->status)
              << "）\n";
  }
  PrintDue(v);
  std::cout << "事件:\n";
  for (const auto& e : v.events) {
    auto kind = core::ParseRequestEventKind(e.kind);
    std::cout << "  " << e.seq << ". " << e.on.ToIso() << " "
              << (kind.ok() ? core::RequestEventKindLabel(*kind) : e.kind) << " " << e.actor
              << (e.note.empty() ? "" : " — " + e.note) << '\n';
  }
  return kExitOk;
}

int Due(const RequestArgs& a) {
  core::Date today = app::SystemClock().Today();
  std::vector<core::DueEntry> due;
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(due, core::ListDue(repos, today, a.within));
    return core::Status::Ok();
  });
  if (rc != kExitOk) return rc;
  for (const auto& d : due) {
    std::cout << d.org_code << '\t' << d.request.tracking_no << '\t' << d.request.due_on->ToIso()
              << '\t'
              << (d.overdue ? "已逾期"
                            : "剩余 " + std::to_string(d.working_days_left) + " 个工作日")
              << (d.request.due_provisional ? "（暂定）" : "") << '\n';
  }
  if (due.empty()) std::cout << "没有逾期或 " << a.within << " 个工作日内到期的申请\n";
  return kExitOk;
}

std::string Csv(std::string_view field) {
  if (field.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// The public register: no applicant data, no lookup code, no description (it may name
// people) — only what the annual report counts.
int Export(const RequestArgs& a) {
  if (!a.is_public) {
    return PrintError(
        core::InvalidArgument("目前只提供不含个人信息的公开导出：请加 --public", "public"));
  }
  int year = a.year ? a.year : app::SystemClock().Today().year();
  std::ostringstream out;
  out << "org,tracking_no,channel,applicant_type,received_on,state,outcome,due_on,closed_on\n";
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto orgs, repos.orgs().List());
    for (const core::Org& o : orgs) {
      if (!a.org.empty() && o.code != a.org) continue;
      GONGKAI_ASSIGN_OR_RETURN(auto requests, repos.requests().ListByOrgYear(o.id, year));
      for (const core::Request& r : requests) {
        out << Csv(o.code) << ',' << r.tracking_no << ',' << core::RequestChannelCode(r.channel)
            << ',' << core::ApplicantTypeCode(r.applicant_type) << ',' << r.received_on.ToIso()
            << ',' << core::RequestStateCode(r.state) << ',' << r.outcome << ','
            << (r.due_on ? r.due_on->ToIso() : "") << ','
            << (r.closed_on ? r.closed_on->ToIso() : "") << '\n';
      }
    }
    return core::Status::Ok();
  });
  if (rc == kExitOk) std::cout << out.str();
  return rc;
}

int Letter(const RequestArgs& a) {
  std::optional<app::PersonalDataKey> key;
  if (!a.key_file.empty()) {
    auto loaded = app::PersonalDataKey::Load(a.key_file);
    if (!loaded.ok()) return PrintError(loaded.status());
    key = *loaded;
  }
  core::RequestView v;
  int rc = WithRequest(a, [&](core::Repositories& repos, const core::Request& r) -> core::Status {
    if (key) {
      if (a.as.empty()) {
        return core::InvalidArgument("在告知书中写入申请人姓名须以申请办理员身份（--as 用户名）",
                                     "as");
      }
      GONGKAI_RETURN_IF_ERROR(core::CheckPersonalDataAccess(repos, a.as, r));
    }
    GONGKAI_ASSIGN_OR_RETURN(v, core::LoadRequestView(repos, r.id));
    return core::Status::Ok();
  });
  if (rc != kExitOk) return rc;
  const core::Request& r = v.request;
  if (!core::IsClosed(r.state)) {
    return PrintError(core::FailedPrecondition(r.tracking_no + " 尚未办结，没有可生成的告知书"));
  }
  std::string path = app::DataDir() + "/data/letters/" + r.outcome + ".txt";
  std::ifstream in(path);
  if (!in) return PrintError(core::NotFound("找不到告知书模板 " + path, "template"));
  std::string tmpl((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string applicant = "申请人";
  if (key) {
    auto opened = key->Open(r.applicant_sealed);
    if (!opened.ok()) return PrintError(opened.status());
    applicant = opened->name;
  }
  auto text = core::RenderTemplate(tmpl, core::LetterValues(v, applicant));
  if (!text.ok()) return PrintError(text.status());
  std::cout << *text;
  return kExitOk;
}

int Keygen(const RequestArgs& a) {
  core::Status s = app::PersonalDataKey::Generate(a.key_file);
  if (!s.ok()) return PrintError(s);
  std::cout << "已生成个人信息密钥 " << a.key_file
            << "（权限 600；请妥善备份，丢失后已加密的个人信息无法恢复）\n";
  return kExitOk;
}

void RequestRef(CLI::App* cmd, RequestArgs& args) {
  cmd->add_option("request", args.ref, "申请编号（如 2026-0042）或 id")->required();
  cmd->add_option("--org", args.org, "机构代码（编号按机构编排；默认根机构）");
}

}  // namespace

void AddRequestCommands(CLI::App& app, Action& action) {
  auto args = std::make_shared<RequestArgs>();
  auto* req = app.add_subcommand("request", "依申请公开：登记、办理、答复、期限");
  req->require_subcommand(1);
  auto set = [&action, args](CLI::App* cmd, std::function<int(const RequestArgs&)> run) {
    cmd->callback([&action, args, run] { action.Set([args, run] { return run(*args); }); });
  };

  auto* add = req->add_subcommand("add", "登记申请（申请人个人信息加密保存）");
  AddDbOption(add, args->url);
  add->add_option("--org", args->org, "受理机构代码（默认根机构）");
  add->add_option("--channel", args->channel,
                  "渠道: in_person|post|fax|online|other 或 当面|邮寄|传真|网络|其他");
  add->add_option(
      "--type", args->type,
      "申请人类型: natural_person|business|research|public_welfare|legal_service|other_org");
  add->add_option("--submitted", args->submitted, "提交日期（默认今天）");
  add->add_option("--received", args->received,
                  "邮寄: 签收日期（平常信函为确认日期）；网络/传真: 双方确认日期");
  add->add_option("--name", args->name, "申请人姓名或名称")->required();
  add->add_option("--id-doc", args->id_doc, "身份证明");
  add->add_option("--contact", args->contact, "联系方式")->required();
  add->add_option("--description", args->description, "申请公开的信息（名称、文号或特征描述）")
      ->required();
  add->add_option("--doc-no", args->doc_no, "文号");
  add->add_option("--delivery", args->delivery, "获取方式（纸质、电子邮件等）");
  add->add_option("--note", args->note, "备注");
  add->add_option("--key-file", args->key_file, "个人信息密钥文件（默认 $GONGKAI_KEY_FILE）");
  set(add, Add);

  auto* event = req->add_subcommand("event", "记录办理事件");
  AddDbOption(event, args->url);
  RequestRef(event, *args);
  event
      ->add_option("kind", args->kind,
                   "correction_requested|corrected|consultation_start|consultation_end|"
                   "extension|abandon|withdraw|note")
      ->required();
  event->add_option("--on", args->on, "日期（默认今天）");
  event->add_option("--note", args->note, "备注（勿写入申请人个人信息）");
  event->add_option("--with", args->with, "征求意见对象: third_party|inter_agency");
  event->add_option("--days", args->days, "延期工作日数（≤20；2008年条例 ≤15）");
  event->add_option("--approver", args->approver, "延期批准人");
  event->add_option("--deadline", args->deadline, "补正期限");
  event->add_option("--reason", args->reason, "视为放弃的原因: correction|fee");
  event->callback([&action, args] {
    action.Set([args] {
      auto kind = core::ParseRequestEventKind(args->kind);
      if (!kind.ok()) return PrintError(kind.status());
      if (*kind == core::RequestEventKind::kAnswer || *kind == core::RequestEventKind::kFeeNotice ||
          *kind == core::RequestEventKind::kFeeSettled) {
        return PrintError(core::InvalidArgument(
            "答复用 gongkai request answer，收费用 gongkai request fee / settle", "kind"));
      }
      return Event(*args, *kind);
    });
  });

  auto* answer = req->add_subcommand("answer", "答复并办结（须有且只有一个办理结果）");
  AddDbOption(answer, args->url);
  RequestRef(answer, *args);
  answer->add_option("outcome", args->outcome, "办理结果: 表三的一行，如 r1_open r2_partial r3_1 …")
      ->required();
  answer->add_option("--on", args->on, "答复日期（默认今天）");
  answer->add_option("--published-item", args->published_item,
                     "予以公开且已主动公开时，所指信息的索引号");
  answer->add_option("--basis", args->basis, "r4_1 的依据: not_exist|not_ours");
  answer->add_option("--note", args->note, "备注");
  set(answer, [](const RequestArgs& a) { return Event(a, core::RequestEventKind::kAnswer); });

  auto* fee = req->add_subcommand("fee", "决定收取信息处理费并发出收费通知（国办函〔2020〕109号）");
  AddDbOption(fee, args->url);
  RequestRef(fee, *args);
  fee->add_option("--basis", args->fee_basis, "per_request（按件）|per_volume（按量）");
  fee->add_option("--quantity", args->quantity, "按件: 本申请件数；按量: 页数")->required();
  fee->add_option("--prior", args->prior, "按件: 同一申请人本月此前已申请件数");
  fee->add_option("--on", args->on, "通知日期（默认今天）");
  set(fee, Fee);

  auto* settle = req->add_subcommand("settle", "记录缴费或免收");
  AddDbOption(settle, args->url);
  RequestRef(settle, *args);
  settle->add_option("how", args->how, "paid|waived")->required();
  settle->add_option("--on", args->on, "日期（默认今天）");
  set(settle, Settle);

  auto* show = req->add_subcommand("show", "显示申请（--personal 显示申请人个人信息）");
  AddDbOption(show, args->url);
  RequestRef(show, *args);
  show->add_flag("--personal", args->personal, "显示申请人个人信息（须密钥与申请办理员身份）");
  show->add_option("--as", args->as, "申请办理员用户名");
  show->add_option("--key-file", args->key_file, "个人信息密钥文件（默认 $GONGKAI_KEY_FILE）");
  set(show, [](const RequestArgs& a) { return Show(a, false); });

  auto* explain = req->add_subcommand("explain", "逐个事件说明答复期限是怎样算出的");
  AddDbOption(explain, args->url);
  RequestRef(explain, *args);
  set(explain, [](const RequestArgs& a) { return Show(a, true); });

  auto* due = req->add_subcommand("due", "列出已逾期和 N 个工作日内到期的申请");
  AddDbOption(due, args->url);
  due->add_option("--within", args->within, "工作日数（默认 3）");
  set(due, Due);

  auto* letter = req->add_subcommand("letter", "按模板生成告知书（data/letters/<结果>.txt）");
  AddDbOption(letter, args->url);
  RequestRef(letter, *args);
  letter->add_option("--key-file", args->key_file, "给出密钥时写入申请人姓名");
  letter->add_option("--as", args->as, "申请办理员用户名（写入姓名时必需）");
  set(letter, Letter);

  auto* exp = req->add_subcommand("export", "导出某年的申请登记（CSV，不含个人信息）");
  AddDbOption(exp, args->url);
  exp->add_flag("--public", args->is_public, "公开导出：不含申请人信息与申请内容");
  exp->add_option("--year", args->year, "年份（默认今年）");
  exp->add_option("--org", args->org, "只导出该机构");
  set(exp, Export);

  auto* keygen = req->add_subcommand("keygen", "生成个人信息密钥文件（32 字节，权限 600）");
  keygen->add_option("file", args->key_file, "密钥文件路径")->required();
  set(keygen, Keygen);
}

}  // namespace gongkai::cli
