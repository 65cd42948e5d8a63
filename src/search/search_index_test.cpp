// The search index on both backends: recall of every 2-, 3- and 4-character word of a
// fixture corpus, single characters, traditional-character queries, exclusions, filters,
// exact lookup — each checked against a brute-force scan, so both backends give the same hits.
#include "search/search_index.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <set>

#include "search/cached_search.hpp"
#include "search/tokenize.hpp"
#include "store/soci_store.hpp"
#include "testing/test_database.hpp"
#include "text/normalize.hpp"

namespace gongkai::search {
namespace {

const char* kTitles[] = {
    "青溪市人民政府关于印发政府信息公开工作要点的通知",
    "青溪市教育局2024年度政府信息公开工作年度报告",
    "关于公布行政许可事项清单的公告",
    "青溪市财政局关于财政预算决算报告的说明",
    "突发事件应急管理预案（修订）",
    "关于开展投诉举报受理工作的通知",
    "青溪市行政诉讼案件统计分析",
    "关于征求城市规划意见的公告",
    // Words typed together in a query, apart in the text (issue 21).
    "关于做好元旦期间值班工作的通知",
    "关于加强森林资源防火工作的通知",
    "森林防火通知",
};

class SearchIndexTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<gongkai::testing::TestDatabase>(GetParam());
    if (db_->url().empty()) {
      if (gongkai::testing::TestDatabase::PostgresRequired()) FAIL() << db_->skip_reason();
      GTEST_SKIP() << db_->skip_reason();
    }
    auto opened = store::SociStore::Open(db_->url(), store::SchemaPolicy::kMigrate);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    core::Status s = store_->Transact([&](core::Repositories& r) -> core::Status {
      core::Org root;
      root.code = "QX";
      root.name = "青溪市人民政府";
      root.kind = core::OrgKind::kGovernment;
      GONGKAI_ASSIGN_OR_RETURN(root_, r.orgs().Insert(root));
      core::Org dept;
      dept.code = "QX-JYJ";
      dept.name = "青溪市教育局";
      dept.parent_id = root_;
      GONGKAI_ASSIGN_OR_RETURN(dept_, r.orgs().Insert(dept));
      int n = 0;
      for (const char* title : kTitles) {
        ++n;
        core::Item item;
        item.org_id = n % 2 ? root_ : dept_;
        item.title = title;
        item.summary = std::string("摘要：") + title;
        item.publisher = "青溪市人民政府";
        item.formed_on = core::Date::FromYmd(2020 + n % 3, 3, 1);
        item.published_on = core::Date::FromYmd(2020 + n % 3, 3, 2);
        item.index_no = "QX/" + std::to_string(2020 + n % 3) + "-0000" + std::to_string(n);
        item.doc_no = "青府发〔2021〕" + std::to_string(n) + "号";
        item.category = "法定主动公开内容/通知公告";
        item.state = core::ItemState::kPublished;
        item.body_md = "# " + std::string(title) + "\n\n正文。";
        item.channels.push_back({core::Channel::kWebsite, *item.published_on});
        GONGKAI_ASSIGN_OR_RETURN(core::Id id, r.items().Insert(item));
        item.id = id;
        items_.push_back(item);
      }
      core::Item withdrawn = items_[0];
      withdrawn.title = "已撤回的政府信息公开通知";
      withdrawn.index_no = "QX/2020-09999";
      withdrawn.doc_no = "";
      withdrawn.state = core::ItemState::kWithdrawn;
      GONGKAI_ASSIGN_OR_RETURN(withdrawn_, r.items().Insert(withdrawn));
      return core::Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
    auto n = Index().Sync();
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    EXPECT_EQ(*n, static_cast<int64_t>(items_.size()));
  }

  SearchIndex Index() { return SearchIndex(store_->session(), store_->backend()); }

  std::set<core::Id> Hits(const std::string& q, bool newest = true, std::vector<core::Id> orgs = {},
                          int year = 0) {
    SearchRequest r;
    r.q = q;
    r.newest = newest;
    r.limit = 100;
    r.org_ids = orgs;
    r.year = year;
    auto result = Index().Search(r);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    std::set<core::Id> ids;
    if (!result.ok()) return ids;
    for (const auto& h : result->hits) ids.insert(h.item.id);
    EXPECT_EQ(result->count, static_cast<int64_t>(ids.size())) << q;
    return ids;
  }

  // Brute force: published items whose normalised text contains the normalised word.
  std::set<core::Id> Scan(const std::string& word) {
    std::set<core::Id> ids;
    std::string w = text::NormalizeForMatch(word);
    for (const auto& item : items_) {
      if (text::NormalizeForMatch(IndexedText(item)).find(w) != std::string::npos) {
        ids.insert(item.id);
      }
    }
    return ids;
  }

  // Brute force for a query: the items containing every word the query parses into.
  std::set<core::Id> ScanAll(const std::string& q) {
    std::set<core::Id> ids;
    bool first = true;
    for (const Phrase& p : ParseQuery(q).must) {
      std::set<core::Id> word = Scan(p.text), both;
      if (first) {
        ids = word;
        first = false;
        continue;
      }
      for (core::Id id : word) {
        if (ids.count(id)) both.insert(id);
      }
      ids = both;
    }
    return ids;
  }

  std::unique_ptr<gongkai::testing::TestDatabase> db_;
  std::unique_ptr<store::SociStore> store_;
  core::Id root_ = 0, dept_ = 0, withdrawn_ = 0;
  std::vector<core::Item> items_;
};

TEST_P(SearchIndexTest, FindsEveryWordOfTwoToFourCharacters) {
  int checked = 0;
  for (const auto& item : items_) {
    for (const search::Run& run : Runs(item.title)) {
      if (!run.han) continue;
      for (size_t len = 2; len <= 4; ++len) {
        for (size_t k = 0; k + len <= run.text.size(); ++k) {
          std::string word = ToUtf8(run.text.substr(k, len));
          auto hits = Hits(word);
          EXPECT_TRUE(hits.count(item.id)) << word << " misses item " << item.id;
          // Words of three or four characters may be segmented (元旦值班 → 元旦 值班):
          // the items holding every segment.
          EXPECT_EQ(hits, ScanAll(word)) << word;
          ++checked;
        }
      }
    }
  }
  EXPECT_GT(checked, 300);
}

TEST_P(SearchIndexTest, FindsSingleCharactersWherever) {
  for (const char* c : {"青", "知", "告", "案", "修", "单"}) {
    EXPECT_EQ(Hits(c), Scan(c)) << c;
    EXPECT_FALSE(Hits(c).empty()) << c;
  }
}

TEST_P(SearchIndexTest, TraditionalQueriesFindSimplifiedText) {
  EXPECT_EQ(Hits("報告"), Scan("报告"));
  EXPECT_EQ(Hits("應急管理"), Hits("应急管理"));
  EXPECT_TRUE(Hits("應急管理").count(items_[4].id));
  EXPECT_FALSE(Hits("報告").empty());
}

// Issue 21: a query typed without spaces finds what the spaced form finds (ICU word break,
// then the conjunction of the words), while a quoted phrase still needs the words together.
TEST_P(SearchIndexTest, UnspacedPhrasesFindWhatTheSpacedFormFinds) {
  const std::pair<const char*, const char*> kForms[] = {
      {"元旦值班", "元旦 值班"},
      {"森林防火通知", "森林 防火 通知"},
      {"应急管理预案", "应急 管理 预案"},
  };
  for (const auto& [unspaced, spaced] : kForms) {
    std::set<core::Id> hits = Hits(unspaced);
    EXPECT_EQ(hits, Hits(spaced)) << unspaced;
    EXPECT_EQ(hits, ScanAll(spaced)) << unspaced;
    EXPECT_FALSE(hits.empty()) << unspaced;
  }
  // The text has 元旦期间值班, never 元旦值班 verbatim: found unquoted, not quoted.
  EXPECT_TRUE(Hits("元旦值班").count(items_[8].id));
  EXPECT_TRUE(Hits("\"元旦值班\"").empty());
  // 森林资源防火 holds 森林 and 防火 apart: the words find it, the quoted phrase only the
  // item with 森林防火 itself.
  EXPECT_TRUE(Hits("森林防火").count(items_[9].id));
  EXPECT_EQ(Hits("\"森林防火\""), Scan("森林防火"));
  EXPECT_EQ(Hits("“森林防火通知”"), Scan("森林防火通知"));
}

TEST_P(SearchIndexTest, AndPhrasesExclusionsAndFilters) {
  auto both = Hits("政府 通知");
  std::set<core::Id> expected;
  for (auto id : Scan("政府")) {
    if (Scan("通知").count(id)) expected.insert(id);
  }
  EXPECT_EQ(both, expected);
  EXPECT_TRUE(Hits("\"通知 公告\"").empty());  // never adjacent
  auto excluded = Hits("公告 -许可");
  for (auto id : Scan("许可")) EXPECT_FALSE(excluded.count(id));
  EXPECT_FALSE(excluded.empty());
  auto in_dept = Hits("青溪", true, {dept_});
  for (auto id : in_dept) {
    for (const auto& item : items_) {
      if (item.id == id) {
        EXPECT_EQ(item.org_id, dept_);
      }
    }
  }
  EXPECT_FALSE(in_dept.empty());
  auto in_2021 = Hits("关于", true, {}, 2021);
  for (auto id : in_2021) {
    for (const auto& item : items_) {
      if (item.id == id) {
        EXPECT_EQ(item.published_on->year(), 2021);
      }
    }
  }
  EXPECT_TRUE(Hits("撤回").empty());  // withdrawn items are never found
}

TEST_P(SearchIndexTest, RelevanceRanksTitleMatchesAndSnippetsAreEscaped) {
  SearchRequest r;
  r.q = "年度报告";
  auto result = Index().Search(r);
  ASSERT_TRUE(result.ok());
  ASSERT_FALSE(result->hits.empty());
  EXPECT_EQ(result->hits[0].item.title, kTitles[1]);
  EXPECT_NE(result->hits[0].title_html.find("<mark>年度报告</mark>"), std::string::npos);
}

TEST_P(SearchIndexTest, ExactLookupByIndexNoAndDocNo) {
  SearchRequest r;
  r.q = *items_[2].index_no;
  auto result = Index().Search(r);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->exact.size(), 1u);
  EXPECT_EQ(result->exact[0].id, items_[2].id);
  r.q = "青府发(2021)3号";  // other brackets: normalised like stored 文号
  result = Index().Search(r);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->exact.size(), 1u);
  EXPECT_EQ(result->exact[0].id, items_[2].id);
}

