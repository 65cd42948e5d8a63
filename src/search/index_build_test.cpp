// Bulk index builds tokenize on several threads beside the writer (SearchIndex::
// SetTokenizeThreads). The index they build must be the one a serial build makes: the same
// token instances (SQLite: FTS5's own vocabulary table; PostgreSQL: every tsvector) and
// the same answer, hits, count and highlighting, to every query. Generated corpus of a few
// hundred items, so that every batch is split between threads.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "search/search_index.hpp"
#include "search/tokenize.hpp"
#include "store/soci_store.hpp"
#include "testing/migrated_store.hpp"

namespace gongkai::search {
namespace {

// Words of the generated items, simplified and traditional (the tokenizer's slow path),
// full-width and ASCII, so that both tokenizer paths and their joins are exercised.
const char* kWords[] = {"政府信息公开", "年度报告", "行政许可", "財政預算", "突发事件",
                        "应急管理",     "投诉举报", "城市规划", "森林防火", "ＡＢＣ２０２４",
                        "GDP",          "第3号",    "元旦值班", "通知",     "公告",
                        "開",           "水",       "2021年"};
constexpr int kWordCount = sizeof(kWords) / sizeof(kWords[0]);

class IndexBuildTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(db_.Open(GetParam()));
    if (IsSkipped()) return;
    store_ = &db_.store();
    core::Status s = store_->Transact([&](core::Repositories& r) -> core::Status {
      core::Org org;
      org.code = "QX";
      org.name = "青溪市人民政府";
      org.kind = core::OrgKind::kGovernment;
      GONGKAI_ASSIGN_OR_RETURN(core::Id org_id, r.orgs().Insert(org));
      for (int n = 0; n < kItems; ++n) {
        core::Item item;
        item.org_id = org_id;
        // Deterministic mixes of the words: each item a different combination.
        item.title = std::string("关于") + kWords[n % kWordCount] +
                     kWords[(n * 7 + 3) % kWordCount] + "的通知";
        item.summary = std::string(kWords[(n * 5 + 1) % kWordCount]) + "，" +
                       kWords[(n * 11 + 2) % kWordCount] + std::to_string(n);
        item.publisher = "青溪市人民政府";
        item.formed_on = core::Date::FromYmd(2020 + n % 5, 1 + n % 12, 1);
        item.published_on = core::Date::FromYmd(2020 + n % 5, 1 + n % 12, 2);
        item.index_no = "QX/" + std::to_string(2020 + n % 5) + "-" + std::to_string(10000 + n);
        item.doc_no = "青府发〔2021〕" + std::to_string(n) + "号";
        item.category = "法定主动公开内容/通知公告";
        item.state = core::ItemState::kPublished;
        item.body_md = std::string("# 正文\n\n") + kWords[(n * 13 + 5) % kWordCount] + "。" +
                       kWords[(n * 3) % kWordCount] + " " + kWords[(n * 17 + 7) % kWordCount];
        item.channels.push_back({core::Channel::kWebsite, *item.published_on});
        GONGKAI_RETURN_IF_ERROR(r.items().Insert(item).status());
      }
      return core::Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  // Rebuilds the index as a bulk load in batches of kBatch with `threads` tokenizing threads.
  void Rebuild(int threads) {
    SearchIndex index(store_->session(), store_->backend());
    index.SetBulkLoad(1, kBatch);
    index.SetTokenizeThreads(threads);
    auto n = index.Rebuild();
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    EXPECT_EQ(*n, kItems);
  }

  // Every token instance in the index: (token, item, position), in a fixed order.
  std::vector<std::string> IndexContent() {
    std::vector<std::string> out;
    soci::session& sql = store_->session();
    std::string select;
    if (store_->backend() == store::Backend::kSqlite) {
      sql << "CREATE VIRTUAL TABLE IF NOT EXISTS temp.build_vocab USING "
             "fts5vocab(main, item_search, instance)";
      select =
          "SELECT term || ' ' || doc || ' ' || offset FROM temp.build_vocab "
          "ORDER BY term, doc, offset";
    } else {
      select = "SELECT item_id || ' ' || tsv::text FROM item_search ORDER BY item_id";
    }
    soci::rowset<std::string> rows = sql.prepare << select;
    for (const std::string& r : rows) out.push_back(r);
    return out;
  }

  // The queries' answers: ids, count and highlighting of every hit, relevance and newest.
  std::vector<std::string> Answers() {
    std::vector<std::string> out;
    std::vector<std::string> queries;
    for (const char* w : kWords) queries.push_back(w);
    for (int k = 0; k < kWordCount; ++k) {
      queries.push_back(std::string(kWords[k]) + " " + kWords[(k + 1) % kWordCount]);
      queries.push_back(std::string("\"") + kWords[k] + "\" -" + kWords[(k + 2) % kWordCount]);
    }
    SearchIndex index(store_->session(), store_->backend());
    for (const std::string& q : queries) {
      for (bool newest : {false, true}) {
        SearchRequest r;
        r.q = q;
        r.newest = newest;
        r.limit = 50;
        auto result = index.Search(r);
        EXPECT_TRUE(result.ok()) << q << ": " << result.status().ToString();
        if (!result.ok()) continue;
        std::string line = q + " count=" + std::to_string(result->count);
        for (const SearchHit& h : result->hits) {
          line += " " + std::to_string(h.item.id) + ":" + h.title_html + "|" + h.snippet_html;
        }
        out.push_back(line);
      }
    }
    return out;
  }

  static constexpr int kItems = 400;
  static constexpr int kBatch = 150;  // three batches, the last one short
  gongkai::testing::MigratedStore db_;
  store::SociStore* store_ = nullptr;
};

TEST_P(IndexBuildTest, ParallelTokenizingBuildsTheSerialIndex) {
  Rebuild(1);
  const std::vector<std::string> serial_index = IndexContent();
  const std::vector<std::string> serial_answers = Answers();
  // The corpus is found at all: the comparison below is not between two empty indexes.
  // (A line per token instance on SQLite, a tsvector per item on PostgreSQL: count the
  // separators.)
  size_t separators = 0;
  for (const std::string& line : serial_index)
    separators += std::count(line.begin(), line.end(), ' ');
  ASSERT_GT(separators, static_cast<size_t>(kItems) * 10);
  int answered = 0;
  for (const std::string& a : serial_answers) answered += a.find(" count=0") == std::string::npos;
  ASSERT_GT(answered, kWordCount);

  for (int threads : {4, 3}) {
    Rebuild(threads);
    EXPECT_EQ(IndexContent(), serial_index) << threads << " threads";
    EXPECT_EQ(Answers(), serial_answers) << threads << " threads";
  }
}

// The build's SQLite settings are put back afterwards, secure_delete among them (a build
// sets it to FAST; the connection's own setting holds for everything else it deletes).
TEST_P(IndexBuildTest, RebuildRestoresTheConnectionsSettings) {
  if (store_->backend() != store::Backend::kSqlite) GTEST_SKIP() << "SQLite pragmas";
  soci::session& sql = store_->session();
  auto settings = [&] {
    long long cache = 0, mmap = 0;
    int secure_delete = -1;
    sql << "PRAGMA cache_size", soci::into(cache);
    sql << "PRAGMA mmap_size", soci::into(mmap);
    sql << "PRAGMA secure_delete", soci::into(secure_delete);
    return std::make_tuple(cache, mmap, secure_delete);
  };
  for (const char* secure_delete : {"1", "0", "FAST"}) {
    sql << std::string("PRAGMA secure_delete = ") + secure_delete;
    const auto before = settings();
    Rebuild(0);
    EXPECT_EQ(settings(), before) << secure_delete;
  }
}

// An ANALYZE of an empty index records a tiny %_data table, and SQLite then plans FTS5's
// "DELETE … WHERE id>=? AND id<=?" (the pages a merge consumed) as a scan of the whole
// index. A bulk build puts a large count back first, so the merges seek the rowid range.
TEST_P(IndexBuildTest, BulkBuildAfterAnAnalyzeOfAnEmptyIndexSeeksWhatItDeletes) {
  if (store_->backend() != store::Backend::kSqlite) GTEST_SKIP() << "FTS5 only";
  soci::session& sql = store_->session();
  SearchIndex index(sql, store_->backend());
  ASSERT_TRUE(index.Clear().ok());
  ASSERT_TRUE(store_->Analyze().ok());
  auto plan = [&] {
    std::string out;
    soci::rowset<soci::row> rows =
        sql.prepare << "EXPLAIN QUERY PLAN DELETE FROM item_search_data WHERE id >= 5 AND id <= 9";
    for (const soci::row& r : rows) out += r.get<std::string>(3) + "\n";
    return out;
  };
  ASSERT_NE(plan().find("SCAN"), std::string::npos) << plan();  // the trap is there
  Rebuild(0);
  EXPECT_NE(plan().find("SEARCH"), std::string::npos) << plan();
  EXPECT_EQ(plan().find("SCAN"), std::string::npos) << plan();
}

INSTANTIATE_TEST_SUITE_P(Backends, IndexBuildTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gongkai::search
