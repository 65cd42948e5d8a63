#include "check/narrative_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "check/narrative_rules.hpp"
#include "check/util.hpp"
#include "check/value.hpp"

namespace gongkai::check {
namespace {

using core::ReportFormat;

constexpr double kEpsilon = 1e-4;

// The statements of one sentence or paragraph, by rule.
class Scope {
 public:
  void Add(const Statement& s) { by_rule_[s.rule].push_back(&s); }

  // The statement of `rule` when the scope states it once (or several times with one
  // value); nullptr when absent or ambiguous. Approximate figures ("9000余") never count.
  const Statement* One(std::string_view rule) const {
    auto it = by_rule_.find(std::string(rule));
    if (it == by_rule_.end()) return nullptr;
    const Statement* first = it->second.front();
    for (const Statement* s : it->second) {
      if (s->approximate || std::fabs(s->value - first->value) > kEpsilon) return nullptr;
    }
    return first;
  }

 private:
  std::map<std::string, std::vector<const Statement*>> by_rule_;
};

FindingCell TextCell(const Statement& s) {
  FindingCell fc;
  fc.table = "text";
  fc.value = s.value;
  fc.line = s.line;
  return fc;
}

Finding MakeFinding(core::Severity severity, std::string rule,
                    const std::vector<const Statement*>& used, std::string zh, std::string en) {
  Finding f;
  f.severity = severity;
  f.rule = std::move(rule);
  f.message_zh = std::move(zh);
  f.message_en = std::move(en);
  for (const Statement* s : used) {
    f.cells.push_back(TextCell(*s));
    if (s->line > 0) f.lines.push_back(s->line);
  }
  std::sort(f.lines.begin(), f.lines.end());
  f.lines.erase(std::unique(f.lines.begin(), f.lines.end()), f.lines.end());
  return f;
}

std::string N(double v) { return FormatNumber(v); }

struct Outcome {
  std::string_view rule;
  std::string_view label;
  std::string_view parent;  // counted only when the parent is not stated ("" for none)
};

std::vector<Outcome> Outcomes(ReportFormat format) {
  if (format == ReportFormat::kLegacy2008) {
    return {{"text_disclosed", "同意公开", ""},
            {"text_partially_disclosed", "部分公开", ""},
            {"text_refused", "不予公开", ""},
            {"text_state_secret", "涉及国家秘密", "text_refused"},
            {"text_unavailable", "信息不存在或非本机关", ""}};
  }
  return {{"text_disclosed", "予以公开", ""},     {"text_partially_disclosed", "部分公开", ""},
          {"text_refused", "不予公开", ""},       {"text_unavailable", "无法提供", ""},
          {"text_not_processed", "不予处理", ""}, {"text_other_outcome", "其他处理", ""}};
}

class NarrativeChecker {
 public:
  NarrativeChecker(const Document& doc, const std::vector<Statement>& statements,
                   ReportFormat format, const std::vector<Cell>& cells)
      : doc_(doc), statements_(statements), format_(format), cells_(cells) {
    for (const Statement& s : statements) {
      sentences_[s.sentence].Add(s);
      paragraphs_[s.line].Add(s);
    }
  }

  std::vector<Finding> Run() {
    if (format_ != ReportFormat::kLegacy2008) Balance();
    OutcomesSum();
    if (format_ == ReportFormat::kLegacy2008) StaffSum();
    RateCounts();
    AllClosed();
    return std::move(out_);
  }

 private:
  // Scopes in order of preference: each sentence, then each paragraph.
  template <typename F>
  void ForEachScope(F&& f) {
    for (const auto& [_, scope] : sentences_) {
      if (f(scope)) return;
    }
    for (const auto& [_, scope] : paragraphs_) {
      if (f(scope)) return;
    }
  }

  void Balance() {
    ForEachScope([&](const Scope& sc) {
      const Statement* r = sc.One("text_applications_received");
      const Statement* i = sc.One("text_carried_in");
      const Statement* c = sc.One("text_closed");
      const Statement* o = sc.One("text_carried_out");
      if (!r || !i || !c || !o) return false;
      const double in = r->value + i->value, out = c->value + o->value;
      if (std::fabs(in - out) <= kEpsilon || std::fabs(r->value - out) <= kEpsilon) return true;
      out_.push_back(MakeFinding(
          core::Severity::kError, "text_balance", {r, i, c, o},
          fmt::format("正文所述收到申请 {} + 上年结转 {} = {}，而办结 {} + 结转下年度 {} = {}",
                      N(r->value), N(i->value), N(in), N(c->value), N(o->value), N(out)),
          fmt::format("The narrative states received {} + carried in {} = {} but closed {} + "
                      "carried over {} = {}",
                      N(r->value), N(i->value), N(in), N(c->value), N(o->value), N(out))));
      return true;
    });
  }