TEST_P(SearchIndexTest, SyncIsIncrementalAndRebuildIsComplete) {
  auto again = Index().Sync();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  // Rebuild: committed batches (of 2 here), then the segments merged in steps.
  SearchIndex index = Index();
  index.SetBulkLoad(kBulkItems, 2);
  auto rebuilt = index.Rebuild();
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status().ToString();
  EXPECT_EQ(*rebuilt, static_cast<int64_t>(items_.size()));
  for (const char* word : {"投诉举报", "政府信息公开", "青", "公告", "应急管理预案"}) {
    EXPECT_EQ(Hits(word), Scan(word)) << word;
  }
  if (store_->backend() == store::Backend::kSqlite) {
    // Compact left one segment: FTS5's structure record lists them; 'merge' found nothing
    // more to do, so a further step changes nothing.
    long long before = 0, after = 0;
    store_->session() << "SELECT total_changes()", soci::into(before);
    store_->session() << "INSERT INTO item_search(item_search, rank) VALUES ('merge', -4000)";
    store_->session() << "SELECT total_changes()", soci::into(after);
    EXPECT_LT(after - before, 2);
  }
}

// A bulk load smaller than the index it joins (`item import` of a year into a city) does
// not rewrite the whole index with 'optimize': its segment stays beside the old ones, and
// every item is found.
TEST_P(SearchIndexTest, BulkLoadIntoALargerIndexSkipsOptimize) {
  if (store_->backend() != store::Backend::kSqlite) GTEST_SKIP() << "FTS5 only";
  ASSERT_TRUE(Index().Clear().ok());
  const size_t first = items_.size() * 2 / 3;
  ASSERT_GT(items_.size() - first, 0u);
  for (size_t k = 0; k < first; ++k) ASSERT_TRUE(Index().IndexItem(items_[k].id).ok());
  SearchIndex index = Index();
  index.SetBulkLoad(1, 4);
  auto n = index.Sync();
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n, static_cast<int64_t>(items_.size() - first));
  long long before = 0, after = 0;
  store_->session() << "SELECT total_changes()", soci::into(before);
  store_->session() << "INSERT INTO item_search(item_search, rank) VALUES ('merge', -4000)";
  store_->session() << "SELECT total_changes()", soci::into(after);
  EXPECT_GE(after - before, 2) << "left unmerged";
  for (const char* word : {"投诉举报", "政府信息公开", "青", "公告", "应急管理预案"}) {
    EXPECT_EQ(Hits(word), Scan(word)) << word;
  }
}

