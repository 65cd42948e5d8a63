#include "web/letter_layout.hpp"

#include <cstdio>
#include <vector>

#include "core/date.hpp"

namespace gongkai::web {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

View LetterLayout(std::string_view body) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    lines.push_back(Trim(body.substr(start, end - start)));
    start = end + 1;
  }
  std::vector<size_t> filled;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!lines[i].empty()) filled.push_back(i);
  }
  View v;
  View paragraphs = View::List();
  View signature = View::List();
  if (filled.empty()) {
    v.Set("paragraphs", paragraphs);
    v.Set("signature", signature);
    return v;
  }
  v.Set("title", std::string(lines[filled.front()]));
  size_t body_end = lines.size();
  if (filled.size() >= 4) {
    body_end = filled[filled.size() - 2];
    for (size_t k = filled.size() - 2; k < filled.size(); ++k) {
      View line;
      line.Set("text", std::string(lines[filled[k]]));
      signature.Push(line);
    }
  }
  std::string block;
  auto flush = [&] {
    if (block.empty()) return;
    View p;
    p.Set("text", block);
    p.Set("salutation", View::Bool(block.ends_with("：") && block.find('\n') == std::string::npos &&
                                   block.size() <= 120));
    paragraphs.Push(p);
    block.clear();
  };
  for (size_t i = filled.front() + 1; i < body_end; ++i) {
    if (lines[i].empty()) {
      flush();
      continue;
    }
    if (!block.empty()) block += '\n';
    block += lines[i];
  }
  flush();
  v.Set("paragraphs", paragraphs);
  v.Set("signature", signature);
  return v;
}

std::string ShanghaiTimeText(std::string_view utc) {
  // YYYY-MM-DDTHH:MM at least.
  if (utc.size() < 16 || utc[10] != 'T' || utc[13] != ':') return std::string(utc);
  auto date = core::Date::Parse(utc.substr(0, 10));
  int hour = 0, minute = 0;
  for (char c : {utc[11], utc[12], utc[14], utc[15]}) {
    if (c < '0' || c > '9') return std::string(utc);
  }
  hour = (utc[11] - '0') * 10 + (utc[12] - '0');
  minute = (utc[14] - '0') * 10 + (utc[15] - '0');
  if (!date.ok() || hour > 23 || minute > 59) return std::string(utc);
  core::Date day = *date;
  hour += 8;
  if (hour >= 24) {
    hour -= 24;
    day = day.Next();
  }
  char hm[16];
  std::snprintf(hm, sizeof hm, "%02d:%02d", hour, minute);
  return std::to_string(day.year()) + "年" + std::to_string(day.month()) + "月" +
         std::to_string(day.day()) + "日 " + hm;
}

}  // namespace gongkai::web
