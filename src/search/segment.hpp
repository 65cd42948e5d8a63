// Word segmentation of what people type into the search box (issue 21): a Han run typed
// without spaces ("森林防火通知") is split into words by ICU's dictionary word break, so
// a query finds the items that contain each word, wherever they stand — as the spaced form
// ("森林 防火 通知") does — instead of only those that contain the run verbatim.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gongkai::search {

// The words of one run of Han characters (normalised text, see tokenize.hpp), in order,
// covering the run exactly. ICU's break is post-processed for the bigram index: runs of
// one-character words are joined (ICU splits unknown words into single characters:
// 投诉举报 → 投诉|举|报 becomes 投诉|举报), and a remaining one-character word is joined to
// its neighbour (the preceding word, or the following one at the start), because a single
// character alone matches nearly everything. A run of fewer than three characters, or
// one ICU cannot segment, is returned whole. Never fails.
std::vector<std::u32string> SegmentHanRun(std::u32string_view run);

}  // namespace gongkai::search