  void OutcomesSum() {
    const std::vector<Outcome> outcomes = Outcomes(format_);
    std::set<std::vector<const Statement*>> reported;
    ForEachScope([&](const Scope& sc) {
      std::vector<const Statement*> parts;
      std::string listed_zh;
      double sum = 0;
      for (const Outcome& o : outcomes) {
        const Statement* s = sc.One(o.rule);
        if (s == nullptr || (!o.parent.empty() && sc.One(o.parent) != nullptr)) continue;
        parts.push_back(s);
        sum += s->value;
        listed_zh += fmt::format("{}{} {}", listed_zh.empty() ? "" : " + ", o.label, N(s->value));
      }
      if (parts.size() < 2) return false;
      // The whole: the closed requests, else the received ones (with the carry-overs).
      const Statement* whole = sc.One("text_closed");
      std::vector<double> wholes;
      std::string whole_zh;
      // Outcomes are of the closed requests, which may include last year's: above the
      // received ones is certain only when the carry-in is stated too.
      bool certain = true;
      if (whole != nullptr) {
        wholes.push_back(whole->value);
        whole_zh = fmt::format("办结 {}", N(whole->value));
      } else if ((whole = sc.One("text_applications_received")) != nullptr) {
        wholes.push_back(whole->value);
        whole_zh = fmt::format("收到申请 {}", N(whole->value));
        const Statement* i = sc.One("text_carried_in");
        const Statement* o = sc.One("text_carried_out");
        const double closed = whole->value + (i ? i->value : 0) - (o ? o->value : 0);
        if (i || o) wholes.push_back(closed);
        certain = i != nullptr;
      } else {
        return false;
      }
      std::vector<const Statement*> used = parts;
      used.insert(used.begin(), whole);
      if (reported.count(used)) return false;
      const double most = *std::max_element(wholes.begin(), wholes.end());
      const bool equal = std::any_of(wholes.begin(), wholes.end(),
                                     [&](double w) { return std::fabs(w - sum) <= kEpsilon; });
      if (equal) return false;
      if (sum > most + kEpsilon) {
        reported.insert(used);
        out_.push_back(MakeFinding(
            certain ? core::Severity::kError : core::Severity::kWarning, "text_outcomes_sum", used,
            fmt::format("正文所列办理结果 {} = {}，超过{}", listed_zh, N(sum), whole_zh),
            fmt::format("The outcomes the narrative lists sum to {}, more than the {} stated",
                        N(sum), N(most))));
      } else if (parts.size() == outcomes.size() - (format_ == ReportFormat::kLegacy2008)) {
        // Every outcome of the format is listed (the legacy state-secret item being a part
        // of 不予公开): the list is complete, so it must add up.
        reported.insert(used);
        out_.push_back(MakeFinding(
            core::Severity::kWarning, "text_outcomes_sum", used,
            fmt::format("正文所列办理结果 {} = {}，与{}不符", listed_zh, N(sum), whole_zh),
            fmt::format("The outcomes the narrative lists sum to {}, not the {} stated", N(sum),
                        N(most))));
      }
      return false;
    });
  }

  void StaffSum() {
    for (const auto& [_, sc] : sentences_) {
      const Statement* t = sc.One("text_staff_total");
      const Statement* f = sc.One("text_staff_full_time");
      const Statement* p = sc.One("text_staff_part_time");
      if (!t || !f || !p || std::fabs(t->value - f->value - p->value) <= kEpsilon) continue;
      out_.push_back(MakeFinding(
          core::Severity::kError, "text_staff_sum", {t, f, p},
          fmt::format("正文所述工作人员总数 {} ≠ 专职 {} + 兼职 {} = {}", N(t->value), N(f->value),
                      N(p->value), N(f->value + p->value)),
          fmt::format("The narrative states {} staff but {} full-time + {} part-time = {}",
                      N(t->value), N(f->value), N(p->value), N(f->value + p->value))));
    }
  }

