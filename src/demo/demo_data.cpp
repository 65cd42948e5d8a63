#include "demo/demo_data.hpp"

#include <boost/json.hpp>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/password.hpp"
#include "core/calendar_service.hpp"
#include "core/guide.hpp"
#include "core/org_service.hpp"
#include "core/request_clock.hpp"
#include "core/request_service.hpp"
#include "demo/demo_live.hpp"
#include "demo/demo_office.hpp"
#include "demo/demo_requests.hpp"
#include "demo/demo_state.hpp"

namespace gongkai::demo {
namespace {

using core::Date;
using core::Id;
using core::OrgKind;
using core::Status;
using namespace demo;  // NOLINT: the generator's own parts

// Working days before today after which the past's requests stop: what follows is the
// work in flight (demo_live), generated through the services.
constexpr int kLiveWindow = 30;

class Generator {
 public:
  Generator(core::Repositories& repos, const core::Calendar& calendar, const core::Clock& clock,
            const DemoOptions& options, const app::PersonalDataKey& key,
            const DemoProgress& progress)
      : s_(repos, calendar, options), clock_(clock), key_(key), progress_(progress) {}

  core::Result<DemoSummary> Run(const std::string& password_hash) {
    GONGKAI_ASSIGN_OR_RETURN(auto existing, s_.repos.orgs().List());
    if (!existing.empty()) {
      return core::FailedPrecondition("数据库中已有机构，演示数据只能写入空库");
    }
    const int first = s_.options.first_year, last = s_.options.last_year;
    s_.summary.first_year = first;
    s_.summary.last_year = last;
    const int64_t steps = last - first + 3;
    Report("机构", 0, steps);
    GONGKAI_RETURN_IF_ERROR(Orgs());
    GONGKAI_RETURN_IF_ERROR(CreateDemoUsers(s_.repos, {"system", clock_.NowUtc()}, password_hash));
    RequestPlanner planner(s_.rng, s_.days, s_.calendar, s_.orgs, *s_.request_picker);
    for (int year = first; year <= last; ++year) {
      Report(Str(year) + " 年", year - first + 1, steps);
      GONGKAI_RETURN_IF_ERROR(YearFacts(year));
      GONGKAI_RETURN_IF_ERROR(GenerateMeetings(s_, year));
      GONGKAI_RETURN_IF_ERROR(GenerateItems(s_, year));
      GONGKAI_RETURN_IF_ERROR(GenerateResponses(s_, year));
      GONGKAI_RETURN_IF_ERROR(Requests(planner, year));
      GONGKAI_RETURN_IF_ERROR(GenerateConsultations(s_, year));
      GONGKAI_RETURN_IF_ERROR(GenerateComplaints(s_, year));
      GONGKAI_RETURN_IF_ERROR(GenerateLegalCases(s_, year));
    }
    GONGKAI_RETURN_IF_ERROR(PlantPersonalData(s_));
    GONGKAI_RETURN_IF_ERROR(Audit());
    if (last == s_.today.year()) {
      Report("今日在办", steps - 1, steps);
      GONGKAI_RETURN_IF_ERROR(Live());
    }
    if (s_.options.publish_reports) {
      Report("年度报告", steps - 1, steps);
      GONGKAI_ASSIGN_OR_RETURN(int reports,
                               PublishPastReports(s_.repos, s_.calendar, first, s_.today));
      s_.summary.reports = reports;
    }
    Report("完成", steps, steps);
    return s_.summary;
  }

 private:
  void Report(const std::string& step, int64_t done, int64_t total) {
    if (progress_) progress_(step, done, total);
  }

  Status Orgs() {
    std::map<std::string_view, Id> ids;
    const auto specs = OrgSpecs();
    for (size_t i = 0; i < specs.size(); ++i) {
      const OrgSpec& spec = specs[i];
      std::optional<Id> parent;
      if (i > 0) parent = ids.at(spec.parent ? std::string_view(spec.parent) : std::string_view());
      core::Org org = BuildOrg(spec, i, parent, s_.rng);
      GONGKAI_RETURN_IF_ERROR(core::ValidateOrg(org));
      GONGKAI_ASSIGN_OR_RETURN(Id id, s_.repos.orgs().Insert(org));
      ids[spec.code] = id;
      s_.orgs.push_back({&spec, id, org.code, org.name, Split(spec.domains)});
    }
    s_.summary.orgs = static_cast<int>(s_.orgs.size());
    std::vector<int64_t> request_w, consult_w;
    for (const DemoOrg& o : s_.orgs) {
      s_.item_weights.push_back(o.spec->item_weight);
      request_w.push_back(o.spec->request_weight);
      // The city's service centre takes most questions; bodies with counters the rest.
      consult_w.push_back(o.spec->kind == OrgKind::kGovernment ? 600
                                                               : 5 + 5 * o.spec->request_weight);
      // Each body's guide, composed from its records as stored.
      GONGKAI_ASSIGN_OR_RETURN(core::GuideRecords records, core::LoadGuideRecords(s_.repos, o.id));
      s_.guide_text.push_back(core::ComposeGuide(records));
    }
    s_.request_picker = std::make_unique<WeightedPicker>(request_w);
    s_.consult_picker = std::make_unique<WeightedPicker>(consult_w);
    return Status::Ok();
  }

