// The item workflow's tables (migration 0004): item queries, item events, attachments,
// catalog columns; and the submissions (报送/采用) repository.
#include <algorithm>
#include <tuple>

#include "store/internal/item_workflow_sql.hpp"
#include "store/internal/sql_util.hpp"
#include "store/item_extras.hpp"
#include "store/sql_repositories.hpp"

namespace gongkai::store {

using core::Id;

core::Result<int> SqlItemRepository::MaxIndexSerial(std::string_view org_code, int year) {
  // Serials are zero-padded to five digits, so text order is numeric order, and the
  // range ["CODE/YEAR-", "CODE/YEAR.") ('.' follows '-') is served by the unique index.
  std::string lo = std::string(org_code) + "/" + std::to_string(year) + "-";
  std::string hi = std::string(org_code) + "/" + std::to_string(year) + ".";
  std::string last;
  soci::indicator ind = soci::i_null;
  sql_ << "SELECT index_no FROM items WHERE index_no >= :lo AND index_no < :hi "
          "ORDER BY index_no DESC LIMIT 1",
      soci::use(lo), soci::use(hi), soci::into(last, ind);
  if (ind == soci::i_null || !sql_.got_data()) return 0;
  int serial = 0;
  for (char c : last.substr(lo.size())) {
    if (c < '0' || c > '9' || serial > 100000000) break;
    serial = serial * 10 + (c - '0');
  }
  return serial;
}

core::Result<std::vector<core::Item>> SqlItemRepository::Find(const core::ItemQuery& q) {
  std::vector<std::string> where, params;
  if (!q.org_ids.empty()) {
    std::string ids;
    for (Id id : q.org_ids) ids += (ids.empty() ? "" : ",") + std::to_string(id);
    where.push_back("org_id IN (" + ids + ")");
  }
  if (!q.states.empty()) {
    std::string codes;
    for (auto s : q.states) {
      codes += (codes.empty() ? "'" : ",'") + std::string(core::ItemStateCode(s)) + "'";
    }
    where.push_back("state IN (" + codes + ")");
    // Items in the workflow are read from their partial index, not by scanning every item.
    if (std::string term = WorkflowIndexTerm(q.states); !term.empty()) where.push_back(term);
  }
  auto bind = [&](const char* expr, const std::optional<core::Date>& d) {
    if (!d) return;
    where.push_back(std::string(expr) + ":p" + std::to_string(params.size()));
    params.push_back(d->ToIso());
  };
  bind("published_on >= ", q.published_from);
  bind("published_on <= ", q.published_to);
  if (q.channel_from || q.channel_to) {
    std::string sub = "EXISTS (SELECT 1 FROM item_channels c WHERE c.item_id = items.id";
    if (q.channel_from) {
      sub += " AND c.published_on >= :p" + std::to_string(params.size());
      params.push_back(q.channel_from->ToIso());
    }
    if (q.channel_to) {
      sub += " AND c.published_on <= :p" + std::to_string(params.size());
      params.push_back(q.channel_to->ToIso());
    }
    where.push_back(sub + ")");
  }
  std::string tail;
  for (size_t i = 0; i < where.size(); ++i) tail += (i == 0 ? "WHERE " : " AND ") + where[i];
  tail += " ORDER BY id";
  if (q.limit > 0) tail += " LIMIT " + std::to_string(q.limit);
  return Select(tail, params, q.with_body);
}

core::Result<Id> SqlItemRepository::AppendEvent(const core::ItemEvent& e) {
  long long item_id = e.item_id, id = 0;
  int seq = 0;
  soci::indicator ind = soci::i_null;
  sql_ << "SELECT MAX(seq) FROM item_events WHERE item_id = :i", soci::use(item_id),
      soci::into(seq, ind);
  seq = (ind == soci::i_null ? 0 : seq) + 1;
  std::string kind = core::ItemEventKindCode(e.kind);
  sql_ << "INSERT INTO item_events (item_id, seq, kind, actor, at, reason) VALUES (:i, :s, :k, "
          ":a, :t, :r) RETURNING id",
      soci::use(item_id), soci::use(seq), soci::use(kind), soci::use(e.actor), soci::use(e.at),
      soci::use(e.reason), soci::into(id);
  return Id{id};
}

core::Result<std::vector<core::ItemEvent>> SqlItemRepository::ListEvents(Id item_id) {
  std::vector<core::ItemEvent> out;
  core::ItemEvent e;
  long long id = 0, item = item_id;
  std::string kind;
  soci::statement st =
      (sql_.prepare << "SELECT id, seq, kind, actor, at, reason FROM item_events WHERE item_id = "
                       ":i ORDER BY seq",
       soci::into(id), soci::into(e.seq), soci::into(kind), soci::into(e.actor), soci::into(e.at),
       soci::into(e.reason), soci::use(item));
  st.execute();
  while (st.fetch()) {
    e.id = id;
    e.item_id = item_id;
    e.kind = Unwrap(core::ParseItemEventKind(kind));
    out.push_back(e);
  }
  return out;
}

core::Result<Id> SqlItemRepository::AddAttachment(const core::ItemAttachment& a) {
  long long item_id = a.item_id, id = 0, size = a.size_bytes;
  int position = 0;
  soci::indicator ind = soci::i_null;
  sql_ << "SELECT MAX(position) FROM item_attachments WHERE item_id = :i", soci::use(item_id),
      soci::into(position, ind);
  position = (ind == soci::i_null ? 0 : position) + 1;
  sql_ << "INSERT INTO item_attachments (item_id, position, name, sha256, media_type, size_bytes) "
          "VALUES (:i, :p, :n, :h, :m, :s) RETURNING id",
      soci::use(item_id), soci::use(position), soci::use(a.name), soci::use(a.sha256),
      soci::use(a.media_type), soci::use(size), soci::into(id);
  return Id{id};
}

core::Result<std::vector<core::ItemAttachment>> SqlItemRepository::ListAttachments(Id item_id) {
  return ReadAttachments(*MakeStatementCache(sql_, backend_), item_id);
}

core::Status SqlItemRepository::RemoveAttachment(Id item_id, Id attachment_id) {
  long long item = item_id, id = attachment_id;
  soci::statement st =
      (sql_.prepare << "DELETE FROM item_attachments WHERE id = :a AND item_id = :i", soci::use(id),
       soci::use(item));
  st.execute(true);
  if (st.get_affected_rows() == 0) {
    return core::NotFound("附件不存在: " + std::to_string(attachment_id), "attachment");
  }
  return core::Status::Ok();
}

core::Result<Id> SqlItemRepository::InsertCategory(const core::CatalogCategory& c) {
  long long org_id = c.org_id, id = 0, taken = 0;
  sql_ << "SELECT COUNT(*) FROM catalog_categories WHERE org_id = :o AND path = :p",
      soci::use(org_id), soci::use(c.path), soci::into(taken);
  if (taken > 0) return core::AlreadyExists("目录栏目已存在: " + c.path, "path");
  int mandatory = c.mandatory;
  sql_ << "INSERT INTO catalog_categories (org_id, path, mandatory, stale_days, sort_order) "
          "VALUES (:o, :p, :m, :s, :so) RETURNING id",
      soci::use(org_id), soci::use(c.path), soci::use(mandatory), soci::use(c.stale_days),
      soci::use(c.sort_order), soci::into(id);
  return Id{id};
}

core::Result<std::vector<core::CatalogCategory>> SqlItemRepository::ListCategories(Id org_id) {
  std::vector<core::CatalogCategory> out;
  core::CatalogCategory c;
  long long id = 0, org = org_id;
  int mandatory = 0;
  soci::statement st =
      (sql_.prepare << "SELECT id, path, mandatory, stale_days, sort_order FROM "
                       "catalog_categories WHERE org_id = :o ORDER BY sort_order, path",
       soci::into(id), soci::into(c.path), soci::into(mandatory), soci::into(c.stale_days),
       soci::into(c.sort_order), soci::use(org));
  st.execute();
  while (st.fetch()) {
    c.id = id;
    c.org_id = org_id;
    c.mandatory = mandatory != 0;
    out.push_back(c);
  }
  // ORDER BY path compares by the database collation; make it bytes, as the fake does.
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.sort_order, a.path) < std::tie(b.sort_order, b.path);
  });
  return out;
}

