// The read port's SQL (published_reads.hpp): lists, one item, counts by column, the
// sitemap, an item's attachments and interpretations — on prepared statements kept per
// connection. SearchIndex's methods of the same names run the same queries on a statement
// cache of their own session.
#include <soci/soci.h>

#include <algorithm>
#include <span>

#include "search/item_rows.hpp"
#include "search/published_reads.hpp"
#include "search/search_index.hpp"
#include "store/internal/sql_util.hpp"
#include "store/item_extras.hpp"

namespace gongkai::search {

namespace published {

namespace {

// The items columns in ReadItem's order, of published items only.
const std::string kSelectPublished =
    std::string("SELECT ") + kItemColumns + " FROM items i WHERE i.state = 'published'";

}  // namespace

core::PublishedPage List(store::StatementCache& sql, store::Backend backend,
                         const std::vector<core::Id>& org_ids, const std::string& category,
                         int offset, int limit) {
  // Parameters in order: [org], [category, low, high], limit, offset.
  std::string where;
  int n = 0;
  auto next = [&n] { return "$" + std::to_string(++n); };
  if (org_ids.size() == 1) {
    where += " AND i.org_id = " + next();
  } else if (!org_ids.empty()) {
    where += " AND i.org_id IN (" + IdList(org_ids) + ")";  // integers only
  }
  // "Below" by a byte-order range instead of LIKE: an index can serve it, and '_' or '%' in
  // a path are not wildcards. Every path starting with "X/" lies in ["X/", "X0"): '0' is the
  // byte after '/'. PostgreSQL compares in byte order only under the "C" collation.
  const std::string low = category + "/", high = category + "0";
  if (!category.empty()) {
    const char* c = backend == store::Backend::kPostgres ? " COLLATE \"C\"" : "";
    std::string eq = next(), lo = next(), hi = next();
    where += " AND (i.category = " + eq + " OR (i.category" + c + " >= " + lo + " AND i.category" +
             c + " < " + hi + "))";
  }
  const int64_t org = org_ids.size() == 1 ? org_ids[0] : 0;
  const int64_t lim = std::clamp(limit, 1, 200), off = std::max(0, offset);
  const std::string count_sql = "SELECT COUNT(*) FROM items i WHERE i.state = 'published'" + where;
  const std::string limit_param = next(), offset_param = next();
  const std::string list_sql = kSelectPublished + where +
                               " ORDER BY i.published_on DESC, i.id DESC LIMIT " + limit_param +
                               " OFFSET " + offset_param;
  core::PublishedPage page;
  auto count = [&](const store::StatementRow& r) { page.total = r.Int(0); };
  auto read = [&](const store::StatementRow& r) { page.items.push_back(ReadItem(r, false)); };
  // The parameter lists, by which optional parts are present.
  const bool by_org = org_ids.size() == 1, by_cat = !category.empty();
  if (by_org && by_cat) {
    sql.Query(count_sql, {org, category, low, high}, count);
    sql.Query(list_sql, {org, category, low, high, lim, off}, read);
  } else if (by_org) {
    sql.Query(count_sql, {org}, count);
    sql.Query(list_sql, {org, lim, off}, read);
  } else if (by_cat) {
    sql.Query(count_sql, {category, low, high}, count);
    sql.Query(list_sql, {category, low, high, lim, off}, read);
  } else {
    sql.Query(count_sql, {}, count);
    sql.Query(list_sql, {lim, off}, read);
  }
  return page;
}

core::PublishedPage ListColumn(store::StatementCache& sql, core::Id org_id,
                               const std::vector<std::string>& categories, int64_t total,
                               int offset, int limit) {
  core::PublishedPage page;
  page.total = total;
  if (categories.empty() || total == 0) return page;
  // One arm per category, each newest first on the index, merged (SQLite: MERGE (UNION
  // ALL); PostgreSQL: Merge Append). Columns 8 and 1 are published_on and id. The number
  // of arms is the statement's shape: at most a body's category count of shapes are kept.
  // Parameters: $1 the body, $2 … the categories, then limit and offset.
  std::string q;
  int n = 1;
  for (size_t i = 0; i < categories.size(); ++i) {
    if (i > 0) q += " UNION ALL ";
    q += kSelectPublished + " AND i.org_id = $1 AND i.category = $" + std::to_string(++n);
  }
  q += " ORDER BY 8 DESC, 1 DESC LIMIT $" + std::to_string(n + 1) + " OFFSET $" +
       std::to_string(n + 2);
  const int64_t lim = std::clamp(limit, 1, 200), off = std::max(0, offset);
  auto read = [&](const store::StatementRow& r) { page.items.push_back(ReadItem(r, false)); };
  std::vector<store::SqlParam> params;
  params.reserve(categories.size() + 3);
  params.emplace_back(static_cast<int64_t>(org_id));
  for (const auto& c : categories) params.emplace_back(std::string_view(c));
  params.emplace_back(lim);
  params.emplace_back(off);
  sql.Query(q, std::span<const store::SqlParam>(params), read);
  return page;
}

std::optional<core::Item> Get(store::StatementCache& sql, core::Id id) {
  std::optional<core::Item> out;
  static const std::string kItem = std::string("SELECT ") + kItemColumns +
                                   ", i.body_md FROM items i WHERE i.id = $1 AND i.state = "
                                   "'published'";
  sql.Query(kItem, {static_cast<int64_t>(id)},
            [&](const store::StatementRow& r) { out = ReadItem(r, true); });
  if (!out) return out;
  sql.Query(
      "SELECT channel, published_on FROM item_channels WHERE item_id = $1 ORDER BY "
      "published_on, channel",
      {static_cast<int64_t>(id)}, [&](const store::StatementRow& r) {
        core::ItemChannel c;
        c.channel = store::Unwrap(core::ParseChannel(r.Text(0)));
        c.published_on = store::ToDate(r.String(1));
        out->channels.push_back(c);
      });
  return out;
}

std::vector<std::pair<std::string, int64_t>> CategoryCounts(store::StatementCache& sql,
                                                            core::Id org_id) {
  std::vector<std::pair<std::string, int64_t>> out;
  sql.Query(
      "SELECT category, COUNT(*) FROM items WHERE org_id = $1 AND state = 'published' GROUP BY "
      "category ORDER BY category",
      {static_cast<int64_t>(org_id)},
      [&](const store::StatementRow& r) { out.emplace_back(r.String(0), r.Int(1)); });
  return out;
}

std::vector<std::pair<core::Id, std::string>> SitemapPage(store::StatementCache& sql, int page,
                                                          int per_page) {
  std::vector<std::pair<core::Id, std::string>> out;
  sql.Query(
      "SELECT id, published_on FROM items WHERE state = 'published' ORDER BY id LIMIT $1 OFFSET "
      "$2",
      {static_cast<int64_t>(per_page), static_cast<int64_t>(page) * per_page},
      [&](const store::StatementRow& r) { out.emplace_back(r.Int(0), r.String(1)); });
  return out;
}

int64_t CountPublished(store::StatementCache& sql) {
  int64_t n = 0;
  sql.Query("SELECT COUNT(*) FROM items WHERE state = 'published'", {},
            [&](const store::StatementRow& r) { n = r.Int(0); });
  return n;
}

}  // namespace published

namespace {

// Runs `read` on the statements of `sql`'s current connection (SearchIndex: a cache of its
// own, since it holds a session rather than a store), turning exceptions into kUnavailable.
template <typename F>
auto OnSession(soci::session& sql, store::Backend backend, F&& read)
    -> core::Result<decltype(read(std::declval<store::StatementCache&>()))> {
  try {
    auto cache = store::MakeStatementCache(sql, backend);
    return read(*cache);
  } catch (const std::exception& e) {
    return Unavailable(e);
  }
}

// As OnSession, on the store's kept statements.
template <typename F>
auto OnStore(store::SociStore& store, F&& read)
    -> core::Result<decltype(read(std::declval<store::StatementCache&>()))> {
  try {
    return read(store.statements());
  } catch (const std::exception& e) {
    return Unavailable(e);
  }
}

}  // namespace

core::Result<ItemPage> SearchIndex::ListPublished(const std::vector<core::Id>& org_ids,
                                                  const std::string& category, int offset,
                                                  int limit) {
  return OnSession(sql_, backend_, [&](store::StatementCache& c) {
    return published::List(c, backend_, org_ids, category, offset, limit);
  });
}

core::Result<std::optional<core::Item>> SearchIndex::GetPublished(core::Id id) {
  return OnSession(sql_, backend_, [&](store::StatementCache& c) { return published::Get(c, id); });
}

core::Result<std::vector<std::pair<std::string, int64_t>>> SearchIndex::CategoryCounts(
    core::Id org_id) {
  return OnSession(sql_, backend_,
                   [&](store::StatementCache& c) { return published::CategoryCounts(c, org_id); });
}

core::Result<std::vector<std::pair<core::Id, std::string>>> SearchIndex::SitemapPage(int page,
                                                                                     int per_page) {
  return OnSession(sql_, backend_, [&](store::StatementCache& c) {
    return published::SitemapPage(c, page, per_page);
  });
}

core::Result<int64_t> SearchIndex::CountPublished() {
  return OnSession(sql_, backend_,
                   [&](store::StatementCache& c) { return published::CountPublished(c); });
}

core::Result<core::PublishedPage> PublishedReads::ListPublished(
    const std::vector<core::Id>& org_ids, const std::string& category, int offset, int limit) {
  return OnStore(store_, [&](store::StatementCache& c) {
    return published::List(c, store_.backend(), org_ids, category, offset, limit);
  });
}

core::Result<std::optional<core::Item>> PublishedReads::GetPublished(core::Id id) {
  return OnStore(store_, [&](store::StatementCache& c) { return published::Get(c, id); });
}

core::Result<std::vector<std::pair<std::string, int64_t>>> PublishedReads::CategoryCounts(
    core::Id org_id) {
  return OnStore(store_,
                 [&](store::StatementCache& c) { return published::CategoryCounts(c, org_id); });
}

core::Result<std::vector<std::pair<core::Id, std::string>>> PublishedReads::SitemapPage(
    int page, int per_page) {
  return OnStore(
      store_, [&](store::StatementCache& c) { return published::SitemapPage(c, page, per_page); });
}

core::Result<int64_t> PublishedReads::CountPublished() {
  return OnStore(store_, [&](store::StatementCache& c) { return published::CountPublished(c); });
}

core::Result<core::PublishedPage> PublishedReads::ListColumn(
    core::Id org_id, const std::string& category,
    const std::vector<std::pair<std::string, int64_t>>& counts, int offset, int limit) {
  std::vector<std::string> categories;
  int64_t total = 0;
  const std::string below = category + "/";
  for (const auto& [path, n] : counts) {
    if (path == category || path.compare(0, below.size(), below) == 0) {
      categories.push_back(path);
      total += n;
    }
  }
  if (categories.size() > published::kMaxColumnArms) {
    return ListPublished({org_id}, category, offset, limit);
  }
  return OnStore(store_, [&](store::StatementCache& c) {
    return published::ListColumn(c, org_id, categories, total, offset, limit);
  });
}

core::Status PublishedReads::InOneSnapshot(const std::function<core::Status()>& reads) {
  if (store_.backend() != store::Backend::kSqlite) return reads();
  auto run = [this](const char* sql) {
    store_.statements().Query(sql, {}, [](const store::StatementRow&) {});
  };
  try {
    run("BEGIN");
  } catch (const std::exception& e) {
    return Unavailable(e);
  }
  // Read-only: COMMIT and ROLLBACK end it alike; COMMIT also when `reads` throws.
  struct End {
    decltype(run)& end;
    ~End() {
      try {
        end("COMMIT");
      } catch (...) {
        // Nothing was written; the next BEGIN reports a connection that is gone.
      }
    }
  } end{run};
  return reads();
}

core::Result<std::vector<core::ItemAttachment>> PublishedReads::Attachments(core::Id item_id) {
  return OnStore(store_,
                 [&](store::StatementCache& c) { return store::ReadAttachments(c, item_id); });
}

core::Result<std::vector<core::Response>> PublishedReads::Interpretations(core::Id item_id) {
  return OnStore(store_,
                 [&](store::StatementCache& c) { return store::ReadInterpretations(c, item_id); });
}

}  // namespace gongkai::search
