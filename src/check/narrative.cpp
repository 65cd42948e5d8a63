#include "check/narrative.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>

#include "check/narrative_rules.hpp"
#include "check/util.hpp"
#include "check/value.hpp"

namespace gongkai::check {
namespace {

using core::ReportFormat;

bool Contains(std::string_view s, std::string_view w) {
  return s.find(w) != std::string_view::npos;
}

bool Accepts(const Words& all, const Words& any, const Words& none, std::string_view context) {
  for (std::string_view w : all) {
    if (!Contains(context, w)) return false;
  }
  if (!any.empty() && std::none_of(any.begin(), any.end(),
                                   [&](std::string_view w) { return Contains(context, w); })) {
    return false;
  }
  for (std::string_view w : none) {
    if (Contains(context, w)) return false;
  }
  return true;
}

bool IsClauseDelimiter(char32_t c) {
  return c == U'，' || c == U',' || c == U'。' || c == U'；' || c == U';' || c == U'！' ||
         c == U'!' || c == U'？' || c == U'?' || c == U'：' || c == U':';
}

bool IsDigitAt(std::string_view s, size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }

// True when the ',' at s[i] separates thousands: "1,234" but not "1,2" or "1,2345".
bool IsThousandsComma(std::string_view s, size_t i) {
  return i > 0 && IsDigitAt(s, i - 1) && IsDigitAt(s, i + 1) && IsDigitAt(s, i + 2) &&
         IsDigitAt(s, i + 3) && !IsDigitAt(s, i + 4);
}

// A number found in a clause.
struct Number {
  double value = 0;
  bool approximate = false;
  bool percent = false;
  size_t begin = 0, end = 0;  // byte range of the number (and markers/unit) in the clause
  std::string unit;
};

std::vector<Number> FindNumbers(std::string_view clause) {
  static constexpr std::string_view kUnits[] = {"人次", "万元", "件", "条", "人", "名", "次",
                                                "期",   "场",   "篇", "起", "个", "元"};
  std::vector<Number> out;
  size_t i = 0;
  while (i < clause.size()) {
    if (!(clause[i] >= '0' && clause[i] <= '9')) {
      ++i;
      continue;
    }
    const size_t begin = i;
    const bool after_letter_or_dash =
        begin > 0 &&
        (std::isalnum(static_cast<unsigned char>(clause[begin - 1])) || clause[begin - 1] == '-' ||
         clause[begin - 1] == '/' || clause[begin - 1] == '.');
    std::string digits;
    while (i < clause.size()) {
      char c = clause[i];
      if (c >= '0' && c <= '9') {
        digits += c;
        ++i;
      } else if (c == ',' && IsThousandsComma(clause, i)) {
        ++i;  // thousands separator
      } else if (c == '.' && i + 1 < clause.size() &&
                 std::isdigit(static_cast<unsigned char>(clause[i + 1])) &&
                 digits.find('.') == std::string::npos) {
        digits += '.';
        ++i;
      } else {
        break;
      }
    }
    if (after_letter_or_dash || digits.size() > 15) continue;
    Number n;
    n.begin = begin;
    n.value = std::strtod(digits.c_str(), nullptr);
    std::string_view rest = clause.substr(i);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (rest.substr(0, 3) == "余" || rest.substr(0, 3) == "多") {
      n.approximate = true;
      rest.remove_prefix(3);
    }
    if (!rest.empty() && (rest.front() == '%' || rest.substr(0, 3) == "％")) {
      n.percent = true;
      rest.remove_prefix(rest.front() == '%' ? 1 : 3);
    } else {
      for (std::string_view u : kUnits) {
        if (rest.substr(0, u.size()) == u) {
          n.unit = std::string(u);
          rest.remove_prefix(u.size());
          break;
        }
      }
    }
    n.end = clause.size() - rest.size();
    if (n.percent || !n.unit.empty()) out.push_back(n);
  }
  return out;
}

bool EndsSentence(char32_t c) {
  return c == U'。' || c == U'；' || c == U';' || c == U'！' || c == U'!' || c == U'？' ||
         c == U'?';
}

// f(clause, line, sentence) for every clause of the narrative.
template <typename F>
void ForEachClause(const Document& doc, F&& f) {
  int sentence = 0;
  for (const SourceLine& line : doc.narrative) {
    ++sentence;
    std::string_view s = line.text;
    size_t start = 0, pos = 0;
    while (pos <= s.size()) {
      size_t len = 1;
      const bool at_end = pos == s.size();
      const char32_t c = at_end ? 0 : DecodeAt(s, pos, &len);
      if (at_end || (IsClauseDelimiter(c) && !(c == U',' && IsThousandsComma(s, pos)))) {
        std::string_view clause = Trim(s.substr(start, pos - start));
        if (!clause.empty()) f(clause, line.line, sentence);
        if (at_end) break;
        if (EndsSentence(c)) ++sentence;
        start = pos + len;
      }
      pos += len;
    }
  }
}

bool IsZeroStatement(std::string_view clause) {
  for (std::string_view w : {"没有", "未发生", "未收到", "未收取", "无", "零"}) {
    if (Contains(clause, w)) return true;
  }
  return false;
}

struct Term {
  const core::TableDef* table = nullptr;
  const core::RowDef* row = nullptr;
  const core::ColumnDef* column = nullptr;
};

// Parses "row:column+row:column" against the format's tables.
std::vector<Term> ParseReadingSlow(const core::FormatDef& format, std::string_view reading) {
  std::vector<Term> terms;
  size_t start = 0;
  while (start <= reading.size()) {
    size_t plus = reading.find('+', start);
    if (plus == std::string_view::npos) plus = reading.size();
    std::string_view term = reading.substr(start, plus - start);
    const size_t colon = term.find(':');
    const std::string_view row_id = term.substr(0, colon);
    const std::string_view col_id = term.substr(colon + 1);
    for (const core::TableDef& t : format.tables) {
      const core::RowDef* row = t.Row(row_id);
      const core::ColumnDef* col = nullptr;
      if (row != nullptr) {
        for (const core::ColumnDef* c : t.ValueColumns(*row)) {
          if (c->id == col_id) col = c;
        }
      }
      if (row != nullptr && col != nullptr) {
        terms.push_back({&t, row, col});
        break;
      }
    }
    start = plus + 1;
  }
  return terms;
}

// The readings of the (static) narrative rules, parsed once per format: each is looked up
// by the address of its text.
const std::vector<Term>& ParseReading(const core::FormatDef& format, std::string_view reading) {
  using Cache = std::map<const char*, std::vector<Term>>;
  static const auto* const kCaches = [] {
    auto* caches = new std::array<Cache, 3>;
    const ReportFormat formats[] = {ReportFormat::kFormat2021, ReportFormat::kTrial2019,
                                    ReportFormat::kLegacy2008};
    for (size_t i = 0; i < 3; ++i) {
      const core::FormatDef& def = core::GetReportFormat(formats[i]);
      for (const NarrativeRule& r : NarrativeRules(formats[i])) {
        for (std::string_view reading : r.readings) {
          (*caches)[i][reading.data()] = ParseReadingSlow(def, reading);
        }
      }
      for (const RateRule& r : RateRules(formats[i])) {
        (*caches)[i][r.numerator.data()] = ParseReadingSlow(def, r.numerator);
        (*caches)[i][r.denominator.data()] = ParseReadingSlow(def, r.denominator);
      }
    }
    return caches;
  }();
  const size_t index = format.format == ReportFormat::kFormat2021  ? 0
                       : format.format == ReportFormat::kTrial2019 ? 1
                                                                   : 2;
  auto it = (*kCaches)[index].find(reading.data());
  if (it != (*kCaches)[index].end()) return it->second;
  // Not a rule's reading (never happens today): parse it for this call.
  thread_local std::vector<Term> parsed;
  parsed = ParseReadingSlow(format, reading);
  return parsed;
}

class CellLookup {
 public:
  explicit CellLookup(const std::vector<Cell>& cells) {
    for (const Cell& c : cells) map_[{c.row, c.column}] = &c;
  }
  // The sum of the terms, or nullopt when a cell is missing or not a number.
  std::optional<double> Sum(const std::vector<Term>& terms, std::vector<const Cell*>* used) const {
    if (terms.empty()) return std::nullopt;
    double total = 0;
    for (const Term& t : terms) {
      auto it = map_.find({t.row, t.column});
      if (it == map_.end() || it->second->value.state != CellState::kNumber) return std::nullopt;
      total += it->second->value.number;
      if (used) used->push_back(it->second);
    }
    return total;
  }