  static bool RateAgrees(double stated, double computed) {
    const bool integer = std::fabs(stated - std::round(stated)) < 1e-9;
    const double step = integer ? 1.0 : 0.1;
    return std::fabs(computed - stated) <= step / 2 + 1e-9 ||
           (computed >= stated - 1e-9 && computed < stated + step);
  }

  void RateCounts() {
    for (const auto& [_, sc] : paragraphs_) {
      const Statement* rate = sc.One("text_rate_closed");
      const Statement* r = sc.One("text_applications_received");
      const Statement* c = sc.One(format_ == ReportFormat::kLegacy2008 ? "" : "text_closed");
      if (!rate || !r || !c || r->value <= 0) continue;
      const Statement* i = sc.One("text_carried_in");
      std::vector<double> rates = {c->value / r->value * 100.0};
      if (i != nullptr) rates.push_back(c->value / (r->value + i->value) * 100.0);
      if (std::any_of(rates.begin(), rates.end(),
                      [&](double x) { return RateAgrees(rate->value, x); })) {
        continue;
      }
      std::vector<const Statement*> used = {rate, c, r};
      if (i) used.push_back(i);
      out_.push_back(MakeFinding(
          core::Severity::kWarning, "text_rate_counts", used,
          fmt::format("正文称办结率{}%，而正文所述办结 {} ÷ 收到 {}{} = {:.1f}%", N(rate->value),
                      N(c->value), N(r->value), i ? fmt::format(" + 上年结转 {}", N(i->value)) : "",
                      rates.back()),
          fmt::format("The narrative states a closure rate of {}% but its counts give {:.1f}%",
                      N(rate->value), rates.back())));
    }
  }

  std::optional<double> CarriedOut(int* line) const {
    for (const Statement& s : statements_) {
      if (s.rule == "text_carried_out" && s.value > 0) {
        *line = s.line;
        return s.value;
      }
    }
    for (const Cell& c : cells_) {
      if (c.row != nullptr && c.row->id == "carried_out" && c.column != nullptr &&
          c.column->id == "total" && c.value.state == CellState::kNumber && c.value.number > 0) {
        *line = c.line;
        return c.value.number;
      }
    }
    return std::nullopt;
  }

  void AllClosed() {
    static constexpr std::string_view kPhrases[] = {"全部办结",     "均已办结",     "全部按时办结",
                                                    "全部按期办结", "均已按时办结", "全部办理完毕",
                                                    "均已办理完毕", "全部答复完毕", "均已答复完毕"};
    int carried_line = 0;
    const std::optional<double> carried = CarriedOut(&carried_line);
    if (!carried) return;
    for (const SourceLine& l : doc_.narrative) {
      for (std::string_view phrase : kPhrases) {
        const size_t p = l.text.find(phrase);
        if (p == std::string::npos) continue;
        // "上年结转的申请已全部办结" speaks of the carried-in requests only.
        const std::string_view head = std::string_view(l.text).substr(0, p);
        const size_t start = head.find_last_of("。；;");
        const std::string_view clause = head.substr(start == std::string_view::npos ? 0 : start);
        if (clause.find("结转") != std::string_view::npos ||
            clause.find("上年") != std::string_view::npos) {
          continue;
        }
        Finding f;
        f.severity = core::Severity::kWarning;
        f.rule = "text_all_closed";
        f.message_zh = fmt::format("正文称申请“{}”（第{}行），但有 {} 件结转下年度继续办理", phrase,
                                   l.line, N(*carried));
        f.message_en = fmt::format(
            "The narrative says every request was completed (line {}) but {} are carried over "
            "into next year",
            l.line, N(*carried));
        FindingCell fc;
        fc.table = "text";
        fc.line = l.line;
        f.cells.push_back(fc);
        f.lines = {l.line};
        if (carried_line > 0 && carried_line != l.line) f.lines.push_back(carried_line);
        std::sort(f.lines.begin(), f.lines.end());
        out_.push_back(std::move(f));
        return;
      }
    }
  }

