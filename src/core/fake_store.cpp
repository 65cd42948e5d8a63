#include "core/fake_store.hpp"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <iterator>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "core/fake_store_internal.hpp"
#include "core/request_clock.hpp"

namespace gongkai::core {

namespace fake_store_internal {

// Notices are one TEXT column in SQL: joined by '\n', split again as store/ splits them.
std::vector<std::string> AsStoredNotices(const std::vector<std::string>& notices) {
  std::string joined;
  for (const auto& n : notices) {
    if (!joined.empty()) joined += '\n';
    joined += n;
  }
  std::vector<std::string> out;
  size_t start = 0;
  while (start < joined.size()) {
    size_t end = joined.find('\n', start);
    if (end == std::string::npos) end = joined.size();
    out.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Result<TableCounts> Repos::CountAll() {
  int64_t points = 0, channels = 0;
  for (const auto& [_, o] : t_.orgs.rows()) points += static_cast<int64_t>(o.reading_points.size());
  for (const auto& [_, it] : t_.items.rows()) channels += static_cast<int64_t>(it.channels.size());
  TableCounts c;
  c.rows = {{"orgs", t_.orgs.Size()},
            {"reading_points", points},
            {"org_year_facts", t_.year_facts.Size()},
            {"admin_stats", t_.admin_stats.Size()},
            {"meetings", t_.meetings.Size()},
            {"users", t_.users.Size()},
            {"role_grants", t_.grants.Size()},
            {"holiday_years", t_.holiday_years.Size()},
            {"items", t_.items.Size()},
            {"item_channels", channels},
            {"responses", t_.responses.Size()},
            {"requests", t_.requests.Size()},
            {"request_events", t_.request_events.Size()},
            {"consultations", t_.consultations.Size()},
            {"complaints", t_.complaints.Size()},
            {"legal_cases", t_.legal_cases.Size()},
            {"audit_events", t_.audit_events.Size()}};
  return c;
}

}  // namespace fake_store_internal

namespace {

using fake_store_internal::ConstraintViolation;
using fake_store_internal::CorruptRow;
using fake_store_internal::kConstraintPrefix;
using fake_store_internal::kCorruptPrefix;
using fake_store_internal::kInternalPrefix;
using fake_store_internal::Repos;
using fake_store_internal::Tables;
using fake_store_internal::TxContext;

// Clears the owner mark when a transaction ends, however it ends.
class OwnerMark {
 public:
  explicit OwnerMark(std::atomic<std::thread::id>& owner) : owner_(owner) {
    owner_.store(std::this_thread::get_id());
  }
  ~OwnerMark() { owner_.store(std::thread::id()); }
  OwnerMark(const OwnerMark&) = delete;
  OwnerMark& operator=(const OwnerMark&) = delete;

 private:
  std::atomic<std::thread::id>& owner_;
};

}  // namespace

FakeStore::FakeStore() : state_(std::make_unique<Tables>()) {}

FakeStore::~FakeStore() = default;

std::string FakeStore::AuditDigest(std::string_view input) {
  constexpr uint64_t kOffsetBasis = 14695981039346656037ULL;
  constexpr uint64_t kPrime = 1099511628211ULL;
  constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (unsigned lane = 0; lane < 4; ++lane) {
    uint64_t h = kOffsetBasis;
    h = (h ^ lane) * kPrime;
    for (char c : input) h = (h ^ static_cast<unsigned char>(c)) * kPrime;
    for (int shift = 60; shift >= 0; shift -= 4) out += kHex[(h >> shift) & 0xF];
  }
  return out;
}

bool FakeStore::InTransactionOnThisThread() const {
  return owner_.load() == std::this_thread::get_id();
}

void FakeStore::FailNextTransactionWith(Status status, FailPoint at) {
  std::lock_guard<std::mutex> lock(injection_mutex_);
  if (status.ok()) {
    injected_.reset();
    return;
  }
  injected_ = std::move(status);
  injected_at_ = at;
}

Status FakeStore::Transact(const std::function<Status(Repositories&)>& work) {
  if (InTransactionOnThisThread()) {
    return Unavailable("数据库不可用: cannot start a transaction within a transaction");
  }
  std::lock_guard<std::mutex> lock(mutex_);
  OwnerMark mark(owner_);
  return TransactLocked(work);
}

Status FakeStore::TransactLocked(const std::function<Status(Repositories&)>& work) {
  std::optional<Status> injected;
  FailPoint injected_at = FailPoint::kBegin;
  {
    std::lock_guard<std::mutex> lock(injection_mutex_);
    injected.swap(injected_);
    injected_at = injected_at_;
  }
  if (injected && injected_at == FailPoint::kBegin) return *injected;

  Tables working = *state_;  // shares every table until written
  TxContext ctx;
  Repos repos(working, ctx);
  Status status;
  try {
    status = work(repos);
  } catch (const ConstraintViolation& e) {
    return AlreadyExists(std::string(kConstraintPrefix) + e.what());
  } catch (const CorruptRow& e) {
    return DataLoss(std::string(kCorruptPrefix) + e.what());
  } catch (const std::exception& e) {
    return Internal(std::string(kInternalPrefix) + e.what());
  } catch (...) {
    return Internal(std::string(kInternalPrefix) + "unknown exception");
  }
  if (!status.ok()) return status;
  // `work` swallowed a failed statement: the transaction cannot commit.
  if (ctx.violation) return AlreadyExists(kConstraintPrefix + *ctx.violation);
  if (ctx.corrupt) return DataLoss(kCorruptPrefix + *ctx.corrupt);
  if (injected) return *injected;  // kCommit
  *state_ = std::move(working);
  return Status::Ok();
}

Status FakeStore::TamperAuditEventForTest(Id id, std::string new_after_json) {
  if (InTransactionOnThisThread()) {
    return FailedPrecondition("TamperAuditEventForTest called inside a transaction");
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (!state_->audit_events.Contains(id)) {
    return NotFound("审计事件不存在: id " + std::to_string(id));
  }
  state_->audit_events.Mutable()[id].after_json = std::move(new_after_json);
  return Status::Ok();
}

Status FakeStore::DeleteAuditEventForTest(Id id) {
  if (InTransactionOnThisThread()) {
    return FailedPrecondition("DeleteAuditEventForTest called inside a transaction");
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (!state_->audit_events.Contains(id)) {
    return NotFound("审计事件不存在: id " + std::to_string(id));
  }
  state_->audit_events.Mutable().erase(id);
  return Status::Ok();
}

}  // namespace gongkai::core