 private:
  std::map<std::pair<const core::RowDef*, const core::ColumnDef*>, const Cell*> map_;
};

bool Agrees(const Statement& s, double table_value) {
  if (!s.approximate) return std::fabs(s.value - table_value) < 1e-4;
  double place = 1;
  while (place * 10 <= s.value) place *= 10;
  return table_value >= s.value - 1e-9 && table_value < s.value + place;
}

std::string Excerpt(std::string_view s) {
  // At most ~40 characters.
  size_t pos = 0, chars = 0;
  while (pos < s.size() && chars < 40) {
    size_t len = 1;
    DecodeAt(s, pos, &len);
    pos += len;
    ++chars;
  }
  return std::string(s.substr(0, pos)) + (pos < s.size() ? "…" : "");
}

std::string ReadingLabel(const std::vector<Term>& terms) {
  std::string s;
  for (size_t i = 0; i < terms.size(); ++i) {
    if (i) s += " + ";
    s += std::string(terms[i].row->label.empty() ? terms[i].table->title : terms[i].row->label);
    if (terms[i].column->id != "value") s += "·" + std::string(terms[i].column->label);
  }
  return s;
}

std::string ReadingIds(const std::vector<Term>& terms) {
  std::string s;
  for (size_t i = 0; i < terms.size(); ++i) {
    if (i) s += " + ";
    s += std::string(terms[i].table->id) + "/" + std::string(terms[i].row->id) + "/" +
         std::string(terms[i].column->id);
  }
  return s;
}

FindingCell CellOf(const Cell& c) {
  FindingCell fc;
  fc.table = std::string(c.table->id);
  fc.row = std::string(c.row->id);
  fc.column = std::string(c.column->id);
  fc.value = c.value.number;
  fc.line = c.line;
  return fc;
}

FindingCell TextCell(const Statement& s) {
  FindingCell fc;
  fc.table = "text";
  fc.value = s.value;
  fc.line = s.line;
  return fc;
}

void SortLines(Finding& f) {
  std::sort(f.lines.begin(), f.lines.end());
  f.lines.erase(std::unique(f.lines.begin(), f.lines.end()), f.lines.end());
  f.lines.erase(std::remove(f.lines.begin(), f.lines.end(), 0), f.lines.end());
}

}  // namespace

std::vector<Statement> ExtractStatements(const Document& doc, ReportFormat format) {
  const std::vector<NarrativeRule>& rules = NarrativeRules(format);
  const std::vector<RateRule>& rates = RateRules(format);
  std::vector<Statement> out;
  ForEachClause(doc, [&](std::string_view clause, int line, int sentence) {
    const std::vector<Number> numbers = FindNumbers(clause);
    if (numbers.empty()) {
      if (!IsZeroStatement(clause)) return;
      for (const NarrativeRule& r : rules) {
        if (r.zero_statements && Accepts(r.all, r.any, r.none, clause)) {
          out.push_back({std::string(r.id), 0, false, line, Excerpt(clause), sentence});
          break;
        }
      }
      return;
    }
    for (size_t k = 0; k < numbers.size(); ++k) {
      const Number& n = numbers[k];
      // The words before the number (back to the previous number or the clause start)
      // name the quantity; failing that, the words up to the next number do
      // ("召开2次…会议").
      const size_t from = k == 0 ? 0 : numbers[k - 1].end;
      const size_t to = k + 1 < numbers.size() ? numbers[k + 1].begin : clause.size();
      const std::string_view before = clause.substr(from, n.begin - from);
      const std::string_view around = clause.substr(from, to - from);
      if (n.percent) {
        for (std::string_view context : {before, around}) {
          auto it = std::find_if(rates.begin(), rates.end(), [&](const RateRule& r) {
            return Accepts({}, r.any, r.none, context);
          });
          if (it != rates.end()) {
            out.push_back(
                {std::string(it->id), n.value, n.approximate, line, Excerpt(clause), sentence});
            break;
          }
        }
        continue;
      }
      for (std::string_view context : {before, around}) {
        auto it = std::find_if(rules.begin(), rules.end(), [&](const NarrativeRule& r) {
          return std::find(r.units.begin(), r.units.end(), n.unit) != r.units.end() &&
                 Accepts(r.all, r.any, r.none, context);
        });
        if (it != rules.end()) {
          out.push_back(
              {std::string(it->id), n.value, n.approximate, line, Excerpt(clause), sentence});
          break;
        }
      }
    }
  });
  return out;
}

std::vector<Finding> CompareStatements(const std::vector<Statement>& statements,
                                       ReportFormat format, const std::vector<Cell>& cells) {
  const core::FormatDef& def = core::GetReportFormat(format);
  const std::vector<NarrativeRule>& rules = NarrativeRules(format);
  const std::vector<RateRule>& rates = RateRules(format);
  const CellLookup lookup(cells);
  std::vector<Finding> out;

  for (const NarrativeRule& rule : rules) {
    std::vector<const Statement*> mine;
    for (const Statement& s : statements) {
      if (s.rule == rule.id) mine.push_back(&s);
    }
    if (mine.empty()) continue;
    struct Reading {
      std::vector<Term> terms;
      double value;
      std::vector<const Cell*> cells;
    };
    std::vector<Reading> readings;
    for (std::string_view r : rule.readings) {
      Reading reading;
      reading.terms = ParseReading(def, r);
      std::optional<double> v = lookup.Sum(reading.terms, &reading.cells);
      if (!v) continue;
      reading.value = *v;
      readings.push_back(std::move(reading));
    }
    if (readings.empty()) continue;
    bool agree = false;
    for (const Statement* s : mine) {
      for (const Reading& r : readings) agree |= Agrees(*s, r.value);
    }
    if (agree) continue;
    Finding f;
    f.severity = core::Severity::kWarning;
    f.rule = std::string(rule.id);
    std::string stated_zh, stated_en;
    for (const Statement* s : mine) {
      if (!stated_zh.empty()) {
        stated_zh += "、";
        stated_en += ", ";
      }
      const std::string v = FormatNumber(s->value) + (s->approximate ? "余" : "");
      stated_zh += fmt::format("{}（第{}行“{}”）", v, s->line, s->excerpt);
      stated_en += fmt::format("{} (line {})", v, s->line);
      f.cells.push_back(TextCell(*s));
      f.lines.push_back(s->line);
    }
    std::string table_zh, table_en;
    for (const Reading& r : readings) {
      if (!table_zh.empty()) {
        table_zh += "，或";
        table_en += ", or ";
      }
      table_zh += fmt::format("{} 为 {}", ReadingLabel(r.terms), FormatNumber(r.value));
      table_en += fmt::format("{} = {}", ReadingIds(r.terms), FormatNumber(r.value));
      for (const Cell* c : r.cells) {
        f.cells.push_back(CellOf(*c));
        f.lines.push_back(c->line);
      }
    }
    f.message_zh = fmt::format("正文所述{} {} 与表中不符：{}", rule.what_zh, stated_zh, table_zh);
    f.message_en =
        fmt::format("The narrative states {} but the table gives {}", stated_en, table_en);
    SortLines(f);
    out.push_back(std::move(f));
  }

  for (const RateRule& rule : rates) {
    for (const Statement& s : statements) {
      if (s.rule != rule.id) continue;
      std::vector<const Cell*> used;
      const std::optional<double> num = lookup.Sum(ParseReading(def, rule.numerator), &used);
      const std::optional<double> den = lookup.Sum(ParseReading(def, rule.denominator), &used);
      if (!num || !den || *den <= 0) continue;
      const double computed = *num / *den * 100.0;
      const bool integer = std::fabs(s.value - std::round(s.value)) < 1e-9;
      const double step = integer ? 1.0 : 0.1;
      const bool rounds = std::fabs(computed - s.value) <= step / 2 + 1e-9;
      const bool truncates = computed >= s.value - 1e-9 && computed < s.value + step;
      if (rounds || truncates) continue;
      Finding f;
      f.severity = core::Severity::kWarning;
      f.rule = std::string(rule.id);
      f.message_zh = fmt::format("正文称{}{}%（第{}行），按表中数据 {} ÷ {} = {:.1f}%",
                                 rule.what_zh, FormatNumber(s.value), s.line, FormatNumber(*num),
                                 FormatNumber(*den), computed);
      f.message_en = fmt::format(
          "The narrative states a rate of {}% (line {}) but the table gives {} / {} = {:.1f}%",
          FormatNumber(s.value), s.line, FormatNumber(*num), FormatNumber(*den), computed);
      f.cells.push_back(TextCell(s));
      f.lines.push_back(s.line);
      for (const Cell* c : used) {
        f.cells.push_back(CellOf(*c));
        f.lines.push_back(c->line);
      }
      SortLines(f);
      out.push_back(std::move(f));
    }
  }
  return out;
}

std::vector<Statement> UncomparedStatements(const std::vector<Statement>& statements,
                                            ReportFormat format, const std::vector<Cell>& cells) {
  if (cells.empty()) return statements;
  const core::FormatDef& def = core::GetReportFormat(format);
  const CellLookup lookup(cells);
  std::map<std::string_view, bool> comparable;
  for (const NarrativeRule& r : NarrativeRules(format)) {
    bool any = false;
    for (std::string_view reading : r.readings) {
      any |= lookup.Sum(ParseReading(def, reading), nullptr).has_value();
    }
    comparable[r.id] = any;
  }
  for (const RateRule& r : RateRules(format)) {
    comparable[r.id] = lookup.Sum(ParseReading(def, r.numerator), nullptr).has_value() &&
                       lookup.Sum(ParseReading(def, r.denominator), nullptr).has_value();
  }
  std::vector<Statement> out;
  for (const Statement& s : statements) {
    auto it = comparable.find(s.rule);
    if (it == comparable.end() || !it->second) out.push_back(s);
  }
  return out;
}

}  // namespace gongkai::check
