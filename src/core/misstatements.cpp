#include "core/misstatements.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace gongkai::core {
namespace {

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t from = 0;
  for (;;) {
    size_t at = s.find(sep, from);
    out.push_back(s.substr(from, at == std::string_view::npos ? s.npos : at - from));
    if (at == std::string_view::npos) return out;
    from = at + 1;
  }
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

Result<std::vector<MisstatementRule>> ParseMisstatementRules(std::string_view tsv) {
  std::vector<MisstatementRule> rules;
  int line_no = 0;
  for (std::string_view line : Split(tsv, '\n')) {
    ++line_no;
    line = Trim(line);
    if (line.empty() || line.front() == '#') continue;
    std::string where = "line " + std::to_string(line_no);
    auto fields = Split(line, '\t');
    if (fields.size() < 4) return InvalidArgument("需要 4 列（短语、建议、类别、来源）", where);
    MisstatementRule r;
    r.phrase = Trim(fields[0]);
    r.correction = Trim(fields[1]);
    r.kind = Trim(fields[2]);
    r.source = Trim(fields[3]);
    if (r.phrase.empty()) return InvalidArgument("短语为空", where);
    if (r.kind != "outdated_name" && r.kind != "wrong_title" && r.kind != "forbidden")
      return InvalidArgument("未知类别 " + r.kind, where);
    if (fields.size() >= 5) {
      for (auto e : Split(fields[4], ',')) {
        e = Trim(e);
        if (e.empty()) continue;
        if (e.find(r.phrase) == std::string_view::npos)
          return InvalidArgument("例外 " + std::string(e) + " 不含短语 " + r.phrase, where);
        r.exceptions.emplace_back(e);
      }
    }
    rules.push_back(std::move(r));
  }
  return rules;
}

std::vector<MisstatementFinding> ScanMisstatements(std::string_view text, std::string_view field,
                                                   const std::vector<MisstatementRule>& rules) {
  // One pass over the bytes instead of one `find` per rule: Chinese phrases begin with a
  // UTF-8 lead byte that most positions of Chinese text share, so `find` compared at a third
  // of all positions once per rule. Here a position is compared only with the rules whose
  // first byte it holds. The matches are exactly those of `find` rule by rule (the next
  // match of a rule starts at or after the end of its previous one), in the same order.
  std::array<uint32_t, 257> first{};  // rules with first byte b: by_first[first[b], first[b + 1])
  for (const auto& rule : rules) {
    if (!rule.phrase.empty()) ++first[static_cast<unsigned char>(rule.phrase[0]) + 1];
  }
  for (size_t b = 1; b < first.size(); ++b) first[b] += first[b - 1];
  std::vector<uint32_t> by_first(first[256]);
  {
    std::array<uint32_t, 257> fill = first;
    for (uint32_t r = 0; r < rules.size(); ++r) {
      const std::string& phrase = rules[r].phrase;
      if (!phrase.empty()) by_first[fill[static_cast<unsigned char>(phrase[0])]++] = r;
    }
  }
  std::vector<size_t> next(rules.size(), 0);      // earliest next match per rule
  std::vector<std::pair<uint32_t, size_t>> hits;  // (rule, offset)
  for (size_t at = 0; at < text.size(); ++at) {
    const auto b = static_cast<unsigned char>(text[at]);
    for (uint32_t k = first[b]; k < first[b + 1]; ++k) {
      const uint32_t r = by_first[k];
      const std::string& phrase = rules[r].phrase;
      if (at < next[r] || text.size() - at < phrase.size()) continue;
      if (text.compare(at, phrase.size(), phrase) != 0) continue;
      hits.emplace_back(r, at);
      next[r] = at + phrase.size();
    }
  }
  // Rule by rule, as the per-rule search listed them, so that the sort below sees the same
  // sequence (and orders equal offsets the same way).
  std::stable_sort(hits.begin(), hits.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<MisstatementFinding> out;
  for (const auto& hit : hits) {
    const MisstatementRule& rule = rules[hit.first];
    const size_t at = hit.second;  // not a structured binding: clang 14 cannot capture one
    bool excepted = std::any_of(rule.exceptions.begin(), rule.exceptions.end(), [&](const auto& e) {
      // The exception holds the phrase at some position k; it matches around `at`.
      for (size_t k = e.find(rule.phrase); k != std::string::npos; k = e.find(rule.phrase, k + 1))
        if (at >= k && text.substr(at - k, e.size()) == e) return true;
      return false;
    });
    if (excepted) continue;
    out.push_back({std::string(field), at, rule.phrase.size(), &rule});
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.offset < b.offset; });
  return out;
}

}  // namespace gongkai::core