  Status YearFacts(int year) {
    auto& rng = s_.rng;
    for (const DemoOrg& o : s_.orgs) {
      core::OrgYearFacts f;
      f.org_id = o.id;
      f.year = year;
      switch (o.spec->kind) {
        case OrgKind::kGovernment:
          f.dedicated_bodies = 1;
          f.staff_full_time = rng.Int(2, 4);
          f.staff_part_time = rng.Int(3, 6);
          f.funding_yuan = 1000 * rng.Between(160, 200);
          break;
        case OrgKind::kDepartment:
        case OrgKind::kTownship:
          f.dedicated_bodies = 1;
          f.staff_full_time = rng.Chance(0.05) ? 1 : 0;
          f.staff_part_time = rng.Int(1, 2);
          f.funding_yuan = rng.Chance(0.2) ? 500 * rng.Between(4, 40) : 0;
          break;
        case OrgKind::kInstitution:
          f.dedicated_bodies = rng.Chance(0.5) ? 1 : 0;
          f.staff_part_time = 1;
          break;
      }
      GONGKAI_RETURN_IF_ERROR(s_.repos.orgs().PutYearFacts(f));
      if (o.spec->kind == OrgKind::kDepartment) {
        auto vary = [&](int64_t base) { return base == 0 ? 0 : base * rng.Between(80, 120) / 100; };
        core::AdminStats a;
        a.org_id = o.id;
        a.year = year;
        a.licensing_decisions = vary(o.spec->licensing);
        a.punishment_decisions = vary(o.spec->punishment);
        a.coercion_decisions = vary(o.spec->coercion);
        a.fees_yuan = vary(o.spec->fees_yuan);
        GONGKAI_RETURN_IF_ERROR(s_.repos.orgs().PutAdminStats(a));
        ++s_.admin_stats;
      }
      ++s_.year_facts;
    }
    return Status::Ok();
  }

  core::Result<std::string> Seal(const Applicant& a) const {
    return key_.Seal(app::ApplicantData{a.name, a.id_document, a.contact});
  }

  Status Requests(RequestPlanner& planner, int year) {
    // Today's year: the past stops kLiveWindow working days ago; the rest is in flight.
    const bool this_year = year == s_.today.year();
    const Date last_receipt = this_year ? s_.days.Back(s_.today, kLiveWindow) : YearEnd(year);
    int count = s_.rng.Int(50, 60);
    if (this_year) {
      const double share = last_receipt < YearStart(year)
                               ? 0.0
                               : static_cast<double>(last_receipt - YearStart(year) + 1) / 365.0;
      count = static_cast<int>(count * share);
    }
    GONGKAI_ASSIGN_OR_RETURN(std::vector<PlannedRequest> plans,
                             planner.Year(year, count, last_receipt));
    std::vector<int> serial(s_.orgs.size(), 0);
    s_.year_requests.clear();
    for (auto& p : plans) {
      core::Request& r = p.request;
      r.year = year;
      r.serial = ++serial[p.org];
      char buf[24];
      std::snprintf(buf, sizeof buf, "%04d-%04d", year % 10000, r.serial % 10000);
      r.tracking_no = buf;
      GONGKAI_ASSIGN_OR_RETURN(r.applicant_sealed, Seal(MakeApplicant(s_.rng, r.applicant_type)));
      // The due date is the request clock's, replayed from the generated events, so the
      // demo can never disagree with `gongkai request explain`.
      GONGKAI_ASSIGN_OR_RETURN(core::DueDate due,
                               core::ComputeDueDate(r, p.events, s_.calendar, core::ClockRules{}));
      r.due_on = due.date ? due.date : r.due_on;
      r.due_provisional = due.provisional;
      s_.summary.provisional_dates = s_.summary.provisional_dates || due.provisional;
      GONGKAI_ASSIGN_OR_RETURN(Id id, s_.repos.requests().Insert(r));
      ++s_.summary.requests;
      for (auto& e : p.events) {
        e.request_id = id;
        GONGKAI_RETURN_IF_ERROR(s_.repos.requests().AppendEvent(e).status());
        ++s_.request_events;
      }
      const bool contested = r.outcome == "r2_partial" || r.outcome.starts_with("r3_") ||
                             r.outcome.starts_with("r4_") || r.outcome.starts_with("r5_");
      if (contested && r.state == core::RequestState::kAnswered) {
        s_.year_requests.push_back({p.org, *r.closed_on, id});
      }
    }
    return Status::Ok();
  }