  const Document& doc_;
  const std::vector<Statement>& statements_;
  ReportFormat format_;
  const std::vector<Cell>& cells_;
  std::map<int, Scope> sentences_, paragraphs_;
  std::vector<Finding> out_;
};

int ChineseNumber(std::u32string_view s) {
  static constexpr std::u32string_view kDigits = U"〇一二三四五六七八九";
  int value = 0, current = 0;
  for (char32_t c : s) {
    if (c == U'十') {
      value += (current == 0 ? 1 : current) * 10;
      current = 0;
    } else if (c >= U'0' && c <= U'9') {
      current = current * 10 + static_cast<int>(c - U'0');
    } else {
      const size_t p = kDigits.find(c);
      if (p == std::u32string_view::npos) return -1;
      current = static_cast<int>(p);
    }
  }
  return value + current;
}

// "本报告分为六个部分" / "共五部分": the stated number of parts, or -1.
int StatedParts(std::string_view text) {
  const std::u32string t = ToCodePoints(text);
  const size_t p = t.find(U"部分");
  if (p == std::u32string::npos || p == 0) return -1;
  size_t end = p;
  if (t[end - 1] == U'个') --end;
  static constexpr std::u32string_view kNumerals = U"〇一二三四五六七八九十";
  size_t begin = end;
  while (begin > 0 && (kNumerals.find(t[begin - 1]) != std::u32string_view::npos ||
                       (t[begin - 1] >= U'0' && t[begin - 1] <= U'9'))) {
    --begin;
  }
  if (begin == end || begin < 1) return -1;
  const std::u32string_view before = std::u32string_view(t).substr(0, begin);
  const bool stated = before.back() == U'共' ||
                      (before.size() >= 2 && (before.substr(before.size() - 2) == U"分为" ||
                                              before.substr(before.size() - 2) == U"包括" ||
                                              before.substr(before.size() - 2) == U"包含"));
  if (!stated) return -1;
  return ChineseNumber(std::u32string_view(t).substr(begin, end - begin));
}

void CheckParts(const Document& doc, std::vector<std::string>& notes) {
  int stated = -1, stated_line = 0;
  std::set<int> headings;
  for (const SourceLine& l : doc.narrative) {
    if (stated < 0 && l.text.find("报告") != std::string::npos) {
      stated = StatedParts(l.text);
      if (stated >= 0) stated_line = l.line;
    }
    const std::u32string t = ToCodePoints(l.text.substr(0, std::min<size_t>(l.text.size(), 12)));
    const size_t comma = t.find(U'、');
    if (comma != std::u32string::npos && comma > 0 && comma <= 2 && l.text.size() <= 120) {
      const int n = ChineseNumber(std::u32string_view(t).substr(0, comma));
      if (n > 0) headings.insert(n);
    }
  }
  if (stated <= 0 || headings.empty()) return;
  const int present = static_cast<int>(headings.size());
  if (present == stated) return;
  notes.push_back(fmt::format("正文称报告分为 {} 个部分（第{}行），实际有 {} 个部分标题（提示）",
                              stated, stated_line, present));
}

}  // namespace

std::vector<Finding> CheckNarrative(const Document& doc, const std::vector<Statement>& statements,
                                    ReportFormat format, const std::vector<Cell>& cells,
                                    std::vector<std::string>& notes) {
  CheckParts(doc, notes);
  return NarrativeChecker(doc, statements, format, cells).Run();
}

std::string StatedFiguresNote(const std::vector<Statement>& statements, ReportFormat format) {
  const std::vector<NarrativeRule>& rules = NarrativeRules(format);
  const std::vector<RateRule>& rates = RateRules(format);
  std::string list;
  std::set<std::string> seen;
  for (const Statement& s : statements) {
    if (!seen.insert(s.rule + "=" + FormatNumber(s.value)).second) continue;
    std::string_view what = s.rule;
    for (const NarrativeRule& r : rules) {
      if (r.id == s.rule) what = r.what_zh;
    }
    std::string unit;
    for (const RateRule& r : rates) {
      if (r.id == s.rule) {
        what = r.what_zh;
        unit = "%";
      }
    }
    list += fmt::format("{}{} {}{}{}", list.empty() ? "" : "；", what, FormatNumber(s.value),
                        s.approximate ? "余" : "", unit);
  }
  if (list.empty()) return "";
  return "正文所述数字：" + list;
}

}  // namespace gongkai::check