// A bulk load in one transaction (Sync of many pending items; SQLite: bigger cache, foreign
// keys off, no automerge, optimize) read in batches of 3 indexes the same documents as the
// plain Sync, and puts every setting back.
TEST_P(SearchIndexTest, BulkRebuildInBatchesIndexesTheSameAndRestoresSettings) {
  const bool lite = store_->backend() == store::Backend::kSqlite;
  long long cache = 0, fk = 0;
  if (lite) {
    store_->session() << "PRAGMA cache_size", soci::into(cache);
    store_->session() << "PRAGMA foreign_keys", soci::into(fk);
  }
  SearchIndex index = Index();
  index.SetBulkLoad(1, 3);
  ASSERT_TRUE(index.Clear().ok());
  auto rebuilt = index.Sync();
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status().ToString();
  EXPECT_EQ(*rebuilt, static_cast<int64_t>(items_.size()));
  auto count = Index().IndexedCount();
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, static_cast<int64_t>(items_.size()));
  for (const char* word : {"政府信息公开", "报告", "青", "公告", "应急管理预案", "统计"}) {
    EXPECT_EQ(Hits(word), Scan(word)) << word;
  }
  if (lite) {
    long long cache_after = 0, fk_after = 0, automerge_rows = -1;
    store_->session() << "PRAGMA cache_size", soci::into(cache_after);
    store_->session() << "PRAGMA foreign_keys", soci::into(fk_after);
    store_->session() << "SELECT COUNT(*) FROM item_search_config WHERE k = 'automerge'",
        soci::into(automerge_rows);
    EXPECT_EQ(cache_after, cache);
    EXPECT_EQ(fk_after, fk);
    EXPECT_EQ(fk_after, 1);
    EXPECT_EQ(automerge_rows, 0);  // back to FTS5's default
  }
}

