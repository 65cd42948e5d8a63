// "已主动公开" suggestions: at intake, find published items that may already answer a
// request, so a handler can reply （一）予以公开 by pointing to them (第三十六条第（一）项).
//
// A plain lookup until the search index lands: items whose 文号 equals the one given, or
// whose title contains one of a few phrases taken from the request (SuggestionPhrases);
// the candidates are then ranked here by how much of the request they share.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/item.hpp"

namespace gongkai::core {

// Phrases to look for in titles: titles quoted in 《》 first, then the runs of the text
// between punctuation, spaces and common request words (申请, 公开, 关于, 的, ...), each of
// at least two characters, at most `max_phrases`, longest first, no duplicates.
std::vector<std::string> SuggestionPhrases(std::string_view description, size_t max_phrases = 8);

struct Suggestion {
  Item item;
  int score = 0;       // higher is better
  std::string reason;  // "文号相同", "标题相近"
};

// Ranks `candidates`: an exact 文号 match first, then by the share of the description's
// character bigrams found in the title; drops candidates sharing nothing; at most `limit`.
std::vector<Suggestion> RankSuggestions(std::string_view description, std::string_view doc_no,
                                        std::vector<Item> candidates, size_t limit = 5);

}  // namespace gongkai::core