// ---------------------------------------------------------------------------------------

core::Result<Id> SqlSubmissionRepository::Insert(const core::Submission& s) {
  long long item_id = s.item_id, to = s.to_org_id, from = s.from_org_id, id = 0, taken = 0;
  sql_ << "SELECT COUNT(*) FROM submissions WHERE item_id = :i AND to_org_id = :t",
      soci::use(item_id), soci::use(to), soci::into(taken);
  if (taken > 0) return core::AlreadyExists("该信息已报送至该机构", "to");
  std::string on = s.submitted_on.ToIso(), decision = core::SubmissionDecisionCode(s.decision);
  NullableText decided(s.decided_on);
  sql_ << "INSERT INTO submissions (item_id, from_org_id, to_org_id, submitted_on, decision, "
          "decided_on) VALUES (:i, :f, :t, :s, :d, :dd) RETURNING id",
      soci::use(item_id), soci::use(from), soci::use(to), soci::use(on), soci::use(decision),
      soci::use(decided.value, decided.ind), soci::into(id);
  return Id{id};
}

core::Status SqlSubmissionRepository::Update(const core::Submission& s) {
  long long id = s.id;
  std::string decision = core::SubmissionDecisionCode(s.decision);
  NullableText decided(s.decided_on);
  soci::statement st =
      (sql_.prepare << "UPDATE submissions SET decision = :d, decided_on = :dd WHERE id = :id",
       soci::use(decision), soci::use(decided.value, decided.ind), soci::use(id));
  st.execute(true);
  if (st.get_affected_rows() == 0) {
    return core::NotFound("报送记录不存在: id " + std::to_string(id));
  }
  return core::Status::Ok();
}

