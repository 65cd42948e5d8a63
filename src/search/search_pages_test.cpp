// Search over more matches than it ranks (kRankCandidates) with withdrawn items in the
// index, on both backends: the count, the newest-first pages and the relevance order are
// those of a brute-force model of the rules (search_index.hpp), so a faster read path
// cannot change which items are found, counted or ranked where.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>
#include <string>
#include <vector>

#include "search/search_index.hpp"
#include "store/soci_store.hpp"
#include "testing/migrated_store.hpp"

namespace gongkai::search {
namespace {

constexpr int kItems = kRankCandidates + 40;

std::string Repeat(const std::string& word, int n) {
  std::string out;
  for (int k = 0; k < n; ++k) out += word;
  return out;
}

class SearchPagesTest : public ::testing::TestWithParam<std::string> {
 protected:
  struct Model {
    core::Id id;
    std::string title, summary, published_on;
    bool withdrawn = false;
  };

  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(db_.Open(GetParam()));
    if (IsSkipped()) return;
    store_ = &db_.store();
    core::Status s = store_->Transact([&](core::Repositories& r) -> core::Status {
      core::Org root;
      root.code = "QX";
      root.name = "青溪市人民政府";
      root.kind = core::OrgKind::kGovernment;
      GONGKAI_ASSIGN_OR_RETURN(core::Id org, r.orgs().Insert(root));
      for (int n = 0; n < kItems; ++n) {
        // Every item matches 通知 (in its body at least); titles and summaries hold it 0–3
        // and 0–4 times, some titles start with it, and dates repeat: every rule of the
        // score and both tie-breaks decide some pair.
        core::Item item;
        item.org_id = org;
        item.title = Repeat("通知", n % 3) + "第" + std::to_string(n) + "号事项" +
                     (n % 7 == 0 ? "通知" : "");
        item.summary = Repeat("通知", n % 5) + "摘要";
        item.publisher = "青溪市人民政府";
        item.formed_on = core::Date::FromYmd(2021, 1 + n % 12, 1);
        item.published_on = core::Date::FromYmd(2021, 1 + n % 12, 1 + n % 5);
        item.category = "法定主动公开内容/通知公告";
        item.state = core::ItemState::kPublished;
        item.body_md = "正文：本通知自发布之日起施行。";
        item.channels.push_back({core::Channel::kWebsite, *item.published_on});
        GONGKAI_ASSIGN_OR_RETURN(core::Id id, r.items().Insert(item));
        model_.push_back({id, item.title, item.summary, item.published_on->ToIso()});
      }
      return core::Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
    ASSERT_TRUE(SearchIndex(*store_).Sync().ok());
    // Withdrawn after indexing, as the portal withdraws: they stay in the full-text index.
    for (size_t k = 3; k < model_.size(); k += 37) {
      model_[k].withdrawn = true;
      long long id = model_[k].id;
      store_->session() << "UPDATE items SET state = 'withdrawn' WHERE id = :id", soci::use(id);
    }
  }

  // The published items the model finds for 通知, newest first.
  std::vector<Model> Published() const {
    std::vector<Model> out;
    for (const Model& m : model_) {
      if (!m.withdrawn) out.push_back(m);
    }
    std::sort(out.begin(), out.end(), [](const Model& a, const Model& b) { return a.id > b.id; });
    return out;
  }

  // With `cache_` when `cached`: the matches from phrase sets instead of the index walk.
  core::Result<SearchResult> Run(bool newest, int offset, bool cached = false) {
    SearchRequest r;
    r.q = "通知";
    r.newest = newest;
    r.offset = offset;
    r.limit = 20;
    SearchIndex index(*store_);
    if (cached) index.SetPhraseCache(&cache_);
    return index.Search(r);
  }

  // The ids of the page of 20 at `offset` of `ordered`.
  static std::vector<core::Id> Page(const std::vector<Model>& ordered, int offset) {
    std::vector<core::Id> out;
    for (size_t k = static_cast<size_t>(offset); k < ordered.size() && out.size() < 20; ++k) {
      out.push_back(ordered[k].id);
    }
    return out;
  }

  static std::vector<core::Id> Ids(const SearchResult& result) {
    std::vector<core::Id> out;
    for (const auto& hit : result.hits) out.push_back(hit.item.id);
    return out;
  }

  gongkai::testing::MigratedStore db_;
  store::SociStore* store_ = nullptr;
  std::vector<Model> model_;
  PhraseCache cache_{8 << 20};
};

TEST_P(SearchPagesTest, CountsAndNewestPagesSkipWithdrawnItems) {
  std::vector<Model> published = Published();
  ASSERT_GT(published.size(), static_cast<size_t>(kRankCandidates));
  for (int offset : {0, 980, kRankCandidates, static_cast<int>(published.size()) - 5}) {
    for (bool cached : {false, true}) {
      auto result = Run(true, offset, cached);
      ASSERT_TRUE(result.ok()) << result.status().ToString();
      EXPECT_EQ(result->count, static_cast<int64_t>(published.size()));
      EXPECT_FALSE(result->count_capped);
      EXPECT_EQ(Ids(*result), Page(published, offset)) << "offset " << offset << " " << cached;
    }
  }
}

TEST_P(SearchPagesTest, RelevanceRanksTheNewestCandidatesByTheScoreRules) {
  std::vector<Model> candidates = Published();
  candidates.resize(kRankCandidates);
  auto count = [](const std::string& text) {
    int n = 0;
    for (size_t pos = text.find("通知"); pos != std::string::npos;
         pos = text.find("通知", pos + 6)) {
      ++n;
    }
    return std::min(n, 3);
  };
  auto score = [&](const Model& m) {
    return 4.0 * count(m.title) + count(m.summary) + (m.title.starts_with("通知") ? 2.0 : 0.0);
  };
  std::sort(candidates.begin(), candidates.end(), [&](const Model& a, const Model& b) {
    if (score(a) != score(b)) return score(a) > score(b);
    if (a.published_on != b.published_on) return a.published_on > b.published_on;
    return a.id > b.id;
  });
  for (int offset : {0, 20, 990}) {
    for (bool cached : {false, true}) {
      auto result = Run(false, offset, cached);
      ASSERT_TRUE(result.ok()) << result.status().ToString();
      EXPECT_TRUE(result->ranked_bounded);
      EXPECT_EQ(Ids(*result), Page(candidates, offset)) << "offset " << offset << " " << cached;
    }
  }
  auto result = Run(false, 0);
  ASSERT_TRUE(result.ok());
  ASSERT_FALSE(result->hits.empty());
  EXPECT_NE(result->hits[0].title_html.find("<mark>通知</mark>"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, SearchPagesTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gongkai::search
