#include "search/search_index.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <exception>
#include <optional>

#include "core/doc_no.hpp"
#include "search/item_rows.hpp"
#include "search/postgres_search.hpp"
#include "search/snippet.hpp"
#include "search/sqlite_matches.hpp"
#include "search/tokenize.hpp"
#include "store/internal/sql_util.hpp"

namespace gongkai::search {

core::Result<SearchResult> SearchIndex::Search(const SearchRequest& request) {
  SearchResult result;
  const Query query = ParseQuery(request.q);
  result.nothing_to_search = query.empty();
  try {
    std::optional<SqliteReadSnapshot> snapshot;
    if (backend_ == store::Backend::kSqlite) snapshot.emplace(sql_);
    // Exact lookup: the whole query as a 索引号 or a 文号.
    std::string trimmed = request.q;
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
    while (!trimmed.empty() && trimmed.front() == ' ') trimmed.erase(0, 1);
    if (!trimmed.empty() && trimmed.size() <= 100 && trimmed.find(' ') == std::string::npos) {
      auto doc_no = core::NormalizeDocNo(trimmed);
      std::string d = doc_no.ok() && !doc_no->empty() ? *doc_no : trimmed;
      std::string q = std::string("SELECT ") + kItemColumns +
                      " FROM items i WHERE (i.index_no = :a OR i.doc_no = :b)" +
                      Filters(request.org_ids, request.year) + " ORDER BY i.id DESC LIMIT 20";
      soci::rowset<soci::row> rows = (sql_.prepare << q, soci::use(trimmed), soci::use(d));
      for (const auto& r : rows) result.exact.push_back(ReadItem(r, false));
    }
    if (query.empty()) return result;

    const bool lite = backend_ == store::Backend::kSqlite;
    // The memory map is the connection's (the portal's sqlite_mmap_mb, set when the pool
    // opens it): no PRAGMA per search.
    std::string match = lite ? ToFts5(query) : ToTsquery(query);
    std::string from =
        // CROSS JOIN makes SQLite read the FTS index first: with the MATCH string bound as a
        // parameter its planner otherwise walks every published item and probes the index
        // for each (23 s instead of 11 ms for a common word over 200,000 items).
        lite ? " FROM item_search s CROSS JOIN items i ON i.id = s.rowid WHERE item_search MATCH :q"
             : " FROM item_search s JOIN items i ON i.id = s.item_id WHERE s.tsv @@ "
               "CAST(:q AS tsquery)";
    std::string key = lite ? "s.rowid" : "s.item_id";
    std::string filters = Filters(request.org_ids, request.year);

    int limit = std::clamp(request.limit, 1, 100);
    int offset = std::max(0, request.offset);
    // The matching published items, newest first: at least the first kCountCap + 1 (for the
    // count) and the first offset + limit (for the page), or all of them. `matches` holds
    // the first `first` of them (the page or the relevance candidates); `count` how many
    // there are up to `need`.
    std::vector<core::Id> matches;
    int64_t count = 0;
    const size_t need = static_cast<size_t>(std::max<int64_t>(kCountCap + 1, offset + limit));
    const size_t first =
        std::min(need, static_cast<size_t>(std::max<int64_t>(kRankCandidates, offset + limit)));
    std::vector<long long> withdrawn;
    const bool unfiltered = request.org_ids.empty() && request.year <= 0 &&
                            request.category.empty() && request.validity.empty();
    if (unfiltered) {
      // No filter: walk the full-text index alone and drop the withdrawn items (the index
      // holds only items that were published, and a published item can only be withdrawn),
      // instead of joining every match with its items row (one random row read per match:
      // 10,000 of them for the count of a common word).
      if (lite) {
        std::vector<int64_t> ids = SqliteWithdrawnIds(sql_);
        withdrawn.assign(ids.begin(), ids.end());
      } else {
        soci::rowset<soci::row> rows =
            (sql_.prepare << "SELECT id FROM items WHERE state = 'withdrawn'");
        for (const auto& r : rows) withdrawn.push_back(GetInt(r, 0));
        std::sort(withdrawn.begin(), withdrawn.end());
      }
    }
    if (unfiltered && withdrawn.size() <= kCountCap && lite) {
      const std::vector<int64_t> gone(withdrawn.begin(), withdrawn.end());
      SqliteMatches found =
          phrase_cache_ != nullptr && phrase_cache_->enabled()
              ? SqliteCachedMatches(sql_, *phrase_cache_, query, first, need, gone)
              : SqliteNewestMatches(sql_, match, first, need, gone);
      matches.assign(found.ids.begin(), found.ids.end());
      count = found.count;
    } else if (unfiltered && withdrawn.size() <= kCountCap) {
      std::vector<long long> ids =
          PostgresNewestMatches(sql_, match, need + withdrawn.size(), pg_walk_);
      for (long long id : ids) {
        if (std::binary_search(withdrawn.begin(), withdrawn.end(), id)) continue;
        if (matches.size() < need) matches.push_back(id);
      }
      count = static_cast<int64_t>(matches.size());
    } else {
      // Column and validity are typed by people: bound, never spliced into the SQL. An empty
      // value switches its clause off.
      std::string cat = request.category, cat_below = request.category + "/";
      int cat_len = static_cast<int>(ToUtf32(cat_below).size());
      std::string val = request.validity, val2 = request.validity;
      std::string cat_on = cat;
      std::vector<long long> ids(need);
      sql_ << "SELECT " + key + from + filters +
                  " AND (:c0 = '' OR i.category = :c1 OR substr(i.category, 1, :cn) = :c2)"
                  " AND (:v0 = '' OR i.validity = :v1) ORDER BY " +
                  key + " DESC LIMIT " + std::to_string(need),
          soci::use(match), soci::use(cat_on), soci::use(cat), soci::use(cat_len),
          soci::use(cat_below), soci::use(val), soci::use(val2), soci::into(ids);
      matches.assign(ids.begin(), ids.end());
      count = static_cast<int64_t>(matches.size());
    }
    result.count = std::min<int64_t>(count, kCountCap);
    result.count_capped = count > kCountCap;

    const Matcher matcher(query);
    std::vector<core::Id> page_ids;
    if (request.newest) {
      for (size_t k = static_cast<size_t>(offset);
           k < matches.size() && page_ids.size() < static_cast<size_t>(limit); ++k) {
        page_ids.push_back(matches[k]);
      }
    } else {
      // Relevance: score the newest kRankCandidates matches by their title and summary (read
      // without the other columns), then read the page's items in full.
      std::vector<core::Id> candidates(
          matches.begin(),
          matches.begin() + std::min<size_t>(matches.size(), static_cast<size_t>(kRankCandidates)));
      result.ranked_bounded = count > kRankCandidates;
      struct Scored {
        double score;
        std::string published_on;  // ISO dates fit std::string's inline buffer: no allocation
        core::Id id;
      };
      std::vector<Scored> scored;
      scored.reserve(candidates.size());
      auto score = [&](int64_t id, std::string_view title, std::string_view summary,
                       std::string_view published_on) {
        double s = 0;
        for (size_t k = 0; k < query.must.size(); ++k) {
          const Phrase& p = query.must[k];
          s += 4.0 * std::min(3, matcher.Count(title, k));
          s += 1.0 * std::min(3, matcher.Count(summary, k));
          if (!p.text.empty() && title.starts_with(p.text)) s += 2.0;
        }
        scored.push_back({s, std::string(published_on), id});
      };
      if (!candidates.empty() && lite) {
        SqliteReadCandidates(sql_, std::vector<int64_t>(candidates.begin(), candidates.end()),
                             score);
      } else if (!candidates.empty()) {
        // One bulk fetch into column vectors: a rowset of soci::row allocates per row and
        // column.
        const size_t n = candidates.size();
        std::vector<long long> ids(n);
        std::vector<std::string> titles(n), summaries(n), dates(n);
        std::vector<soci::indicator> title_ind(n), summary_ind(n), date_ind(n);
        sql_ << "SELECT i.id, i.title, i.summary, i.published_on FROM items i WHERE i.id IN (" +
                    IdList(candidates) + ")",
            soci::into(ids), soci::into(titles, title_ind), soci::into(summaries, summary_ind),
            soci::into(dates, date_ind);
        for (size_t r = 0; r < ids.size(); ++r) {
          auto text = [&](const std::vector<std::string>& v,
                          const std::vector<soci::indicator>& ind) {
            return ind[r] == soci::i_null ? std::string_view() : std::string_view(v[r]);
          };
          score(ids[r], text(titles, title_ind), text(summaries, summary_ind),
                text(dates, date_ind));
        }
      }
      std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
        if (a.score != b.score) return a.score > b.score;
        if (a.published_on != b.published_on) return a.published_on > b.published_on;
        return a.id > b.id;
      });
      for (size_t k = static_cast<size_t>(offset);
           k < scored.size() && page_ids.size() < static_cast<size_t>(limit); ++k) {
        page_ids.push_back(scored[k].id);
      }
    }
    if (!page_ids.empty()) {
      std::string q = std::string("SELECT ") + kItemColumns + " FROM items i WHERE i.id IN (" +
                      IdList(page_ids) + ")";
      std::vector<core::Item> items;
      soci::rowset<soci::row> rows = (sql_.prepare << q);
      for (const auto& r : rows) items.push_back(ReadItem(r, false));
      for (core::Id id : page_ids) {  // in page order
        for (auto& item : items) {
          if (item.id != id) continue;
          SearchHit hit;
          hit.item = std::move(item);
          result.hits.push_back(std::move(hit));
          break;
        }
      }
    }
    for (SearchHit& hit : result.hits) {
      hit.title_html = matcher.Highlight(hit.item.title, 200);
      hit.snippet_html = matcher.Highlight(hit.item.summary, 120);
    }
    return result;
  } catch (const std::exception& e) {
    return Unavailable(e);
  }
}

}  // namespace gongkai::search
