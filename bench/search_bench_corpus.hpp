// The generated corpus and the query set of search_bench (split out of search_bench.cpp):
// a fictional city's published items, deterministic for a given size, and the mixed queries
// the benchmark runs against them. Not thread-safe; one Corpus per benchmark run.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "store/soci_store.hpp"

namespace gongkai::bench {

// Draws the corpus's items; opaque to the benchmark's main.
class Corpus;

// A corpus of `n` items (n >= 1); the same n gives the same items.
std::shared_ptr<Corpus> MakeCorpus(int64_t n);

// Replaces the database's content with `n` items of `corpus`, then runs ANALYZE.
core::Status Generate(store::SociStore& store, int64_t n, Corpus& corpus);

// One benchmark query: its kind (for the per-kind figures) and its text.
struct Q {
  std::string kind;
  std::string text;
};

// The query set, drawn from the corpus's place names.
std::vector<Q> Queries(const Corpus& corpus);

}  // namespace gongkai::bench
