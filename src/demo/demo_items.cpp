#include "demo/demo_items.hpp"

#include <algorithm>
#include <iterator>

namespace gongkai::demo {
namespace {

using core::OrgKind;

constexpr const char* kHolidays[] = {"元旦",   "春节",   "清明节", "劳动节",
                                     "端午节", "中秋节", "国庆节"};
constexpr const char* kHazards[] = {"暴雨洪涝", "森林火灾", "低温雨雪冰冻",
                                    "高温干旱", "地质灾害", "强对流天气"};
constexpr const char* kSeasons[] = {"汛期", "冬春季", "节假日期间", "夏季", "秋冬季"};

// Categories of the bulk of items, weighted (per mille) as portals of such cities look.
constexpr std::pair<Cat, int> kCategoryWeights[] = {
    {Cat::kNews, 400},       {Cat::kNotices, 220},    {Cat::kServices, 60},
    {Cat::kLicensing, 50},   {Cat::kProcurement, 40}, {Cat::kMajorMatters, 40},
    {Cat::kEconomy, 30},     {Cat::kBudget, 30},      {Cat::kEmergency, 30},
    {Cat::kRecruitment, 20}, {Cat::kSupervision, 20}, {Cat::kLaws, 20},
    {Cat::kPersonnel, 15},   {Cat::kFunctions, 5},
};

}  // namespace

const char* CategoryPath(Cat c) {
  switch (c) {
    case Cat::kLeaders:
      return "法定主动公开内容/政府领导";
    case Cat::kFunctions:
      return "法定主动公开内容/政府机构职能";
    case Cat::kLaws:
      return "法定主动公开内容/法律法规规范性文件";
    case Cat::kWorkReport:
      return "法定主动公开内容/政府工作报告";
    case Cat::kEconomy:
      return "法定主动公开内容/国民经济和社会发展";
    case Cat::kProcurement:
      return "法定主动公开内容/政府集中采购项目";
    case Cat::kLicensing:
      return "法定主动公开内容/行政许可项目";
    case Cat::kMajorMatters:
      return "法定主动公开内容/涉及人民群众切身利益的重大事项";
    case Cat::kPersonnel:
      return "法定主动公开内容/人事任免";
    case Cat::kBudget:
      return "法定主动公开内容/财政预算决算报告";
    case Cat::kRecruitment:
      return "法定主动公开内容/事业单位人员招考";
    case Cat::kNotices:
      return "法定主动公开内容/通知公告";
    case Cat::kNews:
      return "法定主动公开内容/工作动态";
    case Cat::kRules:
      return "政府信息公开制度";
    case Cat::kGuide:
      return "政府信息公开指南";
    case Cat::kSupervision:
      return "法定主动公开内容/公众监督";
    case Cat::kServices:
      return "法定主动公开内容/公共服务";
    case Cat::kEmergency:
      return "法定主动公开内容/应急管理";
    case Cat::kAnnualReport:
      return "政府信息公开年报";
  }
  return "";
}

ItemFactory::ItemFactory(Rng& rng, WorkingDays& days, const std::vector<DemoOrg>& orgs)
    : rng_(rng), days_(days), orgs_(orgs) {
  std::vector<int64_t> weights;
  for (const auto& [cat, weight] : kCategoryWeights) weights.push_back(weight);
  categories_ = std::make_unique<WeightedPicker>(weights);
}

Cat ItemFactory::RandomCategory() { return kCategoryWeights[categories_->Pick(rng_)].first; }

// The subject of an item: the body's own work mostly, a city-wide one otherwise.
std::string ItemFactory::Subject(size_t org, int year, bool own_work) {
  if (own_work || rng_.Chance(0.65)) return rng_.Pick(orgs_[org].domains);
  for (;;) {
    const GeneralTopic& t = rng_.Pick(GeneralTopics());
    if ((t.from == 0 || year >= t.from) && (t.to == 0 || year <= t.to)) return t.text;
  }
}

DraftItem ItemFactory::Make(size_t org, int year, Cat cat, int seq) {
  DraftItem d;
  d.org = org;
  d.seq = seq;
  core::Item& it = d.item;
  const DemoOrg& o = orgs_[org];
  it.org_id = o.id;
  it.publisher = o.name;
  it.topic = o.spec->topic;
  it.category = CategoryPath(cat);
  it.disclosure_mode = "主动公开";
  it.state = core::ItemState::kPublished;
  Date published = days_.RandomInYear(rng_, year);
  it.published_on = published;
  it.formed_on = published.AddDays(-static_cast<int32_t>(rng_.Below(rng_.Chance(0.6) ? 1 : 8)));
  it.title = Title(d, cat, year, published);
  if (cat == Cat::kBudget || cat == Cat::kWorkReport) {
    // Budgets go out in spring after the people's congress, final accounts in summer.
    const bool accounts = it.title.find("决算") != std::string::npos;
    published = accounts ? days_.RandomInMonths(rng_, year, 7, 9)
                         : days_.RandomInMonths(rng_, year, 1, cat == Cat::kWorkReport ? 2 : 4);
    it.published_on = published;
    it.formed_on = published.AddDays(-static_cast<int32_t>(rng_.Below(5)));
  }
  it.summary = o.name + "发布：" + it.title;
  it.body_md = "# " + it.title + "\n\n" + o.name + "，" + published.ToIso() +
               "。\n\n（青溪市为虚构城市，本条为演示数据。）\n";
  AddChannels(it, published, year);
  return d;
}

// A 行政规范性文件 (normative document) of `org`.
DraftItem ItemFactory::MakeNormative(size_t org, int year, int seq) {
  DraftItem d = Make(org, year, Cat::kLaws, seq);
  const DemoOrg& o = orgs_[org];
  static constexpr const char* kForms[] = {"管理办法", "实施细则", "实施办法", "若干规定",
                                           "管理暂行办法"};
  std::string subject = rng_.Pick(o.domains);
  d.item.title = rng_.Chance(0.75)
                     ? o.name + "关于印发《" + kCity + subject + rng_.Pick(kForms) + "》的通知"
                     : o.name + "关于进一步加强" + subject + "工作的意见";
  d.item.is_normative = true;
  d.doc_prefix = o.spec->doc_prefix;
  d.item.formed_on = d.item.published_on->AddDays(-rng_.Int(3, 20));
  if (o.spec->kind == OrgKind::kGovernment || std::string_view(o.spec->code) == "ZFB") {
    Date gazette = d.item.published_on->AddDays(rng_.Int(10, 40));
    if (gazette <= days_.last()) d.item.channels.push_back({core::Channel::kGazette, gazette});
  }
  return d;
}

// A 规章 of the province, republished by the city government.
DraftItem ItemFactory::MakeRegulation(size_t root, int year, int seq) {
  DraftItem d = Make(root, year, Cat::kLaws, seq);
  d.item.title = orgs_[root].name + "关于转发《省" +
                 rng_.Pick(orgs_[rng_.Below(static_cast<int64_t>(orgs_.size()))].domains) +
                 "管理办法》（省人民政府令第" + Str(rng_.Int(250, 330)) + "号）的通知";
  d.item.is_regulation = true;
  d.doc_prefix = "青政函";
  return d;
}

std::string ItemFactory::Title(DraftItem& d, Cat cat, int year, Date published) {
  const DemoOrg& o = orgs_[d.org];
  const std::string& org = o.name;
  const bool is_root = o.spec->kind == OrgKind::kGovernment;
  // Permits, purchases and services concern the body's own work; news anything current.
  const bool own_work = cat == Cat::kLicensing || cat == Cat::kProcurement || cat == Cat::kServices;
  std::string s = Subject(d.org, year, own_work);
  std::string y = Str(year);
  std::string month = Str(static_cast<int>(published.month()));
  switch (cat) {
    case Cat::kNews:
      switch (rng_.Below(9)) {
        case 0:
          return org + "召开" + s + "工作推进会";
        case 1:
          return org + "部署" + y + "年" + s + "工作";
        case 2:
          return org + "开展" + s + "专项检查";
        case 3:
          return is_root ? "市领导调研" + s + "工作" : org + "主要负责人调研" + s + "工作";
        case 4:
          return org + "扎实推进" + s + "工作";
        case 5:
          return org + "召开" + y + "年" + s + "工作会议";
        case 6:
          return org + "组织开展" + s + "宣传活动";
        case 7:
          return org + s + "工作取得阶段性成效";
        default:
          return org + "召开" + s + "专题培训会";
      }
    case Cat::kNotices:
      if (rng_.Chance(0.3)) d.doc_prefix = is_root ? "青政函" : o.spec->doc_prefix;
      switch (rng_.Below(6)) {
        case 0:
          return org + "关于做好" + y + "年" + s + "工作的通知";
        case 1:
          return org + "关于开展" + s + (s.ends_with("整治") ? "行动的通知" : "专项整治行动的通知");
        case 2:
          return org + "关于" + s + "有关事项的公告";
        case 3:
          return org + "关于印发《" + y + "年" + s + "工作方案》的通知";
        case 4:
          return org + "关于" + y + "年" + rng_.Pick(kHolidays) + "放假安排的通知";
        default:
          return org + "关于公布" + y + "年" + s + "工作检查结果的公告";
      }
    case Cat::kLaws:
      switch (rng_.Below(3)) {
        case 0:
          return org + "关于转发《" + s + "条例》的通知";
        case 1:
          return "《" + std::string(kCity) + s + "管理办法》政策解读";
        default:
          return org + s + "相关法律法规汇编";
      }
    case Cat::kPersonnel:
      d.doc_prefix = o.spec->doc_prefix;
      return rng_.Chance(0.6)
                 ? org + "关于" + y + "年第" + Str(rng_.Int(1, 8)) + "批干部任免的通知"
                 : org + "拟任干部任前公示（" + y + "年第" + Str(rng_.Int(1, 5)) + "批）";
    case Cat::kBudget:
      if (is_root && rng_.Chance(0.3)) {
        return "关于青溪市" + Str(year - 1) + "年预算执行情况与" + y + "年预算草案的报告";
      }
      switch (rng_.Below(3)) {
        case 0:
          return org + y + "年部门预算公开";
        case 1:
          return org + Str(year - 1) + "年部门决算公开";
        default:
          return org + Str(year - 1) + "年度“三公”经费决算公开";
      }
    case Cat::kRecruitment:
      switch (rng_.Below(3)) {
        case 0:
          return y + "年" + org + "所属事业单位公开招聘工作人员公告";
        case 1:
          return y + "年" + org + "公开招聘工作人员拟聘用人员名单公示";
        default:
          return y + "年" + org + "公开招聘工作人员笔试成绩公告";
      }
    case Cat::kProcurement:
      switch (rng_.Below(4)) {
        case 0:
          return org + s + "相关服务项目采购公告";
        case 1:
          return org + s + "相关服务项目中标（成交）结果公告";
        case 2:
          return org + s + "相关服务项目更正公告";
        default:
          return org + y + "年" + s + "服务采购项目竞争性磋商公告";
      }
    case Cat::kLicensing:
      switch (rng_.Below(3)) {
        case 0:
          return org + y + "年" + month + "月行政许可事项办理结果公示";
        case 1:
          return org + "行政许可事项清单（" + y + "年版）";
        default:
          return org + "关于" + s + "行政许可的批复";
      }
    case Cat::kEconomy:
      switch (rng_.Below(3)) {
        case 0:
          return y + "年" + month + "月青溪市主要经济指标";
        case 1:
          return org + y + "年" + s + "工作计划";
        default:
          return org + y + "年上半年工作总结及下半年工作安排";
      }
    case Cat::kMajorMatters:
      switch (rng_.Below(4)) {
        case 0:
          return org + "关于" + s + "项目征收土地补偿安置方案的公告";
        case 1:
          return "青溪市" + y + "年重点民生实事项目进展情况（" + s + "）";
        case 2:
          return org + "关于" + s + "的听证公告";
        default:
          return org + y + "年" + s + "资金发放情况公示";
      }
    case Cat::kSupervision:
      switch (rng_.Below(3)) {
        case 0:
          return org + "关于" + y + "年第" + Str(rng_.Int(1, 4)) + "季度" + s + "督查情况的通报";
        case 1:
          return org + y + "年" + s + "问题整改情况公示";
        default:
          return org + "关于" + y + "年度政务服务“好差评”情况的通报";
      }
    case Cat::kServices:
      switch (rng_.Below(3)) {
        case 0:
          return s + "办事指南";
        case 1:
          return org + s + "服务事项公开";
        default:
          return org + s + "服务热线及办理流程";
      }
    case Cat::kEmergency:
      switch (rng_.Below(3)) {
        case 0:
          return org + "关于做好" + y + "年" + rng_.Pick(kSeasons) + rng_.Pick(kHazards) +
                 "防范应对工作的紧急通知";
        case 1:
          return org + rng_.Pick(kHazards) + "应急预案";
        default:
          return org + "关于" + y + "年" + rng_.Pick(kHazards) + "应急演练情况的通报";
      }
    case Cat::kFunctions:
      switch (rng_.Below(3)) {
        case 0:
          return org + "主要职责";
        case 1:
          return org + "内设机构及职能";
        default:
          return org + "领导班子成员分工";
      }
    case Cat::kLeaders:
      return org + "领导工作分工";
    case Cat::kWorkReport:
      return y + "年" + org + "工作报告";
    case Cat::kRules:
      return org + "政府信息公开工作制度";
    case Cat::kGuide:
      return org + "政府信息公开指南";
    case Cat::kAnnualReport:
      return org + Str(year - 1) + "年政府信息公开工作年度报告";
  }
  return org;
}

// Every item goes out on at least one channel, almost always the website.
void ItemFactory::AddChannels(core::Item& it, Date published, int year) {
  // Never after today: a later channel date is clamped to it.
  auto later = [&](int max_days) {
    return std::min(published.AddDays(rng_.Int(0, max_days)), days_.last());
  };
  if (rng_.Chance(0.995)) it.channels.push_back({core::Channel::kWebsite, published});
  if (rng_.Chance(0.025)) it.channels.push_back({core::Channel::kWeibo, later(1)});
  if (rng_.Chance(0.09)) it.channels.push_back({core::Channel::kWechat, later(1)});
  if (year >= 2018 && rng_.Chance(0.05)) it.channels.push_back({core::Channel::kApp, later(2)});
  if (rng_.Chance(0.012) || it.channels.empty()) {
    it.channels.push_back({core::Channel::kOther, later(3)});  // 公开栏, 电子显示屏
  }
}

void SetValidity(core::Item& it, Rng& rng, Date data_end) {
  Date published = *it.published_on;
  double roll = rng.Unit();
  if (roll < 0.35) {
    Date expiry = published.AddDays(rng.Chance(0.5) ? 365 * 5 : 365 * 3);
    if (expiry <= data_end) {
      it.validity = core::Validity::kExpired;
      it.validity_changed_on = expiry;
    }
  } else if (roll < 0.45) {
    Date repeal = published.AddDays(rng.Int(200, 2500));
    if (repeal <= data_end) {
      it.validity = core::Validity::kRepealed;
      it.validity_changed_on = repeal;
    }
  }
}

}  // namespace gongkai::demo
