#include "check/recognize.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "check/label_match.hpp"
#include "check/util.hpp"
#include "check/value.hpp"

namespace gongkai::check {
namespace {

using core::ReportFormat;

bool IsValueState(CellState s) {
  return s == CellState::kNumber || s == CellState::kEmpty || s == CellState::kNotApplicable;
}

// Visits each "NNNN年" in `s`: f(year, position after 年).
template <typename F>
void ForEachYear(std::string_view s, F&& f) {
  static constexpr std::string_view kNian = "年";
  size_t pos = 0;
  while ((pos = s.find(kNian, pos)) != std::string_view::npos) {
    if (pos >= 4) {
      bool digits = true;
      for (size_t i = pos - 4; i < pos; ++i) digits &= s[i] >= '0' && s[i] <= '9';
      const bool longer = pos >= 5 && s[pos - 5] >= '0' && s[pos - 5] <= '9';
      if (digits && !longer) {
        int y = std::stoi(std::string(s.substr(pos - 4, 4)));
        if (y >= 2000 && y <= 2099) f(y, pos - 4, pos + kNian.size());
      }
    }
    pos += kNian.size();
  }
}

bool IsTitleLine(std::string_view s) {
  return s.size() <= 200 &&
         (s.find("信息公开") != std::string_view::npos ||
          s.find("政务公开") != std::string_view::npos) &&
         (s.find("年度报告") != std::string_view::npos ||
          s.find("年报") != std::string_view::npos || s.find("统计表") != std::string_view::npos ||
          s.find("工作报告") != std::string_view::npos);
}

// Chinese numeral digits as written in years ("二〇二五年").
int YearDigit(char32_t c) {
  static constexpr std::u32string_view kDigits = U"〇一二三四五六七八九";
  const size_t p = kDigits.find(c);
  if (p != std::u32string_view::npos) return static_cast<int>(p);
  if (c == U'○' || c == U'零' || c == U'O' || c == U'0') return 0;
  return -1;
}

// `s` as recognition compares it: without white space (publishers and PDF extraction put
// spaces anywhere: "青溪市 2025 年"), with years in Chinese numerals written in digits.
std::string Compact(std::string_view s) {
  std::u32string cps;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t len = 1;
    const char32_t c = DecodeAt(s, pos, &len);
    pos += len;
    if (c == ' ' || c == '\t' || c == 0xA0 || c == 0x3000) continue;
    cps.push_back(c);
  }
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < cps.size(); ++i) {
    if (i + 4 < cps.size() && cps[i + 4] == U'年' && YearDigit(cps[i]) > 0 &&
        !(cps[i] >= '0' && cps[i] <= '9')) {
      bool year = true;
      for (size_t k = i; k < i + 4; ++k) year &= YearDigit(cps[k]) >= 0;
      if (year) {
        for (size_t k = i; k < i + 4; ++k) out += static_cast<char>('0' + YearDigit(cps[k]));
        i += 3;
        continue;
      }
    }
    AppendUtf8(out, cps[i]);
  }
  return out;
}

// Every text of the document, compacted: narrative lines in order, then the cells.
std::vector<std::string> AllTexts(const Document& doc) {
  std::vector<std::string> texts;
  texts.reserve(doc.narrative.size() + 8);
  for (const SourceLine& l : doc.narrative) texts.push_back(Compact(l.text));
  for (const RawRow& row : doc.rows) {
    for (const RawCell& c : row) {
      if (!c.text.empty() && ParseCellValue(c.text).state == CellState::kText) {
        texts.push_back(Compact(c.text));
      }
    }
  }
  return texts;
}

// "YYYY年M月D日" alone on a line (a signature's date, possibly with the body before it):
// the year, and the text before the date; nullopt otherwise.
std::optional<int> DateLineYear(std::string_view t, std::string_view* before) {
  std::optional<int> year;
  ForEachYear(t, [&](int y, size_t start, size_t after) {
    if (year) return;
    std::string_view rest = t.substr(after);
    size_t i = 0;
    while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') ++i;
    if (i == 0 || i > 2 || rest.substr(i, 3) != "月") return;
    rest.remove_prefix(i + 3);
    i = 0;
    while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') ++i;
    if (i == 0 || i > 2) return;
    rest.remove_prefix(i);
    if (rest.substr(0, 3) == "日") rest.remove_prefix(3);
    rest = Trim(rest);
    if (!rest.empty() && rest != ")" && rest != "）") return;
    year = y;
    if (before != nullptr) *before = Trim(t.substr(0, start));
  });
  return year;
}