// The background build's batches (SyncInBatches): each commits on its own (another
// connection sees it at once), an item indexed meanwhile by someone else — even one the
// build had already read as pending — is not indexed twice, a publication during the build
// is indexed by its hook, and a stopped build resumes where it stopped.
TEST_P(SearchIndexTest, BatchedSyncCommitsEachBatchSkipsWhatOthersIndexedAndResumes) {
  ASSERT_TRUE(Index().Clear().ok());
  auto opened = store::SociStore::Open(db_->url(), store::SchemaPolicy::kRequireCurrent);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  store::SociStore& other = **opened;
  InstallPublishHook(other);
  core::Item published_during;
  auto publish = [&]() {
    return other.Transact([&](core::Repositories& r) -> core::Status {
      core::Item item = items_[1];
      item.id = 0;
      item.title = "关于开展桥梁安全巡查的通知";
      item.index_no = "QX/2022-00100";
      item.state = core::ItemState::kDraft;
      GONGKAI_ASSIGN_OR_RETURN(item.id, r.items().Insert(item));
      item.state = core::ItemState::kPublished;
      GONGKAI_RETURN_IF_ERROR(r.items().Update(item));
      published_during = item;
      return core::Status::Ok();
    });
  };
  SearchIndex index = Index();
  index.SetBulkLoad(kBulkItems, 3);
  std::atomic<bool> stop{false};
  int batches = 0;
  index.SetProgress([&](int64_t done, int64_t) {
    if (done == 0) return;
    ++batches;
    if (batches == 1) {
      auto seen = SearchIndex(other).IndexedCount();
      ASSERT_TRUE(seen.ok());
      EXPECT_EQ(*seen, 3) << "the first batch is committed";
      // items_[4] is in the second batch, already read and tokenized by now.
      ASSERT_TRUE(SearchIndex(other).IndexItem(items_[4].id).ok());
      ASSERT_TRUE(publish().ok());
    } else if (batches == 2) {
      stop = true;
    }
  });
  auto first = index.SyncInBatches(&stop);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(*first, 5) << "two batches of three, less the item indexed by the other connection";
  EXPECT_EQ(batches, 2) << "stopped between batches";
  auto rest = Index().SyncInBatches();
  ASSERT_TRUE(rest.ok()) << rest.status().ToString();
  EXPECT_EQ(*rest, static_cast<int64_t>(items_.size()) - 6);
  auto count = Index().IndexedCount();
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, static_cast<int64_t>(items_.size()) + 1);
  if (store_->backend() == store::Backend::kSqlite) {
    long long docs = 0;  // FTS5's own row per document: no item went in twice
    store_->session() << "SELECT COUNT(*) FROM item_search_docsize", soci::into(docs);
    EXPECT_EQ(docs, static_cast<long long>(items_.size()) + 1);
  }
  items_.push_back(published_during);  // for Scan
  for (const char* word : {"政府信息公开", "报告", "青", "公告", "应急管理预案", "投诉举报"}) {
    EXPECT_EQ(Hits(word), Scan(word)) << word;
  }
  EXPECT_EQ(Hits("桥梁安全巡查"), std::set<core::Id>{published_during.id});
}