std::vector<core::Submission> SqlSubmissionRepository::Select(
    const std::string& where, const std::vector<std::string>& params) {
  std::vector<core::Submission> out;
  core::Submission s;
  long long id = 0, item = 0, from = 0, to = 0;
  std::string on, decision;
  NullableText decided;
  soci::statement st(sql_);
  for (auto* into : {&id, &item, &from, &to}) st.exchange(soci::into(*into));
  st.exchange(soci::into(on));
  st.exchange(soci::into(decision));
  st.exchange(soci::into(decided.value, decided.ind));
  for (const auto& p : params) st.exchange(soci::use(p));
  st.alloc();
  st.prepare(
      "SELECT id, item_id, from_org_id, to_org_id, submitted_on, decision, decided_on FROM "
      "submissions " +
      where);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    s.id = id;
    s.item_id = item;
    s.from_org_id = from;
    s.to_org_id = to;
    s.submitted_on = ToDate(on);
    s.decision = Unwrap(core::ParseSubmissionDecision(decision));
    s.decided_on = ToOptionalDate(decided.value, decided.ind);
    out.push_back(s);
  }
  return out;
}

core::Result<core::Submission> SqlSubmissionRepository::Get(Id id) {
  auto rows = Select("WHERE id = :id", {std::to_string(id)});
  if (rows.empty()) return core::NotFound("报送记录不存在: id " + std::to_string(id));
  return rows.front();
}

core::Result<std::vector<core::Submission>> SqlSubmissionRepository::List(Id org_id, bool to,
                                                                          int year) {
  return Select(std::string("WHERE ") + (to ? "to_org_id" : "from_org_id") +
                    " = :o AND submitted_on >= :f AND submitted_on <= :t "
                    "ORDER BY submitted_on, id",
                {std::to_string(org_id), YearStart(year), YearEnd(year)});
}

}  // namespace gongkai::store