bool LooksLikeBodyName(std::string_view s) {
  if (s.size() < 6 || s.size() > 90) return false;
  for (std::string_view suffix : {"政府", "办公室", "办公厅", "局", "委员会", "委", "厅", "院",
                                  "中心", "办", "署", "部", "管委会", "街道办事处", "镇", "乡"}) {
    if (s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix) return true;
  }
  return false;
}

// The part after the last "·" of a header path ("行政复议·结果维持" → "结果维持"), or ""
// when `s` has none.
std::string_view LastPathSegment(std::string_view s) {
  static constexpr std::string_view kDot = "\u00b7";
  const size_t p = s.rfind(kDot);
  if (p == std::string_view::npos) return {};
  return Trim(s.substr(p + kDot.size()));
}

// The tail of `s` after the last separator (punctuation, space, "附表").
std::string_view AfterLastSeparator(std::string_view s) {
  size_t cut = 0;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t len = 1;
    char32_t c = DecodeAt(s, pos, &len);
    if (IsPunctuationOrSpace(c) || (c >= '0' && c <= '9')) cut = pos + len;
    pos += len;
  }
  s = s.substr(cut);
  for (std::string_view prefix : {"附表", "关于"}) {
    if (s.substr(0, prefix.size()) == prefix) s.remove_prefix(prefix.size());
  }
  return s;
}

// The body that signs the report: the name on the date line, or on the line before it,
// among the last lines of the narrative. "" when there is none.
std::string SignatureBody(const Document& doc, const std::vector<std::string_view>& texts) {
  const size_t n = std::min(doc.narrative.size(), texts.size());
  for (size_t i = n; i-- > 0 && i + 6 >= n;) {
    std::string_view before;
    if (!DateLineYear(texts[i], &before)) continue;
    if (LooksLikeBodyName(before)) return std::string(before);
    if (i > 0 && LooksLikeBodyName(texts[i - 1])) return std::string(texts[i - 1]);
  }
  return "";
}

}  // namespace

