// ImportItems (app/item_io.hpp): a two-stage pipeline inside the import's transaction.
//
//   row workers   chunks of rows: normalise, build the item, screen for personal data
//                 (no database: item_rows.hpp and core::ScanItemText are pure);
//   this thread   each chunk in row order: extend the snapshot (catalogs, taken 索引号),
//                 apply ImportItem's rules (core::PrepareImportedItems) and store the rows
//                 that pass, while the workers work on the chunks after it.
//
// The writer stops storing at the first row error unless skip_bad, but keeps checking the
// remaining chunks so that every error is reported; the transaction is then rolled back.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <deque>
#include <future>
#include <map>
#include <set>
#include <thread>

#include "app/item_io.hpp"
#include "app/item_rows.hpp"
#include "core/item_bulk_import.hpp"
#include "core/item_exposure.hpp"
#include "core/item_workflow.hpp"
#include "text/encoding.hpp"

namespace gongkai::app {
namespace {

using item_rows::RawRow;

// A sentinel: rolls back the import transaction when rows failed.
constexpr const char* kRollback = "import rolled back: row errors";

// What the row workers read: the bodies by code and by id, and the options.
struct RowScope {
  const std::map<std::string, core::Id>& org_ids;
  const std::map<core::Id, const core::Org*>& orgs;
  const ImportOptions& options;
};

// One chunk after the row stage: the candidate items (in row order) with their row numbers
// and personal-data counts, and the errors and findings of the chunk's rows.
struct CheckedChunk {
  std::vector<core::Item> items;
  std::vector<size_t> numbers;            // the row number of each item
  std::vector<core::ExposureScan> scans;  // per item; item_id set once stored
  std::vector<RowError> errors;
  std::vector<ImportFindings> findings;
};

// The personal-data screen of one row's item (imported items have no attachments: title,
// summary and body). Lists unmasked findings; refuses (a row error, returns false) an item
// imported as published with unmasked personal data unless allow_personal_data.
bool ScreenPersonalData(const core::Item& item, const core::Org& org, size_t number,
                        const ImportOptions& options, CheckedChunk& out) {
  core::ItemExposure exposure = core::ScanItemText(item, org);
  const int unmasked = exposure.unmasked();
  out.scans.push_back({0, unmasked, static_cast<int>(exposure.personal_data.size()) - unmasked});
  if (unmasked == 0) return true;
  ImportFindings found{number, item.title, core::ItemStateCode(item.state), {}};
  for (auto& f : exposure.personal_data) {
    if (!f.masked) found.findings.push_back(std::move(f));
  }
  out.findings.push_back(std::move(found));
  if (item.state == core::ItemState::kPublished && !options.allow_personal_data) {
    out.scans.pop_back();
    out.errors.push_back(
        {number, "personal_data",
         "已发布的信息含未遮盖的个人信息 " + std::to_string(unmasked) +
             " 处：遮盖后再导入，或确认依法公开后使用 --allow-personal-data 导入"});
    return false;
  }
  return true;
}

// The row stage for rows[begin, end): touches only those rows and the read-only scope.
CheckedChunk CheckRows(std::vector<RawRow>& rows, size_t begin, size_t end, const RowScope& scope) {
  CheckedChunk out;
  out.items.reserve(end - begin);
  for (size_t i = begin; i < end; ++i) {
    RawRow& row = rows[i];
    const size_t number = row.number;
    auto fail = [&](const core::Status& s) {
      out.errors.push_back({number, s.field(), s.message()});
    };
    if (row.error) {
      fail(core::InvalidArgument(*row.error));
      continue;
    }
    if (row.extra) {
      fail(core::InvalidArgument("该行的列数多于表头"));
      continue;
    }
    if (core::Status s = item_rows::NormalizeRow(row); !s.ok()) {
      fail(s);
      continue;
    }
    auto item = item_rows::RowToItem(row, scope.org_ids, scope.options.default_org);
    row = RawRow{};  // its strings moved into the item or no longer needed
    if (!item.ok()) {
      fail(item.status());
      continue;
    }
    auto org = scope.orgs.find(item->org_id);
    if (org == scope.orgs.end()) {
      out.scans.push_back({});
    } else if (!ScreenPersonalData(*item, *org->second, number, scope.options, out)) {
      continue;
    }
    out.numbers.push_back(number);
    out.items.push_back(std::move(*item));
  }
  return out;
}

// A reading of the three clocks of an ImportPhase.
struct Clocks {
  std::chrono::steady_clock::time_point wall;
  double cpu = 0;
  double writer_cpu = 0;

