// NewestOf against a brute-force model: random sets (dense and sparse), exclusions and
// withdrawn ids, every `first`/`need` boundary.
#include "search/match_set.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <vector>

namespace gongkai::search {
namespace {

std::vector<int64_t> RandomIds(std::mt19937_64& rng, int64_t range, double density) {
  std::bernoulli_distribution in(density);
  std::vector<int64_t> out;
  for (int64_t id = 0; id < range; ++id) {
    if (in(rng)) out.push_back(id);
  }
  return out;
}

TEST(MatchSetTest, ChoosesBitmapOnlyWhenDense) {
  MatchSet dense = MatchSet::FromAscending({1, 2, 3, 64, 65, 100});
  EXPECT_TRUE(dense.dense());
  EXPECT_EQ(dense.size(), 6);
  EXPECT_TRUE(dense.Contains(64));
  EXPECT_FALSE(dense.Contains(66));
  EXPECT_FALSE(dense.Contains(-1));
  EXPECT_FALSE(dense.Contains(1000));
  MatchSet sparse = MatchSet::FromAscending({5, 100000, 900000});
  EXPECT_FALSE(sparse.dense());
  EXPECT_TRUE(sparse.Contains(100000));
  EXPECT_FALSE(sparse.Contains(100001));
  EXPECT_FALSE(MatchSet::FromAscending({}).Contains(0));
}

TEST(MatchSetTest, NewestOfEqualsTheModel) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 300; ++round) {
    const int64_t range = 1 + static_cast<int64_t>(rng() % 3000);
    auto density = [&] {
      const double d[] = {0.0, 0.001, 0.01, 0.05, 0.3, 0.9};
      return d[rng() % 6];
    };
    std::vector<std::vector<int64_t>> must_ids(1 + rng() % 3), exclude_ids(rng() % 3);
    for (auto& ids : must_ids) ids = RandomIds(rng, range, density());
    for (auto& ids : exclude_ids) ids = RandomIds(rng, range, density());
    std::vector<int64_t> withdrawn = RandomIds(rng, range, round % 2 ? 0.02 : 0.0);
    std::vector<MatchSet> sets;
    for (auto& ids : must_ids) sets.push_back(MatchSet::FromAscending(ids));
    for (auto& ids : exclude_ids) sets.push_back(MatchSet::FromAscending(ids));
    std::vector<const MatchSet*> must, exclude;
    for (size_t k = 0; k < sets.size(); ++k) {
      (k < must_ids.size() ? must : exclude).push_back(&sets[k]);
    }
    // The model: every id in all musts, in no exclusion, not withdrawn; newest first.
    std::vector<int64_t> expected;
    for (int64_t id = range - 1; id >= 0; --id) {
      auto has = [id](const std::vector<int64_t>& v) {
        return std::binary_search(v.begin(), v.end(), id);
      };
      if (!std::all_of(must_ids.begin(), must_ids.end(), has)) continue;
      if (std::any_of(exclude_ids.begin(), exclude_ids.end(), has)) continue;
      if (has(withdrawn)) continue;
      expected.push_back(id);
    }
    const size_t need = 1 + rng() % 200;
    const size_t first = std::min(need, static_cast<size_t>(rng() % 100));
    NewestIds got = NewestOf(must, exclude, withdrawn, first, need);
    const size_t kept = std::min(first, expected.size());
    EXPECT_EQ(got.ids, std::vector<int64_t>(expected.begin(), expected.begin() + kept))
        << "round " << round;
    EXPECT_EQ(got.count, static_cast<int64_t>(std::min(need, expected.size())))
        << "round " << round;
  }
}

}  // namespace
}  // namespace gongkai::search