namespace {

std::optional<int> YearOf(const Document& doc, const std::vector<std::string_view>& texts) {
  // 1. A title.
  for (std::string_view t : texts) {
    if (!IsTitleLine(t)) continue;
    std::optional<int> found;
    ForEachYear(t, [&](int y, size_t, size_t after) {
      std::string_view rest = t.substr(after);
      if (!found && (rest.find("信息公开") != std::string_view::npos ||
                     rest.find("政务公开") != std::string_view::npos)) {
        found = y;
      }
    });
    if (found) return found;
  }
  // 2. The statistical period ("统计期限自2025年1月1日起至2025年12月31日止").
  for (std::string_view t : texts) {
    const size_t p = t.find("1月1日");
    if (p == std::string_view::npos || t.find("12月31日") == std::string_view::npos) continue;
    std::optional<int> found;
    ForEachYear(t.substr(0, p), [&](int y, size_t, size_t) { found = y; });
    if (found) return found;
  }
  // 3./4. The most frequent "NNNN年度", else "NNNN年" — a signature's date excluded.
  const size_t n_narrative = doc.narrative.size();
  std::map<int, int> du, nian;
  std::optional<int> signature;
  for (size_t i = 0; i < texts.size(); ++i) {
    const std::string_view t = texts[i];
    if (i < n_narrative && i + 4 >= n_narrative) {
      if (std::optional<int> y = DateLineYear(t, nullptr)) {
        signature = *y - 1;  // reports are signed early in the following year
        continue;
      }
    }
    ForEachYear(t, [&](int y, size_t, size_t after) {
      ++nian[y];
      if (t.substr(after, 3) == "度") ++du[y];
    });
  }
  for (const auto* counts : {&du, &nian}) {
    if (counts->empty()) continue;
    auto best = std::max_element(counts->begin(), counts->end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    return best->first;
  }
  return signature;
}

std::string BodyOf(const Document& doc, const std::vector<std::string_view>& texts,
                   std::optional<int> year) {
  std::string body;
  for (std::string_view t : texts) {
    if (!IsTitleLine(t)) continue;
    ForEachYear(t, [&](int y, size_t start, size_t after) {
      if (!body.empty() || (year && y != *year)) return;
      std::string_view before = AfterLastSeparator(t.substr(0, start));
      if (before.size() >= 6) {
        body = std::string(before);
        return;
      }
      // "2017年汨罗市政府信息公开工作年度报告": between 年(度) and 政府信息公开.
      std::string_view rest = t.substr(after);
      if (rest.substr(0, 3) == "度") rest.remove_prefix(3);
      size_t end = rest.find("政府信息公开");
      if (end == std::string_view::npos) end = rest.find("政务公开");
      if (end != std::string_view::npos && end >= 6 && end <= 60) {
        body = std::string(rest.substr(0, end));
        if (body.size() >= 3 && body.substr(body.size() - 3) == "的") body.resize(body.size() - 3);
      } else if (before.size() >= 3) {
        body = std::string(before);
      }
    });
    if (!body.empty()) break;
  }
  if (body.empty()) {
    for (std::string_view t : texts) {
      size_t p = t.find("由");
      size_t q = p == std::string_view::npos ? p : t.find("编制", p);
      if (q != std::string_view::npos && q - p <= 90) {
        body = std::string(t.substr(p + 3, q - p - 3));
        break;
      }
    }
    if (body.empty()) body = SignatureBody(doc, texts);
    return body;
  }
  // Extend a short name to the fullest form the text uses.
  static constexpr std::string_view kSuffixes[] = {"市人民政府", "县人民政府", "区人民政府",
                                                   "人民政府",   "市政府",     "县政府",
                                                   "区政府",     "市",         "县"};
  for (std::string_view suffix : kSuffixes) {
    if (body.size() >= suffix.size() &&
        std::string_view(body).substr(body.size() - suffix.size()) == suffix) {
      break;
    }
    const std::string candidate = body + std::string(suffix);
    bool found = false;
    for (std::string_view t : texts) {
      if (t.find(candidate) != std::string_view::npos) {
        found = true;
        break;
      }
    }
    if (found) return candidate;
  }
  return body;
}

}  // namespace

std::optional<int> DetectYear(const Document& doc) {
  const std::vector<std::string> all = AllTexts(doc);
  return YearOf(doc, std::vector<std::string_view>(all.begin(), all.end()));
}

std::string DetectBody(const Document& doc, std::optional<int> year) {
  const std::vector<std::string> all = AllTexts(doc);
  return BodyOf(doc, std::vector<std::string_view>(all.begin(), all.end()), year);
}

YearAndBody DetectYearAndBody(const Document& doc) {
  const std::vector<std::string> all = AllTexts(doc);
  const std::vector<std::string_view> texts(all.begin(), all.end());
  YearAndBody out;
  out.year = YearOf(doc, texts);
  out.body = BodyOf(doc, texts, out.year);
  return out;
}

FormatGuess DetectFormat(const Document& doc, std::optional<int> year) {
  std::vector<LabelKey> keys;
  for (const RawRow& row : doc.rows) {
    for (const RawCell& c : row) {
      if (IsValueState(ParseCellValue(c.text).state) || IsUnitCell(c.text)) continue;
      keys.push_back(MakeLabelKey(c.text));
      const std::string_view segment = LastPathSegment(c.text);
      if (!segment.empty()) keys.push_back(MakeLabelKey(segment));
    }
  }
  FormatGuess guess;
  const int legacy = GetLabelMatcher(ReportFormat::kLegacy2008).CountExact(keys);
  int f2021 = GetLabelMatcher(ReportFormat::kFormat2021).CountExact(keys);
  int f2019 = GetLabelMatcher(ReportFormat::kTrial2019).CountExact(keys);
  const int common = std::max(f2021, f2019);
  if (legacy == 0 && common == 0) {
    // No row label at all, but table 四's row (15 numbers, as PDF extraction leaves it).
    const size_t t4 =
        core::GetReportFormat(ReportFormat::kFormat2021).Table("table4")->columns.size();
    for (const RawRow& row : doc.rows) {
      size_t numbers = 0;
      for (const RawCell& c : row) numbers += ParseCellValue(c.text).state == CellState::kNumber;
      if (numbers == t4 && row.size() == t4) {
        guess.format =
            (year && *year <= 2020) ? ReportFormat::kTrial2019 : ReportFormat::kFormat2021;
        return guess;
      }
    }
    return guess;
  }
  if (legacy > common) {
    guess.format = ReportFormat::kLegacy2008;
    guess.matched_labels = legacy;
    return guess;
  }
  // Column headers of table 二 tell 2021 from 2019.
  auto count_headers = [&](ReportFormat f) {
    int n = 0;
    const core::TableDef* t2 = core::GetReportFormat(f).Table("table2");
    for (const core::BlockDef& b : t2->blocks) {
      for (const core::ColumnDef& c : b.columns) {
        const LabelKey ref = MakeLabelKey(c.label);
        for (const LabelKey& k : keys) {
          if (k.core == ref.core) {
            ++n;
            break;
          }
        }
      }
    }
    return n;
  };
  f2021 += count_headers(ReportFormat::kFormat2021);
  f2019 += count_headers(ReportFormat::kTrial2019);
  if (f2021 != f2019) {
    guess.format = f2021 > f2019 ? ReportFormat::kFormat2021 : ReportFormat::kTrial2019;
  } else {
    guess.format = (year && *year <= 2020) ? ReportFormat::kTrial2019 : ReportFormat::kFormat2021;
  }
  guess.matched_labels = common;
  return guess;
}

namespace {

struct OpenRow {
  const LabelTarget* target = nullptr;
  int label_line = 0;
  std::vector<const RawCell*> values;
};

class Mapper {
 public:
  explicit Mapper(ReportFormat format)
      : matcher_(GetLabelMatcher(format)),
        format_(core::GetReportFormat(format)),
        table4_(format_.Table("table4")) {
    if (table4_ != nullptr) {
      for (const core::ColumnDef& c : table4_->columns)
        t4_markers_.push_back(MakeLabelKey(c.label).core);
      for (std::string_view m : {"行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"}) {
        t4_markers_.push_back(std::string(m));
      }
    }
  }

