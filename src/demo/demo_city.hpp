// The bodies of the demo city 青溪市 (demo/demo_data.hpp): their names, codes, 文号
// prefixes, subjects, weights and acceptance points. Every name, address and number is
// invented.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/org.hpp"
#include "demo/demo_random.hpp"

namespace gongkai::demo {

inline constexpr const char* kCity = "青溪市";
inline constexpr const char* kRootCode = "QXS";

// One body of the city as written in demo_city.cpp: static data, never modified.
struct OrgSpec {
  const char* code;  // after "QXS-"; "" for the root
  const char* name;  // after 青溪市 unless it starts with 青溪经济 or 国家
  core::OrgKind kind;
  const char* parent;      // code of the parent; nullptr for children of the root
  const char* doc_prefix;  // 文号 prefix, e.g. 青发改发
  const char* topic;       // 主题分类 of most of its items
  const char* domains;     // '|'-separated subjects of its own work
  int item_weight;         // relative share of proactive items
  int request_weight;      // relative share of requests
  // Yearly base of AdminStats: licensing, punishment, coercion decisions, fees in yuan.
  int64_t licensing, punishment, coercion, fees_yuan;
};

// Every body, the root (the city government) first, parents before their children.
std::span<const OrgSpec> OrgSpecs();

// Subjects any body writes about, with the years they were current (0 = open-ended).
struct GeneralTopic {
  const char* text;
  int from, to;
};
std::span<const GeneralTopic> GeneralTopics();

// A body as the generator sees it: its spec, its stored id, and derived strings.
struct DemoOrg {
  const OrgSpec* spec = nullptr;
  core::Id id = 0;
  std::string code;
  std::string name;
  std::vector<std::string> domains;
};

// The body of `spec` (the `index`th) as stored: code, name, kind, acceptance point,
// hours, an invented phone number, reading points for some.
core::Org BuildOrg(const OrgSpec& spec, size_t index, std::optional<core::Id> parent_id, Rng& rng);

}  // namespace gongkai::demo
