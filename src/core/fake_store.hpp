// FakeStore: the whole persistence contract (core/store.hpp) in memory, for unit tests of
// everything above the store, and a fault-injecting wrapper in the leveldb manner.
//
// It behaves as store/'s SociStore over SQLite does, observably:
//   - ids come from 1 upward per table, as max(id) + 1 at the time of the insert (so, as in
//     SQLite, the ids of a rolled-back transaction are handed out again; PostgreSQL's
//     sequences would leave a gap instead — tests must not depend on either);
//   - every ordering of the SQL queries (orgs by sort_order then id, users by username as
//     bytes, items newest id first, an item's channels by their code, yearly lists by the
//     record's date then id, request events by seq, holiday days by date);
//   - the same Status codes, messages and field names for the checks the SQL repositories
//     make themselves (kAlreadyExists for a taken org code, username, 索引号 or request
//     serial; kNotFound for a missing id), and the database constraints as SQLite enforces
//     them: a UNIQUE, FOREIGN KEY or CHECK violation throws out of the repository method
//     (as SOCI throws) and fails the whole transaction with kAlreadyExists ("违反数据约束…"),
//     even if `work` catches it and returns OK (the backends differ there: SQLite would
//     commit the other statements, PostgreSQL nothing; no caller may carry on);
//   - "year" filters select by the record's date (meetings held_on, responses held_on,
//     requests received_on, consultations asked_on, complaints received_on, legal cases
//     filed_on); MaxSerial by the request's `year` field;
//   - Update replaces every stored field (and an org's reading points, an item's channels);
//     User::created_at is kept as first inserted; RevokeGrant keeps the grant with its
//     revoked_at set; AppendEvent ignores the event's seq and assigns the next one;
//   - holiday notices come back as SQL returns them: the notice URLs joined by '\n' and
//     split again (a URL holding '\n' becomes two, a trailing empty one is lost), off days
//     and makeup days each sorted by date; a day listed twice, in one notice year or in
//     two, violates holiday_days' primary key;
//   - a stored date the SQL store could not read back (a year outside 1900..2999) fails
//     the transaction that reads it with kDataLoss, as a corrupt row does there;
//   - the audit chain is linked exactly as in SQL (prev_hash, hash over AuditChainInput,
//     a head that detects events deleted from the end), but hashed with AuditDigest below,
//     not SHA-256: core links no crypto library. Only store/ computes SHA-256, so hashes
//     written by a FakeStore are never valid in a real database and vice versa.
//
// Transactions: Transact runs `work` on a copy of the state (copy-on-write per table, so
// read-only transactions copy nothing) and swaps the copy in only when `work` returns OK.
// An error Status, a constraint violation or an exception leaves the state exactly as
// before; an exception other than the fake's own becomes kInternal ("数据库错误: …").
// Transactions are serialised by a mutex, so a FakeStore may be shared between threads.
// Calling Transact from inside `work` fails with kUnavailable, as a nested BEGIN does in
// SQL, and leaves the outer transaction running.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "core/store.hpp"

namespace gongkai::core {

namespace fake_store_internal {
struct Tables;  // the stored rows (defined in fake_store.cpp)
}  // namespace fake_store_internal

class FakeStore : public Store {
 public:
  // Where an injected failure strikes.
  enum class FailPoint {
    kBegin,   // before `work` runs (like a database that cannot be reached): work never runs
    kCommit,  // after `work` returned OK (like a failed COMMIT): its writes are discarded
  };

  FakeStore();
  ~FakeStore() override;
  FakeStore(const FakeStore&) = delete;
  FakeStore& operator=(const FakeStore&) = delete;

  // See the file comment. Returns work's Status, kAlreadyExists for a constraint
  // violation, kDataLoss for an unreadable stored date, kInternal for an exception, or
  // the injected failure.
  Status Transact(const std::function<Status(Repositories&)>& work) override;

  // Makes the next Transact fail with `status` at `at` (kBegin: without running work;
  // kCommit: after work returned OK, discarding what it wrote; if work itself fails, its
  // own Status is returned and the injection is spent all the same). Requires
  // !status.ok(); an OK status clears a pending injection instead. One injection at a
  // time: a second call replaces the first. May be called from inside `work` (it then
  // applies to the next transaction, not the running one).
  void FailNextTransactionWith(Status status, FailPoint at = FailPoint::kBegin);

  // Test hooks that edit the committed audit log behind the chain's back, so tests can
  // prove AuditRepository::Verify catches it. Tamper replaces after_json of event `id`
  // without rehashing; Delete removes event `id` (leaving the head as it was). Both fail
  // with kNotFound for an unknown id, and with kFailedPrecondition when called from inside
  // a transaction's `work`.
  Status TamperAuditEventForTest(Id id, std::string new_after_json);
  Status DeleteAuditEventForTest(Id id);

  // The fake's audit digest: 64 lowercase hex characters (the shape of a SHA-256 hex
  // string) made of four FNV-1a 64-bit hashes of `input`, each lane seeded with its own
  // first byte. Deterministic and NOT cryptographic: it detects accidental edits, not a
  // forger. Only store/ uses SHA-256.
  static std::string AuditDigest(std::string_view input);

 private:
  Status TransactLocked(const std::function<Status(Repositories&)>& work);
  bool InTransactionOnThisThread() const;

  std::mutex mutex_;  // serialises transactions and the test hooks
  std::unique_ptr<fake_store_internal::Tables> state_;  // the committed state
  std::atomic<std::thread::id> owner_{};                // the thread running `work`, if any

  std::mutex injection_mutex_;  // guards the two fields below
  std::optional<Status> injected_;
  FailPoint injected_at_ = FailPoint::kBegin;
};

}  // namespace gongkai::core