  Mapping Run(const Document& doc) {
    for (const RawRow& row : doc.rows) {
      for (const RawCell& cell : row) Feed(cell);
    }
    Close();
    CloseLoose();
    for (const core::TableDef& t : format_.tables) {
      for (const core::RowDef& r : t.rows) {
        if (!r.data) continue;
        if (&t == table4_) {
          if (!t4_done_) out_.missing.push_back(std::string(t.id) + "/" + std::string(r.id));
          continue;
        }
        if (!seen_.count(&r)) out_.missing.push_back(std::string(t.id) + "/" + std::string(r.id));
      }
    }
    return std::move(out_);
  }

 private:
  void Feed(const RawCell& cell) {
    const CellValue v = ParseCellValue(cell.text);
    if (IsValueState(v.state)) {
      if (open_.target != nullptr) {
        open_.values.push_back(&cell);
      } else if (table4_ != nullptr && !t4_done_) {
        // Values under no label: table 四's row (after its headers, or 15 of them alone).
        if (loose_.empty() && v.state != CellState::kNumber) return;
        loose_.push_back(&cell);
        if (t4_armed_ && loose_.size() >= table4_->columns.size()) CloseLoose();
      }
      return;
    }
    if (open_.target != nullptr && IsUnitCell(cell.text)) return;
    const std::string_view segment = LastPathSegment(cell.text);
    const LabelKey key = MakeLabelKey(cell.text);
    const LabelTarget* t = nullptr;
    LabelKey segment_key;
    if (!segment.empty()) {
      // "三、本年度办理结果·（一）予以公开" (a renderer's path of spanning headers): the
      // last segment names the row; the whole would match the group heading.
      segment_key = MakeLabelKey(segment);
      t = matcher_.Match(segment_key, cursor_);
    }
    if (t == nullptr) t = matcher_.Match(key, cursor_);
    if (t != nullptr) {
      Close();
      CloseLoose();
      open_.target = t;
      open_.label_line = cell.line;
      cursor_ = t->order;
      return;
    }
    Close();
    CloseLoose();
    if (table4_ != nullptr && !t4_done_) {
      for (const LabelKey* k : std::initializer_list<const LabelKey*>{&key, &segment_key}) {
        for (const std::string& m : t4_markers_) {
          if (k->core == m) t4_armed_ = true;
        }
        for (std::string_view m : {"行政复议", "行政诉讼"}) {
          if (k->core.find(m) != std::string::npos) t4_armed_ = true;
        }
      }
    }
  }

