#include "core/item_suggest.hpp"

#include <algorithm>
#include <set>

namespace gongkai::core {
namespace {

// Splits UTF-8 text into code points (as byte strings); invalid bytes become their own.
std::vector<std::string> CodePoints(std::string_view s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (i + n > s.size()) n = 1;
    out.emplace_back(s.substr(i, n));
    i += n;
  }
  return out;
}

bool IsSeparator(const std::string& cp) {
  static const std::set<std::string> kSeparators = {
      " ",  "\t", "\n", "\r", ",",  ".",  ";",  ":",  "!",  "?",  "(",  ")",
      "\"", "'",  "，", "。", "、", "；", "：", "！", "？", "（", "）", "“",
      "”",  "‘",  "’",  "《", "》", "【", "】", "—",  "…",  "·"};
  return kSeparators.contains(cp);
}

// Words that say "please disclose" rather than what: split on them.
const std::vector<std::vector<std::string>>& StopWords() {
  static const std::vector<std::vector<std::string>> kWords = [] {
    std::vector<std::vector<std::string>> out;
    for (const char* w : {"申请公开", "政府信息", "请求", "申请", "公开", "关于", "有关", "相关",
                          "提供", "我们", "本人", "以及", "要求", "的", "和", "及", "与", "请"}) {
      out.push_back(CodePoints(w));
    }
    return out;
  }();
  return kWords;
}

std::set<std::string> Bigrams(std::string_view text) {
  std::set<std::string> out;
  auto cps = CodePoints(text);
  for (size_t i = 0; i + 1 < cps.size(); ++i) {
    if (IsSeparator(cps[i]) || IsSeparator(cps[i + 1])) continue;
    out.insert(cps[i] + cps[i + 1]);
  }
  return out;
}

}  // namespace

std::vector<std::string> SuggestionPhrases(std::string_view description, size_t max_phrases) {
  std::vector<std::string> quoted, runs;
  auto cps = CodePoints(description);
  // 《...》 titles.
  for (size_t i = 0; i < cps.size(); ++i) {
    if (cps[i] != "《") continue;
    std::string title;
    size_t j = i + 1;
    for (; j < cps.size() && cps[j] != "》"; ++j) title += cps[j];
    if (j < cps.size() && CodePoints(title).size() >= 2) quoted.push_back(title);
    i = j;
  }
  // Runs between separators and stop words.
  std::string run;
  size_t run_len = 0;
  auto flush = [&] {
    if (run_len >= 2) runs.push_back(run);
    run.clear();
    run_len = 0;
  };
  for (size_t i = 0; i < cps.size();) {
    if (IsSeparator(cps[i])) {
      flush();
      ++i;
      continue;
    }
    size_t stop = 0;
    for (const auto& w : StopWords()) {
      if (i + w.size() <= cps.size() && std::equal(w.begin(), w.end(), cps.begin() + i)) {
        stop = w.size();
        break;
      }
    }
    if (stop) {
      flush();
      i += stop;
      continue;
    }
    run += cps[i];
    ++run_len;
    ++i;
  }
  flush();
  std::stable_sort(runs.begin(), runs.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  std::vector<std::string> out;
  for (auto* list : {&quoted, &runs}) {
    for (auto& p : *list) {
      if (out.size() >= max_phrases) break;
      if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    }
  }
  return out;
}

std::vector<Suggestion> RankSuggestions(std::string_view description, std::string_view doc_no,
                                        std::vector<Item> candidates, size_t limit) {
  std::set<std::string> wanted = Bigrams(description);
  std::vector<Suggestion> out;
  std::set<Id> seen;
  for (Item& item : candidates) {
    if (!seen.insert(item.id).second) continue;
    Suggestion s;
    if (!doc_no.empty() && item.doc_no == doc_no) {
      s.score = 1000;
      s.reason = "文号相同";
    }
    std::set<std::string> title = Bigrams(item.title);
    int shared = 0;
    for (const auto& b : title) shared += wanted.contains(b);
    if (!title.empty() && shared > 0) {
      s.score += 100 * shared / static_cast<int>(title.size()) + shared;
      if (s.reason.empty()) s.reason = "标题相近";
    }
    if (s.score == 0) continue;
    s.item = std::move(item);
    out.push_back(std::move(s));
  }
  std::stable_sort(out.begin(), out.end(), [](const Suggestion& a, const Suggestion& b) {
    return a.score != b.score ? a.score > b.score : a.item.id > b.item.id;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace gongkai::core