  static double Seconds(clockid_t id) {
    timespec t{};
    clock_gettime(id, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
  }
  static Clocks Now() {
    return {std::chrono::steady_clock::now(), Seconds(CLOCK_PROCESS_CPUTIME_ID),
            Seconds(CLOCK_THREAD_CPUTIME_ID)};
  }
  // The phase from this reading to `later`, written to `phase` when it is set.
  void To(const Clocks& later, ImportPhase* phase) const {
    if (!phase) return;
    phase->wall = std::chrono::duration<double>(later.wall - wall).count();
    phase->cpu = later.cpu - cpu;
    phase->writer_cpu = later.writer_cpu - writer_cpu;
  }
};

size_t RowWorkers(const ImportOptions& options, size_t chunks) {
  if (options.row_workers >= 0) return static_cast<size_t>(options.row_workers);
  if (chunks <= 1) return 0;  // nothing to overlap
  return std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 4);
}

// Decodes and parses the file into rows (file-level errors only).
core::Result<std::vector<RawRow>> ReadRows(std::string_view bytes, const ImportOptions& options) {
  std::string decoded;
  if (options.encoding == "auto" || options.encoding.empty()) {
    GONGKAI_ASSIGN_OR_RETURN(decoded, text::DecodeToUtf8(bytes));
  } else {
    GONGKAI_ASSIGN_OR_RETURN(decoded, text::DecodeAs(bytes, options.encoding));
  }
  if (options.format == "csv") return item_rows::ParseCsvRows(std::move(decoded));
  if (options.format == "json") return item_rows::ParseJsonRows(decoded);
  return core::InvalidArgument("未知的格式: " + options.format + "（可选 csv, json）", "format");
}

// What the writer keeps from chunk to chunk.
struct WriterState {
  core::ImportSnapshot snapshot;  // extended chunk by chunk
  std::set<std::string> claimed;  // 索引号 of the rows that passed so far
};

// The writer's step for one chunk, in row order: its errors and findings into the report,
// ImportItem's rules against the snapshot, and (unless a row failed without skip_bad) the
// rows that pass stored with their records and scan counts.
core::Status CheckAndStore(core::Repositories& repos, const core::ChangeContext& ctx,
                           const ImportOptions& options, CheckedChunk& chunk, WriterState& state,
                           ImportReport& report) {
  for (auto& e : chunk.errors) report.errors.push_back(std::move(e));
  for (auto& f : chunk.findings) report.findings.push_back(std::move(f));
  GONGKAI_RETURN_IF_ERROR(core::ExtendImportSnapshot(repos, state.snapshot, chunk.items));
  auto checked = core::PrepareImportedItems(state.snapshot, options.actor, chunk.items,
                                            options.today, state.claimed);
  std::vector<core::Item> good;
  std::vector<core::ExposureScan> scans;
  good.reserve(chunk.items.size());
  for (size_t k = 0; k < chunk.items.size(); ++k) {
    if (!checked[k].ok()) {
      report.errors.push_back({chunk.numbers[k], checked[k].field(), checked[k].message()});
      continue;
    }
    good.push_back(std::move(chunk.items[k]));
    scans.push_back(chunk.scans[k]);
  }
  const bool storing = report.errors.empty() || options.skip_bad;
  if (!storing || good.empty()) return core::Status::Ok();
  GONGKAI_RETURN_IF_ERROR(core::StoreImportedItems(repos, ctx, options.actor, good));
  // Stored for the dashboard's count of published items with personal data.
  for (size_t k = 0; k < good.size(); ++k) scans[k].item_id = good[k].id;
  GONGKAI_RETURN_IF_ERROR(repos.items().SaveExposureScans(scans));
  report.imported += good.size();
  return core::Status::Ok();
}

}  // namespace

core::Result<ImportReport> ImportItems(core::Store& store, const core::ChangeContext& ctx,
                                       std::string_view bytes, const ImportOptions& options) {
  ImportTimings* timings = options.timings;
  auto phase = [timings](ImportPhase ImportTimings::*member) {
    return timings ? &(timings->*member) : nullptr;
  };
  const Clocks start = Clocks::Now();
  GONGKAI_ASSIGN_OR_RETURN(std::vector<RawRow> rows, ReadRows(bytes, options));
  ImportReport report;
  report.rows = rows.size();
  if (options.parsed) options.parsed(rows.size());
  const size_t chunk_rows = std::max<size_t>(options.chunk_rows, 1);
  const size_t chunks = (rows.size() + chunk_rows - 1) / chunk_rows;
  const size_t workers = RowWorkers(options, chunks);
  Clocks stage = Clocks::Now();
  start.To(stage, phase(&ImportTimings::read));

  core::Status status = store.Transact([&](core::Repositories& repos) -> core::Status {
    report.errors.clear();  // in case the store runs the transaction again
    report.findings.clear();
    report.imported = 0;
    GONGKAI_ASSIGN_OR_RETURN(auto all, repos.orgs().List());
    std::map<std::string, core::Id> org_ids;
    std::map<core::Id, const core::Org*> orgs;
    for (const auto& o : all) {
      org_ids[o.code] = o.id;
      orgs[o.id] = &o;
    }
    // The bodies, the actor and its grants; catalogs and taken 索引号 come per chunk.
    WriterState state;
    GONGKAI_ASSIGN_OR_RETURN(state.snapshot, core::LoadImportSnapshot(repos, options.actor, {}));
    const RowScope scope{org_ids, orgs, options};
    auto work = [&rows, &scope, chunk_rows](size_t c) {
      return CheckRows(rows, c * chunk_rows, std::min(rows.size(), (c + 1) * chunk_rows), scope);
    };
    // Declared after everything the workers read: destroyed (joined) first on every return.
    std::deque<std::future<CheckedChunk>> ahead;
    size_t launched = 0;
    auto launch = [&] {
      while (ahead.size() < workers && launched < chunks) {
        ahead.push_back(std::async(std::launch::async, work, launched++));
      }
    };
    for (size_t c = 0; c < chunks; ++c) {
      CheckedChunk chunk;
      if (workers == 0) {
        chunk = work(c);
      } else {
        launch();
        chunk = ahead.front().get();
        ahead.pop_front();
        launch();
      }
      GONGKAI_RETURN_IF_ERROR(CheckAndStore(repos, ctx, options, chunk, state, report));
      if (options.progress)
        options.progress(std::min(rows.size(), (c + 1) * chunk_rows), rows.size());
    }
    if (!report.errors.empty() && !options.skip_bad) return core::Internal(kRollback);
    if (report.imported == 0) return core::Internal(kRollback);
    Clocks stored = Clocks::Now();
    stage.To(stored, phase(&ImportTimings::rows));
    core::Status indexed = options.before_commit ? options.before_commit() : core::Status::Ok();
    stage = Clocks::Now();
    stored.To(stage, phase(&ImportTimings::index));
    return indexed;
  });
  stage.To(Clocks::Now(), phase(&ImportTimings::commit));
  std::sort(report.errors.begin(), report.errors.end(),
            [](const RowError& a, const RowError& b) { return a.row < b.row; });
  if (status.ok()) {
    report.written = true;
    return report;
  }
  if (status.message() == kRollback) {
    report.imported = 0;
    return report;
  }
  return status;
}

}  // namespace gongkai::app