  Status Live() {
    LiveContext live{s_.repos,       s_.calendar, s_.days,
                     s_.rng,         s_.orgs,     [this](const Applicant& a) { return Seal(a); },
                     clock_.NowUtc()};
    GONGKAI_ASSIGN_OR_RETURN(LiveCounts requests, LiveRequests(live));
    GONGKAI_ASSIGN_OR_RETURN(LiveCounts items, LiveItems(live));
    s_.summary.requests += requests.requests;
    s_.summary.items += items.items;
    // Today's requests' due dates may rely on an unloaded notice too.
    GONGKAI_ASSIGN_OR_RETURN(auto due, core::ListDue(s_.repos, s_.today, 25));
    for (const auto& d : due) {
      s_.summary.provisional_dates = s_.summary.provisional_dates || d.request.due_provisional;
    }
    return Status::Ok();
  }

  // One event per entity type for the bulk load (see demo_data.hpp for why).
  Status Audit() {
    const std::pair<const char*, int64_t> counts[] = {
        {"org", s_.summary.orgs},
        {"org_year_facts", s_.year_facts},
        {"admin_stats", s_.admin_stats},
        {"meeting", s_.summary.meetings},
        {"item", s_.summary.items},
        {"response", s_.summary.responses},
        {"request", s_.summary.requests},
        {"request_event", s_.request_events},
        {"consultation", s_.summary.consultations},
        {"complaint", s_.summary.complaints},
        {"legal_case", s_.summary.legal_cases},
    };
    const std::string now = clock_.NowUtc();
    for (const auto& [entity, count] : counts) {
      core::AuditEvent e;
      e.at = now;
      e.actor = "system";
      e.action = "demo.generate";
      e.entity = entity;
      e.entity_id = "*";
      boost::json::object after;
      after["count"] = count;
      after["seed"] = s_.options.seed;
      after["first_year"] = s_.options.first_year;
      after["last_year"] = s_.options.last_year;
      after["today"] = s_.today.ToIso();
      e.after_json = JsonText(after);
      GONGKAI_RETURN_IF_ERROR(s_.repos.audit().Append(std::move(e)).status());
    }
    return Status::Ok();
  }

  DemoState s_;
  const core::Clock& clock_;
  const app::PersonalDataKey& key_;
  const DemoProgress& progress_;
};

}  // namespace

core::Result<DemoSummary> GenerateDemo(core::Store& store, const core::Clock& clock,
                                       const DemoOptions& given, const DemoProgress& progress) {
  DemoOptions options = given;
  const int this_year = options.today.year();
  if (this_year < 2000 || this_year > 2999) {
    return core::InvalidArgument("演示数据的“今天”无效", "today");
  }
  if (options.last_year == 0) options.last_year = this_year;
  if (options.first_year == 0) options.first_year = options.last_year - 9;
  if (options.first_year < 2000 || options.last_year > this_year ||
      options.first_year > options.last_year) {
    return core::InvalidArgument(
        "演示数据年份范围无效：须 2000 ≤ 起始年 ≤ 结束年 ≤ 今天所在年（" + Str(this_year) + "）",
        "years");
  }
  if (options.scale_percent < 1 || options.scale_percent > 100) {
    return core::InvalidArgument("演示数据规模须为 1-100（百分比）", "scale");
  }
  // Without the server's key, a throwaway one nobody holds (demo_data.hpp).
  std::optional<app::PersonalDataKey> throwaway;
  if (!options.key) {
    Rng rng(options.seed ^ 0x9e3779b97f4a7c15ULL);
    GONGKAI_ASSIGN_OR_RETURN(throwaway, app::PersonalDataKey::FromBytes(rng.Hex(16)));
  }
  const app::PersonalDataKey& key = options.key ? *options.key : *throwaway;
  // Hashed once, outside the transaction (argon2id is deliberately slow).
  GONGKAI_ASSIGN_OR_RETURN(std::string password_hash, app::HashPassword(kDemoPassword));
  std::optional<DemoSummary> summary;
  core::Status status = store.Transact([&](core::Repositories& repos) -> core::Status {
    // The services the work in flight goes through read this calendar too.
    GONGKAI_ASSIGN_OR_RETURN(core::Calendar calendar, core::LoadCalendar(repos));
    Generator generator(repos, calendar, clock, options, key, progress);
    GONGKAI_ASSIGN_OR_RETURN(summary, generator.Run(password_hash));
    return core::Status::Ok();
  });
  if (!status.ok()) return status;
  return *summary;
}

}  // namespace gongkai::demo
