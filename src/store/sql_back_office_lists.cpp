// The back office's paged lists (issue 21): the items list with search and filters, and the
// requests queue across bodies and years. Filters become bound parameters; only the state
// and validity codes (from core's tables) and decimal ids are written into the SQL text.
#include "store/internal/item_workflow_sql.hpp"
#include "store/internal/sql_util.hpp"
#include "store/sql_repositories.hpp"

namespace gongkai::store {

using core::Id;

namespace {

// Collects "AND"-joined conditions and the text parameters they bind (:p0, :p1, …).
struct Where {
  std::vector<std::string> conditions;
  std::vector<std::string> params;

  std::string Next(std::string value) {
    params.push_back(std::move(value));
    return ":p" + std::to_string(params.size() - 1);
  }
  std::string Sql() const {
    std::string out;
    for (size_t i = 0; i < conditions.size(); ++i) {
      out += (i == 0 ? "WHERE " : " AND ") + conditions[i];
    }
    return out;
  }
};

std::string IdList(const std::vector<Id>& ids) {
  std::string out;
  for (Id id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

template <typename T, typename CodeOf>
std::string CodeList(const std::vector<T>& values, CodeOf code_of) {
  std::string out;
  for (const T& v : values) out += (out.empty() ? "'" : ",'") + std::string(code_of(v)) + "'";
  return out;
}

// A LIKE pattern matching `text` literally anywhere (with ESCAPE '\').
std::string ContainsPattern(const std::string& text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

int64_t CountRows(soci::session& sql, const std::string& table, const Where& where) {
  long long n = 0;
  soci::statement st(sql);
  st.exchange(soci::into(n));
  for (const std::string& p : where.params) st.exchange(soci::use(p));
  st.alloc();
  st.prepare("SELECT COUNT(*) FROM " + table + " " + where.Sql());
  st.define_and_bind();
  st.execute(true);
  return n;
}

std::string Page(int limit, int offset) {
  return " LIMIT " + std::to_string(std::max(1, limit)) + " OFFSET " +
         std::to_string(std::max(0, offset));
}

}  // namespace

core::Result<core::ItemPage> SqlItemRepository::Search(const core::ItemSearch& q) {
  Where w;
  if (!q.org_ids.empty()) w.conditions.push_back("org_id IN (" + IdList(q.org_ids) + ")");
  if (std::string term = WorkflowIndexTerm(q.states); !term.empty()) {
    // Items in the workflow (the reviewer's and the editor's queues): their partial index
    // holds few rows and serves newest first without touching the published ones.
    w.conditions.push_back("state IN (" + CodeList(q.states, core::ItemStateCode) + ")");
    w.conditions.push_back(term);
  } else if (!q.states.empty()) {
    // `state || ''`: newest first by id with LIMIT reads fewest rows by scanning the primary
    // key; an index led by state would make SQLite sort every published item instead.
    w.conditions.push_back("state || '' IN (" + CodeList(q.states, core::ItemStateCode) + ")");
  }
  if (q.validity) {
    w.conditions.push_back("validity = " + w.Next(core::ValidityCode(*q.validity)));
  }
  if (!q.category.empty()) w.conditions.push_back("category = " + w.Next(q.category));
  if (q.published_from) {
    w.conditions.push_back("published_on >= " + w.Next(q.published_from->ToIso()));
  }
  if (q.published_to) {
    w.conditions.push_back("published_on <= " + w.Next(q.published_to->ToIso()));
  }
  if (q.formed_year) {
    w.conditions.push_back("formed_on >= " + w.Next(std::to_string(*q.formed_year) + "-01-01"));
    w.conditions.push_back("formed_on <= " + w.Next(std::to_string(*q.formed_year) + "-12-31"));
  }
  if (!q.text.empty()) {
    std::string t = w.Next(ContainsPattern(q.text));
    std::string i = w.Next(ContainsPattern(q.text));
    std::string d = w.Next(ContainsPattern(q.text));
    w.conditions.push_back("(title LIKE " + t + " ESCAPE '\\' OR index_no LIKE " + i +
                           " ESCAPE '\\' OR doc_no LIKE " + d + " ESCAPE '\\')");
  }
  core::ItemPage page;
  page.total = CountRows(sql_, "items", w);
  page.items = Select(w.Sql() + " ORDER BY id DESC" + Page(q.limit, q.offset), w.params, false);
  return page;
}

core::Result<std::vector<core::CategoryStat>> SqlItemRepository::CategoryStats(
    const std::vector<Id>& org_ids, core::Date since, core::Date until) {
  std::vector<core::CategoryStat> out;
  if (org_ids.empty()) return out;
  std::string from = since.ToIso(), to = until.ToIso();
  long long org = 0, total = 0, recent = 0;
  core::CategoryStat row;
  std::string last;
  // One aggregate over items_org_state_published (org_id, state, published_on).
  soci::statement st =
      (sql_.prepare
           << "SELECT org_id, category, COUNT(*), "
              "SUM(CASE WHEN published_on >= :s AND published_on <= :u THEN 1 ELSE 0 END), "
              "MAX(published_on) "
              "FROM items WHERE state = 'published' AND published_on IS NOT NULL AND "
              "org_id IN (" +
                  IdList(org_ids) +
                  ") GROUP BY org_id, category "
                  "ORDER BY org_id, category",
       soci::use(from), soci::use(to), soci::into(org), soci::into(row.category), soci::into(total),
       soci::into(recent), soci::into(last));
  st.execute();
  while (st.fetch()) {
    row.org_id = org;
    row.total = total;
    row.since_count = recent;
    row.last_published = ToDate(last);
    out.push_back(row);
  }
  return out;
}

core::Result<core::RequestQueuePage> SqlRequestRepository::FindQueue(
    const core::RequestQueueQuery& q) {
  Where w;
  if (!q.org_ids.empty()) w.conditions.push_back("org_id IN (" + IdList(q.org_ids) + ")");
  if (!q.states.empty()) {
    w.conditions.push_back("state IN (" + CodeList(q.states, core::RequestStateCode) + ")");
  }
  const std::string open = "state IN ('received', 'correction_requested', 'in_progress')";
  core::RequestQueuePage page;
  page.total = CountRows(sql_, "requests", w);
  page.requests =
      Select(w.Sql() + " ORDER BY CASE WHEN " + open + " THEN 0 ELSE 1 END, CASE WHEN " + open +
                 " THEN COALESCE(due_on, '9999-12-31') END, received_on DESC, id DESC" +
                 Page(q.limit, q.offset),
             w.params);
  return page;
}

}  // namespace gongkai::store
