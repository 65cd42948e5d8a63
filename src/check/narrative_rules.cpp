#include "check/narrative_rules.hpp"

namespace gongkai::check {
namespace {

using core::ReportFormat;

const Words kCount = {"件", "条"};
const Words kPeople = {"人", "名"};

std::vector<NarrativeRule> LegacyRules() {
  return {
      {"text_applications_received",
       "受理/收到的政府信息公开申请",
       {"申请"},
       {"受理", "收到", "接到"},
       {"办结", "答复", "咨询", "不予", "不能", "率"},
       kCount,
       {"L3_1:value"}},
      {"text_disclosed",
       "同意公开的申请",
       {},
       {"全面公开", "同意公开", "予以公开", "全部公开"},
       {"部分", "主动公开范围"},
       {"件"},
       {"L3_3_2:value", "L3_3_1:value+L3_3_2:value"}},
      {"text_state_secret",
       "涉及国家秘密不予公开的申请",
       {},
       {"国家秘密", "国家机密"},
       {},
       {"件"},
       {"L3_3_4a:value"}},
      {"text_partially_disclosed",
       "同意部分公开的申请",
       {"部分公开"},
       {},
       {},
       {"件"},
       {"L3_3_3:value"}},
      {"text_refused",
       "不同意公开的申请",
       {},
       {"不予公开", "不同意公开", "不能公开", "不公开"},
       {"部分", "国家秘密", "国家机密"},
       {"件"},
       {"L3_3_4:value"}},
      {"text_unavailable",
       "信息不存在或不属于本机关公开的申请",
       {},
       {"信息不存在", "不属于本", "非本机关", "无法提供", "不掌握"},
       {},
       {"件"},
       {"L3_3_5:value+L3_3_6:value", "L3_3_6:value", "L3_3_5:value"}},
      {"text_staff_total",
       "从事政府信息公开工作的人员",
       {"人员"},
       {"总数", "工作人员", "共有"},
       {"专职", "兼职", "培训", "参加"},
       kPeople,
       {"L8_3:value"}},
      {"text_staff_full_time", "专职人员", {"专职"}, {}, {"兼职"}, kPeople, {"L8_3_1:value"}},
      {"text_staff_part_time", "兼职人员", {"兼职"}, {}, {"专职"}, kPeople, {"L8_3_2:value"}},
      {"text_budget",
       "政府信息公开专项经费",
       {"经费"},
       {"专项", "工作经费"},
       {},
       {"万元"},
       {"L8_4:value"}},
      {"text_meetings",
       "政府信息公开工作会议",
       {"会议"},
       {"召开", "举行", "组织"},
       {"培训"},
       {"次", "场"},
       {"L9_1:value"}},
      {"text_training_sessions",
       "培训班",
       {"培训班"},
       {},
       {},
       {"期", "次", "个", "场"},
       {"L9_2:value"}},
      {"text_trainees", "接受培训人员", {"培训"}, {}, {"班"}, {"人次"}, {"L9_3:value"}},
      {"text_items_total",
       "主动公开政府信息",
       {},
       {"公开总数", "公开信息总数", "主动公开政府信息", "主动公开信息"},
       {"报送", "采用", "微博", "微信", "访问", "规范性文件"},
       {"条"},
       {"L1_1:value", "L1_2_2:value"}},
      {"text_weibo_weixin",
       "政务微博、微信发布的信息",
       {"微博", "微信"},
       {},
       {"回应", "粉丝"},
       {"条"},
       {"L1_2_3:value+L1_2_4:value"}},
      {"text_weibo",
       "政务微博发布的信息",
       {"微博"},
       {},
       {"微信", "回应", "粉丝"},
       {"条"},
       {"L1_2_3:value"}},
      {"text_weixin",
       "政务微信发布的信息",
       {"微信"},
       {},
       {"微博", "回应", "粉丝"},
       {"条"},
       {"L1_2_4:value"}},
      {"text_normative_docs",
       "主动公开的规范性文件",
       {"规范性文件"},
       {"公开"},
       {"制发", "印发"},
       {"件", "条"},
       {"L1_1a:value"}},
      {"text_complaints",
       "举报投诉",
       {},
       {"投诉", "举报"},
       {"咨询"},
       {"件", "起", "条"},
       {"L6:value"}},
      {"text_review_and_litigation",
       "行政复议和行政诉讼",
       {"复议", "诉讼"},
       {},
       {},
       {"起", "件"},
       {"L4:value+L5:value"},
       true},
      {"text_review", "行政复议", {"复议"}, {}, {"诉讼"}, {"起", "件"}, {"L4:value"}, true},
      {"text_litigation", "行政诉讼", {"诉讼"}, {}, {"复议"}, {"起", "件"}, {"L5:value"}, true},
      {"text_fees",
       "依申请公开收取的费用",
       {},
       {"收费", "收取费用", "收取的费用"},
       {"减免"},
       {"万元"},
       {"L7:value"},
       true},
      {"text_press_conferences",
       "新闻发布会",
       {"新闻发布会"},
       {},
       {"负责"},
       {"次", "场"},
       {"L2_2_1:value"}},
      {"text_interpretations", "政策解读稿件", {"解读"}, {}, {}, {"篇"}, {"L2_2_3:value"}},
  };
}

std::vector<RateRule> LegacyRates() {
  return {
      {"text_rate_closed_on_time", "按时办结率", {"按时办结率"}, {}, "L3_2_1:value", "L3_2:value"},
      {"text_rate_closed", "办结率", {"办结率"}, {"按时办结率"}, "L3_2:value", "L3_1:value"},
  };
}

std::vector<NarrativeRule> NewFormatRules(ReportFormat format) {
  std::vector<NarrativeRule> rules = {
      {"text_applications_received",
       "本年新收的政府信息公开申请",
       {"申请"},
       {"受理", "收到", "新收", "接到"},
       {"办结", "答复", "咨询", "结转", "不予", "率"},
       kCount,
       {"new_received:total", "new_received:total+carried_in:total"}},
      {"text_carried_in", "上年结转的申请", {"上年结转"}, {}, {}, {"件"}, {"carried_in:total"}},
      {"text_closed", "办结的申请", {"办结"}, {}, {"率", "结转"}, {"件"}, {"r7_total:total"}},
      {"text_carried_out",
       "结转下年度的申请",
       {},
       {"结转下年", "结转至下", "结转到下", "转入下"},
       {},
       {"件"},
       {"carried_out:total"}},
      {"text_disclosed",
       "予以公开的申请",
       {},
       {"予以公开", "同意公开", "全部公开", "全面公开"},
       {"部分", "主动公开"},
       {"件"},
       {"r1_open:total"}},
      {"text_partially_disclosed",
       "部分公开的申请",
       {"部分公开"},
       {},
       {},
       {"件"},
       {"r2_partial:total"}},
      {"text_refused",
       "不予公开的申请",
       {},
       {"不予公开", "不同意公开", "不能公开"},
       {"部分"},
       {"件"},
       {"r3_1:total+r3_2:total+r3_3:total+r3_4:total+r3_5:total+r3_6:total+r3_7:total+"
        "r3_8:total"}},
      {"text_unavailable",
       "无法提供的申请",
       {},
       {"无法提供", "信息不存在", "不掌握"},
       {},
       {"件"},
       {"r4_1:total+r4_2:total+r4_3:total"}},
      {"text_not_processed",
       "不予处理的申请",
       {"不予处理"},
       {},
       {},
       {"件"},
       {"r5_1:total+r5_2:total+r5_3:total+r5_4:total+r5_5:total"}},
      {"text_review_and_litigation",
       "行政复议和行政诉讼",
       {"复议", "诉讼"},
       {},
       {"复议后"},
       {"起", "件"},
       {"cases:review_total+cases:lit_direct_total+cases:lit_after_review_total"},
       true},
      {"text_review",
       "行政复议",
       {"复议"},
       {},
       {"诉讼"},
       {"起", "件"},
       {"cases:review_total"},
       true},
      {"text_litigation",
       "行政诉讼",
       {"诉讼"},
       {},
       {"复议"},
       {"起", "件"},
       {"cases:lit_direct_total+cases:lit_after_review_total"},
       true},
  };
  rules.push_back({"text_other_outcome",
                   "其他处理的申请",
                   {"其他处理"},
                   {},
                   {},
                   {"件"},
                   {format == ReportFormat::kFormat2021 ? "r6_1:total+r6_2:total+r6_3:total"
                                                        : "r6_other:total"}});
  if (format == ReportFormat::kFormat2021) {
    rules.push_back({"text_normative_docs_made",
                     "本年制发的行政规范性文件",
                     {"规范性文件"},
                     {"制发", "印发", "出台"},
                     {"废止", "现行有效"},
                     {"件"},
                     {"normative_docs:made"}});
    rules.push_back({"text_normative_docs_repealed",
                     "本年废止的行政规范性文件",
                     {"规范性文件", "废止"},
                     {},
                     {"制发", "现行有效"},
                     {"件"},
                     {"normative_docs:repealed"}});
    rules.push_back({"text_normative_docs_valid",
                     "现行有效的行政规范性文件",
                     {"规范性文件", "现行有效"},
                     {},
                     {"制发", "废止"},
                     {"件"},
                     {"normative_docs:valid"}});
  }
  return rules;
}

std::vector<RateRule> NewFormatRates() {
  return {
      {"text_rate_closed",
       "办结率",
       {"办结率"},
       {"按时办结率"},
       "r7_total:total",
       "new_received:total+carried_in:total"},
  };
}

}  // namespace

const std::vector<NarrativeRule>& NarrativeRules(ReportFormat format) {
  static const auto* const kLegacy = new std::vector<NarrativeRule>(LegacyRules());
  static const auto* const k2019 =
      new std::vector<NarrativeRule>(NewFormatRules(ReportFormat::kTrial2019));
  static const auto* const k2021 =
      new std::vector<NarrativeRule>(NewFormatRules(ReportFormat::kFormat2021));
  switch (format) {
    case ReportFormat::kLegacy2008:
      return *kLegacy;
    case ReportFormat::kTrial2019:
      return *k2019;
    case ReportFormat::kFormat2021:
      return *k2021;
  }
  return *k2021;
}

const std::vector<RateRule>& RateRules(ReportFormat format) {
  static const auto* const kLegacy = new std::vector<RateRule>(LegacyRates());
  static const auto* const kNew = new std::vector<RateRule>(NewFormatRates());
  return format == ReportFormat::kLegacy2008 ? *kLegacy : *kNew;
}

}  // namespace gongkai::check