// A bulk load in committed batches (SQLite): automerge is off and hashsize and crisismerge
// are the bulk values while the batches go in; afterwards each setting is back to what it
// was (FTS5's default, or a value set before), and the segments are merged (Compact).
TEST_P(SearchIndexTest, BulkBatchedSyncSetsFts5BulkConfigAndPutsItBack) {
  if (store_->backend() != store::Backend::kSqlite) GTEST_SKIP() << "FTS5 only";
  ASSERT_TRUE(Index().Clear().ok());
  store_->session() << "INSERT INTO item_search(item_search, rank) VALUES ('crisismerge', 8)";
  SearchIndex index = Index();
  index.SetBulkLoad(1, 4);
  index.SetFts5Bulk({.hashsize = 1 << 24, .crisismerge = 100});
  std::vector<std::string> during;
  index.SetProgress([&](int64_t done, int64_t) {
    if (done == 0) return;
    std::string v;
    store_->session() << "SELECT group_concat(k || '=' || v, ',') FROM (SELECT k, v FROM "
                         "item_search_config WHERE k IN ('automerge', 'hashsize', "
                         "'crisismerge') ORDER BY k)",
        soci::into(v);
    during.push_back(v);
  });
  auto n = index.SyncInBatches();
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n, static_cast<int64_t>(items_.size()));
  EXPECT_EQ(during, std::vector<std::string>(3, "automerge=0,crisismerge=100,hashsize=16777216"));
  std::string after_build;
  store_->session() << "SELECT group_concat(k || '=' || v, ',') FROM item_search_config WHERE k "
                       "IN ('automerge', 'hashsize', 'crisismerge')",
      soci::into(after_build);
  EXPECT_EQ(after_build, "crisismerge=8");
  long long before = 0, after = 0;
  store_->session() << "SELECT total_changes()", soci::into(before);
  store_->session() << "INSERT INTO item_search(item_search, rank) VALUES ('merge', -4000)";
  store_->session() << "SELECT total_changes()", soci::into(after);
  EXPECT_LT(after - before, 2) << "already merged";
  for (const char* word : {"政府信息公开", "报告", "青", "公告", "应急管理预案", "统计"}) {
    EXPECT_EQ(Hits(word), Scan(word)) << word;
  }
}