  void Emit(const core::TableDef* table, const core::RowDef* row, const core::ColumnDef* col,
            const RawCell& raw, std::vector<Cell>& into) {
    Cell c;
    c.table = table;
    c.row = row;
    c.column = col;
    c.value = ParseCellValue(raw.text);
    c.text = raw.text;
    c.line = raw.line;
    into.push_back(std::move(c));
  }

  void Close() {
    if (open_.target == nullptr) return;
    const core::TableDef* table = open_.target->table;
    const core::RowDef* row = open_.target->row;
    std::vector<const RawCell*> values = std::move(open_.values);
    open_ = OpenRow{};
    if (!row->data) {
      // A heading: any number written in it is a finding.
      for (const RawCell* v : values) {
        if (ParseCellValue(v->text).state == CellState::kNumber) {
          const core::ColumnDef* col = table->columns.empty() ? nullptr : &table->columns.back();
          Emit(table, row, col, *v, out_.heading_values);
        }
      }
      return;
    }
    if (seen_.count(row)) return;  // a row found twice keeps its first occurrence
    const std::vector<const core::ColumnDef*> cols = table->ValueColumns(*row);
    if (cols.empty()) return;
    if (cols.size() == 1) {
      // One value column (legacy, most of table 二): the last number wins over "/" or a
      // blank written in the unit position.
      const RawCell* pick = nullptr;
      for (const RawCell* v : values) {
        if (ParseCellValue(v->text).state == CellState::kNumber) pick = v;
      }
      if (pick == nullptr && !values.empty()) pick = values.back();
      if (pick == nullptr) {
        out_.incomplete.push_back(std::string(table->id) + "/" + std::string(row->id));
        return;
      }
      seen_.insert(row);
      Emit(table, row, cols[0], *pick, out_.cells);
      return;
    }
    auto blank = [](const RawCell* c) { return Trim(c->text).empty(); };
    while (values.size() > cols.size() && blank(values.back())) values.pop_back();
    while (values.size() > cols.size() && blank(values.front())) values.erase(values.begin());
    if (values.size() > cols.size()) {
      // A wide table whose rows fill only their own block's columns (2019's table 二:
      // "行政许可 | / | / | / | 27 | 34 | 41 | / | /"): the window of the row's width holding
      // the most numbers, the earliest on a tie.
      size_t best = 0;
      int best_numbers = -1;
      for (size_t k = 0; k + cols.size() <= values.size(); ++k) {
        int numbers = 0;
        for (size_t i = k; i < k + cols.size(); ++i) {
          numbers += ParseCellValue(values[i]->text).state == CellState::kNumber ? 1 : 0;
        }
        if (numbers > best_numbers) {
          best = k;
          best_numbers = numbers;
        }
      }
      values.erase(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(best));
      values.resize(cols.size());
    }
    if (values.empty()) {
      out_.incomplete.push_back(std::string(table->id) + "/" + std::string(row->id));
      return;
    }
    seen_.insert(row);
    if (values.size() < cols.size()) {
      out_.incomplete.push_back(std::string(table->id) + "/" + std::string(row->id));
    }
    for (size_t i = 0; i < values.size(); ++i) Emit(table, row, cols[i], *values[i], out_.cells);
  }

  void CloseLoose() {
    if (loose_.empty()) return;
    std::vector<const RawCell*> values = std::move(loose_);
    loose_.clear();
    const size_t columns = table4_->columns.size();
    // Armed by table 四's headers: the values that follow, however many. Otherwise only a
    // run of exactly as many values as table 四 has columns is identified by its count.
    if (!t4_armed_ && values.size() != columns) return;
    t4_done_ = true;
    const core::RowDef* row = &table4_->rows.front();
    for (size_t i = 0; i < values.size() && i < columns; ++i) {
      Emit(table4_, row, &table4_->columns[i], *values[i], out_.cells);
    }
    if (values.size() < columns) out_.incomplete.push_back("table4/cases");
  }

  const LabelMatcher& matcher_;
  const core::FormatDef& format_;
  const core::TableDef* table4_;
  std::vector<std::string> t4_markers_;
  Mapping out_;
  OpenRow open_;
  int cursor_ = -1;
  std::set<const core::RowDef*> seen_;
  bool t4_armed_ = false;
  bool t4_done_ = false;
  std::vector<const RawCell*> loose_;  // values under no label, in order
};

}  // namespace

Mapping MapCells(const Document& doc, core::ReportFormat format) { return Mapper(format).Run(doc); }

}  // namespace gongkai::check
