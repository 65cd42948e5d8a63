#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/catalog.hpp"
#include "core/guide.hpp"
#include "demo/demo_items.hpp"
#include "demo/demo_state.hpp"

namespace gongkai::demo {
namespace {

using core::OrgKind;

constexpr size_t kItemBatch = 5000;
// The column audit's default limit (`gongkai audit columns`, the dashboard): a column with
// no stale limit of its own is stale after this many days without an update.
constexpr int kDefaultStaleDays = 90;
// Of the columns the freshness pass would update, this many are left to go stale and this
// many updated only just in time: the handful of honest findings of a working office.
constexpr int64_t kLeftStale = 3;
constexpr int64_t kDrifting = 4;

std::vector<int64_t> NormativeWeights(const DemoState& s) {
  std::vector<int64_t> w;
  for (const DemoOrg& o : s.orgs) {
    w.push_back(o.spec->kind == OrgKind::kDepartment ? o.spec->item_weight : 0);
  }
  return w;
}

// A version of the body's guide: the text composed from its records.
DraftItem Guide(const DemoState& s, DraftItem d) {
  const int year = d.item.published_on->year();
  d.item.title = s.orgs[d.org].name + "政府信息公开指南（" + Str(year) + "年版）";
  d.item.summary = "本机关政府信息公开指南，依据目录栏目、受理点、查阅点和联系方式记录编制";
  d.item.body_md = s.guide_text[d.org];
  return d;
}

std::optional<Cat> CatOf(std::string_view path) {
  for (int c = 0; c <= static_cast<int>(Cat::kAnnualReport); ++c) {
    if (path == CategoryPath(static_cast<Cat>(c))) return static_cast<Cat>(c);
  }
  return std::nullopt;
}

void Redate(DraftItem& d, Date on) {
  d.item.published_on = on;
  d.item.formed_on = std::min(d.item.formed_on, on);
  for (auto& c : d.item.channels) c.published_on = on;
}

// Today's year: every column a body uses (or must have) gets an update within its stale
// limit, as a working office keeps its catalog current (条例 第十二条) — except a handful.
void Freshen(DemoState& s, ItemFactory& factory, std::vector<DraftItem>& drafts,
             std::vector<int>& seq) {
  const int year = s.today.year();
  auto latest = s.latest;
  for (const DraftItem& d : drafts) {
    if (d.item.state != core::ItemState::kPublished) continue;
    Date& l = latest[{d.org, d.item.category}];
    l = std::max(l, *d.item.published_on);
  }
  struct Due {
    size_t org;
    Cat cat;
    int limit;
  };
  std::vector<Due> due;
  for (size_t o = 0; o < s.orgs.size(); ++o) {
    for (const core::CatalogCategory& col : core::DefaultCatalog(s.orgs[o].spec->kind)) {
      std::optional<Cat> cat = CatOf(col.path);
      if (!cat) continue;
      const int limit = col.stale_days > 0 ? col.stale_days : kDefaultStaleDays;
      auto it = latest.find({o, col.path});
      if (it == latest.end() && !col.mandatory) continue;
      if (it != latest.end() && s.today - it->second < limit - 20) continue;
      due.push_back({o, *cat, limit});
    }
  }
  int64_t leave = kLeftStale, drift = kDrifting;
  const Date year_start = YearStart(year);
  for (size_t i = 0; i < due.size(); ++i) {
    const Due& k = due[i];
    const auto remaining = static_cast<int64_t>(due.size() - i);
    if (leave > 0 && s.rng.Below(remaining) < leave) {
      --leave;
      continue;
    }
    DraftItem d = factory.Make(k.org, year, k.cat, seq[k.org]++);
    Date on = s.days.Random(
        s.rng, std::max(year_start, s.today.AddDays(-std::min(45, k.limit / 2))), s.today);
    if (drift > 0 && s.rng.Below(remaining) < drift) {
      Date close = s.days.OnOrAfter(s.today.AddDays(-(k.limit - s.rng.Int(5, 15))));
      if (close >= year_start && close <= s.today) {
        on = close;
        --drift;
      }
    }
    Redate(d, on);
    drafts.push_back(k.cat == Cat::kGuide ? Guide(s, std::move(d)) : std::move(d));
  }
}

}  // namespace

core::Status GenerateItems(DemoState& s, int year) {
  ItemFactory factory(s.rng, s.days, s.orgs);
  const bool this_year = year == s.today.year();
  std::vector<DraftItem> drafts;
  drafts.reserve(21000);
  std::vector<int> seq(s.orgs.size(), 0);
  auto add = [&](DraftItem d) { drafts.push_back(std::move(d)); };

  // The bulk: ~19,500-20,700 a year over the bodies by weight.
  const int64_t target = s.Scaled(19300 + s.rng.Below(1200), year);
  int64_t weight_sum = 0;
  for (int64_t w : s.item_weights) weight_sum += w;
  for (size_t o = 0; o < s.orgs.size(); ++o) {
    int64_t n = target * s.item_weights[o] * s.rng.Between(85, 115) / (weight_sum * 100);
    for (int64_t k = 0; k < n; ++k) {
      Cat cat = factory.RandomCategory();
      if (cat == Cat::kFunctions && s.rng.Chance(0.5)) cat = Cat::kNews;
      add(factory.Make(o, year, cat, seq[o]++));
    }
  }
  // Yearly documents every body publishes.
  for (size_t o = 0; o < s.orgs.size(); ++o) {
    DraftItem report = factory.Make(o, year, Cat::kAnnualReport, seq[o]++);
    Date on = s.days.RandomInMonths(s.rng, year, 1, 3);
    report.item.published_on = on;
    report.item.formed_on = on;
    for (auto& c : report.item.channels) c.published_on = on;
    add(std::move(report));
    if (year == s.options.first_year || year == 2019 || s.rng.Chance(0.1)) {
      add(Guide(s, factory.Make(o, year, Cat::kGuide, seq[o]++)));
    }
  }
  // Root documents: the work report, the statistical bulletin, rules, leaders.
  {
    DraftItem report = factory.Make(0, year, Cat::kWorkReport, seq[0]++);
    report.item.title = Str(year) + "年青溪市人民政府工作报告";
    add(std::move(report));
    if (year == s.options.first_year || year == 2019 || year == 2021) {
      for (const char* title :
           {"青溪市政府信息公开保密审查制度", "青溪市依申请公开政府信息工作规程",
            "青溪市政府信息公开工作考核办法"}) {
        DraftItem rule = factory.Make(0, year, Cat::kRules, seq[0]++);
        rule.item.title = title;
        add(std::move(rule));
      }
      DraftItem leaders = factory.Make(0, year, Cat::kLeaders, seq[0]++);
      leaders.item.title = "青溪市人民政府领导工作分工（" + Str(year) + "年）";
      add(std::move(leaders));
    }
    for (size_t o = 0; o < s.orgs.size(); ++o) {
      if (std::string_view(s.orgs[o].spec->code) != "TJJ") continue;
      DraftItem bulletin = factory.Make(o, year, Cat::kEconomy, seq[o]++);
      bulletin.item.title = "青溪市" + Str(year - 1) + "年国民经济和社会发展统计公报";
      add(std::move(bulletin));
    }
  }
  // 行政规范性文件 (~50 a year, as in the seed) and the odd provincial 规章.
  std::vector<size_t> normative_of_root;
  WeightedPicker normative_orgs(NormativeWeights(s));
  const int64_t normatives = s.Scaled(s.rng.Int(42, 66), year);
  for (int64_t k = 0; k < normatives; ++k) {
    size_t o = s.rng.Chance(0.4) ? 0 : normative_orgs.Pick(s.rng);
    DraftItem d = factory.MakeNormative(o, year, seq[o]++);
    SetValidity(d.item, s.rng, s.today);
    add(std::move(d));
  }
  for (int k = s.rng.Int(0, 2); k > 0; --k) add(factory.MakeRegulation(0, year, seq[0]++));
  // Some notices with a 文号 lapse too.
  for (auto& d : drafts) {
    if (!d.doc_prefix.empty() && !d.item.is_normative && s.rng.Chance(0.15)) {
      SetValidity(d.item, s.rng, s.today);
    }
  }

  if (this_year) Freshen(s, factory, drafts, seq);
  for (const DraftItem& d : drafts) {
    Date& latest = s.latest[{d.org, d.item.category}];
    latest = std::max(latest, *d.item.published_on);
  }

  // Ids follow publication order (the portal walks newest-first by id); the key is unique,
  // so the order does not depend on the sort algorithm.
  std::sort(drafts.begin(), drafts.end(), [](const DraftItem& a, const DraftItem& b) {
    return std::tie(*a.item.published_on, a.org, a.seq) <
           std::tie(*b.item.published_on, b.org, b.seq);
  });
  std::vector<int> serial(s.orgs.size(), 0);
  std::map<std::string, int> doc_serial;
  std::string y = Str(year);
  for (auto& d : drafts) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%05d", ++serial[d.org]);
    d.item.index_no = s.orgs[d.org].code + "/" + y + "-" + buf;
    if (!d.doc_prefix.empty()) {
      d.item.doc_no = d.doc_prefix + "〔" + y + "〕" + Str(++doc_serial[d.doc_prefix]) + "号";
    }
  }

  // Withdrawn: a few, keeping their 索引号 (never reused).
  if (this_year) {
    // News only: no column is emptied by it.
    for (int k = 0; k < 3 && !drafts.empty(); ++k) {
      auto& d = drafts[static_cast<size_t>(s.rng.Below(static_cast<int64_t>(drafts.size())))];
      if (d.item.category == CategoryPath(Cat::kNews)) d.item.state = core::ItemState::kWithdrawn;
    }
  }

  std::vector<core::Item> batch;
  batch.reserve(kItemBatch);
  s.year_items.clear();
  for (size_t i = 0; i < drafts.size(); ++i) {
    batch.push_back(std::move(drafts[i].item));
    if (batch.size() == kItemBatch || i + 1 == drafts.size()) {
      GONGKAI_RETURN_IF_ERROR(s.repos.items().InsertMany(batch));
      for (const auto& it : batch) {
        if (it.is_normative && it.state == core::ItemState::kPublished) {
          s.year_items.push_back({it.id, it.org_id, *it.published_on});
        }
      }
      s.summary.items += static_cast<int64_t>(batch.size());
      batch.clear();
    }
  }
  return core::Status::Ok();
}

}  // namespace gongkai::demo