TEST_P(SearchIndexTest, FiltersByColumnAndValidity) {
  auto count = [&](const std::string& category, const std::string& validity) {
    SearchRequest r;
    r.q = "政府";
    r.newest = true;
    r.limit = 100;
    r.category = category;
    r.validity = validity;
    auto result = Index().Search(r);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    return result.ok() ? result->count : -1;
  };
  int64_t all = count("", "");
  ASSERT_GT(all, 0);
  EXPECT_EQ(count("法定主动公开内容/通知公告", ""), all);
  EXPECT_EQ(count("法定主动公开内容", ""), all);  // a column includes the columns below it
  EXPECT_EQ(count("法定主动公开", ""), 0);        // but not a mere prefix of its name
  EXPECT_EQ(count("法定主动公开内容/工作动态", ""), 0);
  EXPECT_EQ(count("", "valid"), all);
  EXPECT_EQ(count("", "expired"), 0);
  EXPECT_EQ(count("' OR 1=1 --", ""), 0);  // bound, not spliced
}

// With the publish hook, an item is indexed in the transaction that publishes it: found at
// once without a Sync, and not indexed when that transaction rolls back.
TEST_P(SearchIndexTest, PublishingIndexesInTheSameTransaction) {
  InstallPublishHook(*store_);
  auto publish = [&](const std::string& title, const std::string& index_no, bool fail) {
    return store_->Transact([&](core::Repositories& r) -> core::Status {
      core::Item item = items_[1];
      item.id = 0;
      item.title = title;
      item.index_no = index_no;
      item.state = core::ItemState::kDraft;
      GONGKAI_ASSIGN_OR_RETURN(item.id, r.items().Insert(item));
      item.state = core::ItemState::kPublished;
      GONGKAI_RETURN_IF_ERROR(r.items().Update(item));
      if (fail) return core::InvalidArgument("rolled back on purpose");
      return core::Status::Ok();
    });
  };
  ASSERT_TRUE(publish("关于开展桥梁安全巡查的通知", "QX/2022-00100", false).ok());
  EXPECT_EQ(Hits("桥梁安全巡查").size(), 1u);
  EXPECT_FALSE(publish("关于开展隧道安全巡查的通知", "QX/2022-00101", true).ok());
  EXPECT_TRUE(Hits("隧道安全巡查").empty());
  auto synced = Index().Sync();
  ASSERT_TRUE(synced.ok());
  EXPECT_EQ(*synced, 0);  // nothing was left for the periodic sync
}

TEST_P(SearchIndexTest, ListsPublishedItemsByBodyAndCategory) {
  auto page = Index().ListPublished({root_}, "法定主动公开内容", 0, 2);
  ASSERT_TRUE(page.ok());
  int64_t at_root = 0;
  for (const auto& item : items_) at_root += item.org_id == root_;
  EXPECT_EQ(at_root, 6);
  EXPECT_EQ(page->total, at_root);
  EXPECT_EQ(page->items.size(), 2u);
  auto item = Index().GetPublished(items_[0].id);
  ASSERT_TRUE(item.ok());
  ASSERT_TRUE(item->has_value());
  EXPECT_EQ((*item)->body_md, items_[0].body_md);
  EXPECT_EQ((*item)->channels.size(), 1u);
  auto gone = Index().GetPublished(withdrawn_);
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->has_value());
}

// The search port: a repeated request at the same generation is answered from the cache
// without a connection; a new generation searches again; indexing runs on the primary.
TEST_P(SearchIndexTest, CachedSearchTakesAConnectionOnlyOnAMiss) {
  int reads = 0, primary = 0;
  auto lend = [this](int& count) {
    return [this, &count](const std::function<void(store::SociStore&)>& work) {
      ++count;
      work(*store_);
    };
  };
  CachedSearch port(100, 1 << 20, lend(reads), lend(primary));
  core::PublicSearch& search = port;
  core::SearchRequest r;
  r.q = "森林防火";
  auto first = search.Search(r, 1);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_FALSE((*first)->hits.empty());
  EXPECT_EQ(reads, 1);
  auto again = search.Search(r, 1);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *first);  // shared, not searched again
  EXPECT_EQ(reads, 1);
  auto later = search.Search(r, 2);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(reads, 2);
  EXPECT_EQ((*later)->count, (*first)->count);
  auto indexed = search.IndexNewlyPublished();
  ASSERT_TRUE(indexed.ok()) << indexed.status().ToString();
  EXPECT_EQ(*indexed, 0);  // the fixture synced already
  EXPECT_EQ(primary, 1);
  EXPECT_EQ(reads, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, SearchIndexTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gongkai::search
