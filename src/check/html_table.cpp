#include "check/html_table.hpp"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "check/util.hpp"
#include "text/normalize.hpp"

namespace gongkai::check {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithI(std::string_view s, size_t pos, std::string_view word) {
  if (pos + word.size() > s.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (Lower(s[pos + i]) != word[i]) return false;
  }
  return true;
}

size_t FindI(std::string_view s, std::string_view word, size_t from) {
  for (size_t i = from; i + word.size() <= s.size(); ++i) {
    if (StartsWithI(s, i, word)) return i;
  }
  return std::string_view::npos;
}

// Decodes one character reference starting at s[pos] == '&'; appends the result and
// returns the number of bytes consumed (0 when it is not a reference).
size_t DecodeEntity(std::string_view s, size_t pos, std::string& out, bool* wide) {
  size_t semi = s.find(';', pos);
  if (semi == std::string_view::npos || semi - pos > 10) return 0;
  std::string_view name = s.substr(pos + 1, semi - pos - 1);
  if (name.empty()) return 0;
  if (name[0] == '#') {
    char32_t cp = 0;
    bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    std::string digits(name.substr(hex ? 2 : 1));
    if (digits.empty()) return 0;
    char* end = nullptr;
    unsigned long v = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
    if (*end != '\0' || v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    cp = static_cast<char32_t>(v);
    if (cp >= 0x80) *wide = true;
    AppendUtf8(out, cp);
    return semi - pos + 1;
  }
  struct Named {
    std::string_view name;
    std::string_view text;
  };
  static constexpr Named kNamed[] = {
      {"nbsp", " "},  {"amp", "&"},    {"lt", "<"},    {"gt", ">"},     {"quot", "\""},
      {"apos", "'"},  {"ensp", " "},   {"emsp", " "},  {"thinsp", " "}, {"middot", "·"},
      {"ldquo", "“"}, {"rdquo", "”"},  {"lsquo", "‘"}, {"rsquo", "’"},  {"mdash", "—"},
      {"ndash", "–"}, {"hellip", "…"}, {"times", "×"},
  };
  for (const Named& n : kNamed) {
    if (name == n.name) {
      out += n.text;
      return semi - pos + 1;
    }
  }
  return 0;
}

struct Cell {
  std::string text;
  int line = 0;
  int colspan = 1;
};

class HtmlScanner {
 public:
  explicit HtmlScanner(std::string_view s) : s_(s) {}

  Document Run() {
    size_t pos = 0;
    while (pos < s_.size()) {
      char c = s_[pos];
      if (c == '\n') ++line_;
      if (c == '<') {
        pos = Tag(pos);
        continue;
      }
      if (c == '&') {
        size_t used = DecodeEntity(s_, pos, Sink(), &wide_);
        if (used > 0) {
          pos += used;
          continue;
        }
      }
      if (c == '\n' || c == '\r' || c == '\t') {
        Sink() += ' ';
      } else {
        Sink() += c;
      }
      ++pos;
    }
    EndCell();
    EndRow();
    FlushLine();
    doc_.line_count = line_;
    return std::move(doc_);
  }

 private:
  std::string& Sink() {
    if (in_cell_) return cell_.text;
    if (line_text_.empty()) line_start_ = line_;
    return line_text_;
  }

  int AttrInt(std::string_view tag, std::string_view attr) {
    size_t p = FindI(tag, attr, 0);
    if (p == std::string_view::npos) return 1;
    p += attr.size();
    while (p < tag.size() && (tag[p] == ' ' || tag[p] == '=' || tag[p] == '"' || tag[p] == '\''))
      ++p;
    int v = 0;
    while (p < tag.size() && tag[p] >= '0' && tag[p] <= '9' && v < 1000)
      v = v * 10 + (tag[p++] - '0');
    return std::clamp(v, 1, 64);
  }

  size_t SkipTo(size_t pos, std::string_view end_marker) {
    size_t end = FindI(s_, end_marker, pos);
    size_t stop = end == std::string_view::npos ? s_.size() : end + end_marker.size();
    line_ += static_cast<int>(std::count(s_.begin() + pos, s_.begin() + stop, '\n'));
    return stop;
  }

  // Handles the tag starting at s_[pos] == '<'; returns the position after it.
  size_t Tag(size_t pos) {
    if (s_.substr(pos, 4) == "<!--") return SkipTo(pos + 4, "-->");
    size_t end = s_.find('>', pos);
    if (end == std::string_view::npos) return s_.size();
    std::string_view tag = s_.substr(pos + 1, end - pos - 1);
    line_ += static_cast<int>(std::count(tag.begin(), tag.end(), '\n'));
    bool closing = !tag.empty() && tag[0] == '/';
    std::string name;
    for (size_t i = closing ? 1 : 0; i < tag.size(); ++i) {
      char c = Lower(tag[i]);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) break;
      name += c;
    }
    size_t next = end + 1;
    if (!closing && (name == "script" || name == "style")) {
      const size_t after = SkipTo(next, name == "script" ? "</script" : "</style");
      const size_t gt = s_.find('>', after);
      return gt == std::string_view::npos ? s_.size() : gt + 1;
    }
    if (name == "table") {
      EndCell();
      EndRow();
      FlushLine();
      table_depth_ += closing ? -1 : 1;
      if (table_depth_ < 0) table_depth_ = 0;
    } else if (name == "tr") {
      EndCell();
      EndRow();
      if (!closing && table_depth_ > 0) in_row_ = true;
    } else if (name == "td" || name == "th") {
      EndCell();
      if (!closing && table_depth_ > 0) {
        if (!in_row_) in_row_ = true;
        in_cell_ = true;
        cell_ = Cell{};
        cell_.line = line_;
        cell_.colspan = AttrInt(tag, "colspan");
        wide_ = false;
      }
    } else if (name == "br" || name == "p" || name == "div" || name == "li" || name == "title" ||
               (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6')) {
      if (in_cell_) {
        cell_.text += ' ';
      } else {
        FlushLine();
      }
    }
    return next;
  }

  static bool IsValueText(std::string_view t) {
    if (t.empty() || t == "/" || t == "-" || t == "—") return true;
    for (char c : t) {
      if (!((c >= '0' && c <= '9') || c == ',' || c == '.' || c == ' ')) return false;
    }
    return true;
  }

  void EndCell() {
    if (!in_cell_) return;
    in_cell_ = false;
    std::string text = std::string(Trim(cell_.text));
    if (wide_) text = text::FoldWidth(text);
    // Collapse inner runs of spaces left by <br> and newlines.
    std::string collapsed;
    for (char c : text) {
      if (c == ' ' && !collapsed.empty() && collapsed.back() == ' ') continue;
      collapsed += c;
    }
    const int copies = IsValueText(collapsed) ? cell_.colspan : 1;
    for (int k = 0; k < copies; ++k) row_.push_back({collapsed, cell_.line});
  }

  void EndRow() {
    if (!in_row_) return;
    in_row_ = false;
    if (!row_.empty()) doc_.rows.push_back(std::move(row_));
    row_.clear();
  }

  void FlushLine() {
    std::string_view t = Trim(line_text_);
    if (!t.empty()) {
      std::string collapsed;
      for (char c : t) {
        if (c == ' ' && !collapsed.empty() && collapsed.back() == ' ') continue;
        collapsed += c;
      }
      doc_.narrative.push_back({collapsed, line_start_});
    }
    line_text_.clear();
  }

  std::string_view s_;
  Document doc_;
  int line_ = 1;
  int line_start_ = 1;
  int table_depth_ = 0;
  bool in_row_ = false;
  bool in_cell_ = false;
  bool wide_ = false;
  Cell cell_;
  RawRow row_;
  std::string line_text_;
};

}  // namespace

bool LooksLikeHtml(std::string_view utf8) {
  std::string_view t = Trim(utf8);
  if (t.substr(0, 3) == "\xEF\xBB\xBF") t = Trim(t.substr(3));
  if (t.empty() || t[0] != '<') return false;
  std::string_view head = t.substr(0, 65536);
  for (std::string_view marker : {"<html", "<table", "<body", "<p", "<div", "<!doctype"}) {
    if (FindI(head, marker, 0) != std::string_view::npos) return true;
  }
  return false;
}

Document ExtractHtmlDocument(std::string_view utf8) { return HtmlScanner(utf8).Run(); }

}  // namespace gongkai::check
