#include "core/report_format.hpp"

#include <array>

namespace gongkai::core {
namespace {

using Ids = std::vector<std::string_view>;

ColumnDef Col(std::string_view id, std::string_view label, std::string_view parent = {},
              std::string_view group = {}) {
  ColumnDef c;
  c.id = id;
  c.label = label;
  c.parent = parent;
  c.group = group;
  return c;
}

RowDef Row(std::string_view id, std::string_view label, std::string_view parent, bool data,
           int number = 0) {
  RowDef r;
  r.id = id;
  r.label = label;
  r.parent = parent;
  r.data = data;
  r.number = number;
  return r;
}

RowDef Legacy(std::string_view id, std::string_view label, std::string_view unit,
              std::string_view unit_source, std::string_view parent, bool data,
              std::string_view label_seed, std::string_view variant = {}) {
  RowDef r;
  r.id = id;
  r.label = label;
  r.unit = unit;
  r.unit_source = unit_source;
  r.parent = parent;
  r.data = data;
  r.label_seed = label_seed;
  r.label_variant = variant;
  return r;
}

RuleDef Rule(std::string_view id, RuleKind kind, std::string_view status, Severity severity,
             std::string_view table, Ids lhs, Ids rhs, std::string_view text = {}) {
  RuleDef r;
  r.id = id;
  r.kind = kind;
  r.status = status;
  r.severity = severity;
  r.table = table;
  r.lhs = std::move(lhs);
  r.rhs = std::move(rhs);
  r.text = text;
  return r;
}

const std::vector<std::string_view> kSections = {
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
};

// ---- table 二 ------------------------------------------------------------------------

TableDef Table2Format2021() {
  TableDef t;
  t.id = "table2";
  t.title = "二、主动公开政府信息情况";
  t.row_header_label = "信息内容";
  ColumnDef fee = Col("fee_amount", "本年收费金额（单位：万元）");
  fee.kind = ValueKind::kDecimal;
  fee.unit = "万元";
  t.blocks = {
      {"art20_1",
       "第二十条第（一）项",
       {Col("made", "本年制发件数"), Col("repealed", "本年废止件数"), Col("valid", "现行有效件数")},
       {"regulations", "normative_docs"}},
      {"art20_5", "第二十条第（五）项", {Col("decisions", "本年处理决定数量")}, {"licensing"}},
      {"art20_6",
       "第二十条第（六）项",
       {Col("decisions", "本年处理决定数量")},
       {"punishment", "coercion"}},
      {"art20_8", "第二十条第（八）项", {fee}, {"admin_fees"}},
  };
  const std::array<std::array<std::string_view, 3>, 6> rows = {{
      {"regulations", "规章", "art20_1"},
      {"normative_docs", "行政规范性文件", "art20_1"},
      {"licensing", "行政许可", "art20_5"},
      {"punishment", "行政处罚", "art20_6"},
      {"coercion", "行政强制", "art20_6"},
      {"admin_fees", "行政事业性收费", "art20_8"},
  }};
  for (const auto& [id, label, block] : rows) {
    RowDef r = Row(id, label, {}, true);
    r.block = block;
    t.rows.push_back(r);
  }
  return t;
}

// 2019 试行 table 二. The reference gives labels only; the ids are ours.
TableDef Table2Trial2019() {
  TableDef t;
  t.id = "table2";
  t.title = "二、主动公开政府信息情况";
  t.row_header_label = "信息内容";
  ColumnDef amount = Col("procurement_amount", "采购总金额");
  amount.kind = ValueKind::kDecimal;
  t.blocks = {
      {"art20_1",
       "第二十条第（一）项",
       {Col("new_made", "本年新制作数量"), Col("new_published", "本年新公开数量"),
        Col("published_total", "对外公开总数量")},
       {"regulations", "normative_docs"}},
      {"art20_5",
       "第二十条第（五）项",
       {Col("prev_items", "上一年项目数量"), Col("change", "本年增/减"),
        Col("decisions", "处理决定数量")},
       {"licensing", "other_services"}},
      {"art20_6",
       "第二十条第（六）项",
       {Col("prev_items", "上一年项目数量"), Col("change", "本年增/减"),
        Col("decisions", "处理决定数量")},
       {"punishment", "coercion"}},
      {"art20_8",
       "第二十条第（八）项",
       {Col("prev_items", "上一年项目数量"), Col("change", "本年增/减")},
       {"admin_fees"}},
      {"art20_9",
       "第二十条第（九）项",
       {Col("procurement_items", "采购项目数量"), amount},
       {"central_procurement"}},
  };
  const std::array<std::array<std::string_view, 3>, 8> rows = {{
      {"regulations", "规章", "art20_1"},
      {"normative_docs", "规范性文件", "art20_1"},
      {"licensing", "行政许可", "art20_5"},
      {"other_services", "其他对外管理服务事项", "art20_5"},
      {"punishment", "行政处罚", "art20_6"},
      {"coercion", "行政强制", "art20_6"},
      {"admin_fees", "行政事业性收费", "art20_8"},
      {"central_procurement", "政府集中采购", "art20_9"},
  }};
  for (const auto& [id, label, block] : rows) {
    RowDef r = Row(id, label, {}, true);
    r.block = block;
    t.rows.push_back(r);
  }
  return t;
}

// ---- table 三 ------------------------------------------------------------------------

TableDef Table3(bool trial2019) {
  TableDef t;
  t.id = "table3";
  t.title = "三、收到和处理政府信息公开申请情况";
  t.corner_note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
  t.columns = {
      Col("natural_person", "自然人", "申请人情况"),
      Col("business", "商业企业", "法人或其他组织"),
      Col("research", "科研机构", "法人或其他组织"),
      Col("public_welfare", "社会公益组织", "法人或其他组织"),
      Col("legal_service", "法律服务机构", "法人或其他组织"),
      Col("other_org", "其他", "法人或其他组织"),
      Col("total", "总计", "申请人情况"),
  };
  t.rows = {
      Row("new_received", "一、本年新收政府信息公开申请数量", {}, true),
      Row("carried_in", "二、上年结转政府信息公开申请数量", {}, true),
      Row("results", "三、本年度办理结果", {}, false),
      Row("r1_open", "（一）予以公开", "results", true),
      Row("r2_partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "results",
          true),
      Row("r3_denied", "（三）不予公开", "results", false),
      Row("r3_1", "1.属于国家秘密", "r3_denied", true, 1),
      Row("r3_2", "2.其他法律行政法规禁止公开", "r3_denied", true, 2),
      Row("r3_3", "3.危及“三安全一稳定”", "r3_denied", true, 3),
      Row("r3_4", "4.保护第三方合法权益", "r3_denied", true, 4),
      Row("r3_5", "5.属于三类内部事务信息", "r3_denied", true, 5),
      Row("r3_6", "6.属于四类过程性信息", "r3_denied", true, 6),
      Row("r3_7", "7.属于行政执法案卷", "r3_denied", true, 7),
      Row("r3_8", "8.属于行政查询事项", "r3_denied", true, 8),
      Row("r4_unable", "（四）无法提供", "results", false),
      Row("r4_1", "1.本机关不掌握相关政府信息", "r4_unable", true, 1),
      Row("r4_2", "2.没有现成信息需要另行制作", "r4_unable", true, 2),
      Row("r4_3", "3.补正后申请内容仍不明确", "r4_unable", true, 3),
      Row("r5_not_processed", "（五）不予处理", "results", false),
      Row("r5_1", "1.信访举报投诉类申请", "r5_not_processed", true, 1),
      Row("r5_2", "2.重复申请", "r5_not_processed", true, 2),
      Row("r5_3", "3.要求提供公开出版物", "r5_not_processed", true, 3),
      Row("r5_4", "4.无正当理由大量反复申请", "r5_not_processed", true, 4),
      Row("r5_5", "5.要求行政机关确认或重新出具已获取信息", "r5_not_processed", true, 5),
      Row("r6_other", "（六）其他处理", "results", trial2019),
  };
  if (!trial2019) {
    t.rows.push_back(Row("r6_1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                         "r6_other", true, 1));
    t.rows.push_back(Row("r6_2",
                         "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                         "r6_other", true, 2));
    t.rows.push_back(Row("r6_3", "3.其他", "r6_other", true, 3));
  }
  t.rows.push_back(Row("r7_total", "（七）总计", "results", true));
  t.rows.push_back(Row("carried_out", "四、结转下年度继续办理", {}, true));
  return t;
}

// ---- table 四 ------------------------------------------------------------------------

TableDef Table4() {
  TableDef t;
  t.id = "table4";
  t.title = "四、政府信息公开行政复议、行政诉讼情况";
  t.columns = {
      Col("review_maintained", "结果维持", {}, "行政复议"),
      Col("review_corrected", "结果纠正", {}, "行政复议"),
      Col("review_other", "其他结果", {}, "行政复议"),
      Col("review_pending", "尚未审结", {}, "行政复议"),
      Col("review_total", "总计", {}, "行政复议"),
      Col("lit_direct_maintained", "结果维持", "行政诉讼", "未经复议直接起诉"),
      Col("lit_direct_corrected", "结果纠正", "行政诉讼", "未经复议直接起诉"),
      Col("lit_direct_other", "其他结果", "行政诉讼", "未经复议直接起诉"),
      Col("lit_direct_pending", "尚未审结", "行政诉讼", "未经复议直接起诉"),
      Col("lit_direct_total", "总计", "行政诉讼", "未经复议直接起诉"),
      Col("lit_after_review_maintained", "结果维持", "行政诉讼", "复议后起诉"),
      Col("lit_after_review_corrected", "结果纠正", "行政诉讼", "复议后起诉"),
      Col("lit_after_review_other", "其他结果", "行政诉讼", "复议后起诉"),
      Col("lit_after_review_pending", "尚未审结", "行政诉讼", "复议后起诉"),
      Col("lit_after_review_total", "总计", "行政诉讼", "复议后起诉"),
  };
  t.rows = {Row("cases", "", {}, true)};  // the single data row has no label
  return t;
}

std::vector<RuleDef> RulesTable3And4(bool trial2019) {
  const Severity kErr = Severity::kError;
  const Severity kWarn = Severity::kWarning;
  Ids results = {"r1_open", "r2_partial", "r3_1", "r3_2", "r3_3", "r3_4", "r3_5", "r3_6", "r3_7",
                 "r3_8",    "r4_1",       "r4_2", "r4_3", "r5_1", "r5_2", "r5_3", "r5_4", "r5_5"};
  if (trial2019) {
    results.push_back("r6_other");
  } else {
    results.insert(results.end(), {"r6_1", "r6_2", "r6_3"});
  }
  return {
      Rule("t3_balance", RuleKind::kPerColumn, "stated_in_format", kErr, "table3",
           {"new_received", "carried_in"}, {"r7_total", "carried_out"}),
      Rule("t3_results_total", RuleKind::kPerColumn, "implied_verified_on_sample", kErr, "table3",
           {"r7_total"}, results),
      Rule("t3_row_total", RuleKind::kPerRow, "implied_verified_on_sample", kErr, "table3",
           {"total"},
           {"natural_person", "business", "research", "public_welfare", "legal_service",
            "other_org"}),
      Rule("t3_carry_link", RuleKind::kCrossYear, "implied_unverified", kWarn, "table3", {}, {},
           "carried_in(year N) = carried_out(year N-1), per column; warn only"),
      Rule("t4_review_total", RuleKind::kPerRow, "implied_verified_on_sample", kErr, "table4",
           {"review_total"},
           {"review_maintained", "review_corrected", "review_other", "review_pending"}),
      Rule("t4_lit_direct_total", RuleKind::kPerRow, "implied_verified_on_sample", kErr, "table4",
           {"lit_direct_total"},
           {"lit_direct_maintained", "lit_direct_corrected", "lit_direct_other",
            "lit_direct_pending"}),
      Rule("t4_lit_after_review_total", RuleKind::kPerRow, "implied_verified_on_sample", kErr,
           "table4", {"lit_after_review_total"},
           {"lit_after_review_maintained", "lit_after_review_corrected", "lit_after_review_other",
            "lit_after_review_pending"}),
  };
}

FormatDef MakeFormat2021() {
  FormatDef f;
  f.format = ReportFormat::kFormat2021;
  f.sections = kSections;
  f.tables = {Table2Format2021(), Table3(false), Table4()};
  f.rules.push_back(
      Rule("t2_valid_roll", RuleKind::kCrossYear, "implied_unverified", Severity::kWarning,
           "table2", {}, {},
           "valid(N) = valid(N-1) + made(N) - repealed(N) for regulations and normative_docs; warn "
           "only"));
  for (RuleDef& r : RulesTable3And4(false)) f.rules.push_back(std::move(r));
  return f;
}

FormatDef MakeTrial2019() {
  FormatDef f;
  f.format = ReportFormat::kTrial2019;
  f.sections = kSections;
  f.tables = {Table2Trial2019(), Table3(true), Table4()};
  f.rules = RulesTable3And4(true);
  return f;
}

// ---- legacy 统计表 ---------------------------------------------------------------------

FormatDef MakeLegacy2008() {
  FormatDef f;
  f.format = ReportFormat::kLegacy2008;
  TableDef t;
  t.id = "legacy";
  t.title = "政府信息公开情况统计表";
  ColumnDef label = Col("label", "统计指标");
  label.value = false;
  ColumnDef unit = Col("unit", "单位");
  unit.value = false;
  t.columns = {label, unit, Col("value", "统计数")};
  const std::string_view kSeed = "seed";
  const std::string_view kInf = "inferred";
  t.rows = {
      Legacy("L1", "一、主动公开情况", {}, {}, {}, false, "一、主动公开情况"),
      Legacy("L1_1", "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "条", kSeed,
             "L1", true, "(一)主动公开政府信息数 (不同渠道和方式公开相同信息计1条)"),
      Legacy("L1_1a", "其中：主动公开规范性文件数", "条", kSeed, "L1_1", true,
             "其中:主动公开规范性文件数"),
      Legacy("L1_1b", "制发规范性文件总数", "件", kSeed, "L1_1", true, "制发规范性文件总数"),
      Legacy("L1_2", "（二）通过不同渠道和方式公开政府信息的情况", {}, {}, "L1", false,
             "(二)通过不同渠道和方式公开政府信息的情况"),
      Legacy("L1_2_1", "1．政府公报公开政府信息数", "条", kInf, "L1_2", true,
             "1、政府公报公开政府信息数"),
      Legacy("L1_2_2", "2．政府网站公开政府信息数", "条", kInf, "L1_2", true,
             "2、政府网站公开政府信息数"),
      Legacy("L1_2_3", "3．政务微博公开政府信息数", "条", kInf, "L1_2", true,
             "3、政务微博公开政府信息数"),
      Legacy("L1_2_4", "4．政务微信公开政府信息数", "条", kInf, "L1_2", true,
             "4、政务微信公开政府信息数"),
      Legacy("L1_2_5", "5．其他方式公开政府信息数", "条", kInf, "L1_2", true,
             "5、其他方式公开政府信息数"),
      Legacy("L2", "二、回应解读情况", {}, {}, {}, false, "二、回应解读情况"),
      Legacy("L2_1", "（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）", "次",
             kSeed, "L2", true,
             "(一)回应公众关注热点或重大舆情数 (不同方式回应同一热点或舆情计1次)"),
      Legacy("L2_2", "（二）通过不同渠道和方式回应解读的情况", {}, {}, "L2", false,
             "(二)通过不同渠道和方式回应解读的情况"),
      Legacy("L2_2_1", "1．参加或举办新闻发布会总次数", "次", kInf, "L2_2", true,
             "1、参加或举办新闻发布会总次数"),
      Legacy("L2_2_1a", "其中：主要负责同志参加新闻发布会次数", "次", kInf, "L2_2_1", true,
             "其中:主要负责同志参加新闻发布会次数"),
      Legacy("L2_2_2", "2．政府网站在线访谈次数", "次", kInf, "L2_2", true,
             "2、政府网站在线访谈次数"),
      Legacy("L2_2_2a", "其中：主要负责同志参加政府网站在线访谈次数", "次", kInf, "L2_2_2", true,
             "其中:主要负责同志参加政府网站在线访谈次数"),
      Legacy("L2_2_3", "3．政策解读稿件发布数", "篇", kSeed, "L2_2", true, "3、政策解读稿件发布数"),
      Legacy("L2_2_4", "4．微博微信回应事件数", "次", kInf, "L2_2", true, "4、微博微信回应事件数"),
      Legacy("L2_2_5", "5．其他方式回应事件数", "次", kInf, "L2_2", true, "5、其他方式回应事件数"),
      Legacy("L3", "三、依申请公开情况", {}, {}, {}, false, "三、依申请公开情况"),
      Legacy("L3_1", "（一）收到申请数", "件", kInf, "L3", true, "(一)收到申请数"),
      Legacy("L3_1_1", "1．当面申请数", "件", kInf, "L3_1", true, "1、当面申请数"),
      Legacy("L3_1_2", "2．传真申请数", "件", kInf, "L3_1", true, "2、传真申请数"),
      Legacy("L3_1_3", "3．网络申请数", "件", kInf, "L3_1", true, "3、网络申请数"),
      Legacy("L3_1_4", "4．信函申请数", "件", kInf, "L3_1", true, "4、信函申请数"),
      Legacy("L3_2", "（二）申请办结数", "件", kInf, "L3", true, "(二)申请办结数"),
      Legacy("L3_2_1", "1．按时办结数", "件", kInf, "L3_2", true, "1、按时办结数"),
      Legacy("L3_2_2", "2．延期办结数", "件", kInf, "L3_2", true, "2、延期办结数"),
      Legacy("L3_3", "（三）申请答复数", "件", kInf, "L3", true, "(三)申请答复数"),
      Legacy("L3_3_1", "1．属于已主动公开范围数", "件", kInf, "L3_3", true,
             "1、属于已主动公开范围数"),
      Legacy("L3_3_2", "2．同意公开答复数", "件", kInf, "L3_3", true, "2、同意公开答复数"),
      Legacy("L3_3_3", "3．同意部分公开答复数", "件", kInf, "L3_3", true, "3、同意部分公开答复数"),
      Legacy("L3_3_4", "4．不同意公开答复数", "件", kInf, "L3_3", true, "4、不同意公开答复数"),
      Legacy("L3_3_4a", "其中：涉及国家秘密", "件", kInf, "L3_3_4", true, "其中:涉及国家秘密"),
      Legacy("L3_3_4b", "涉及商业秘密", "件", kInf, "L3_3_4", true, "涉及商业秘密"),
      Legacy("L3_3_4c", "涉及个人隐私", "件", kInf, "L3_3_4", true, "涉及个人隐私"),
      Legacy("L3_3_4d", "危及国家安全、公共安全、经济安全和社会稳定", "件", kInf, "L3_3_4", true,
             "危及国家安全、公共安全、经济安全和社会稳定"),
      Legacy("L3_3_4e", "不是《条例》所指政府信息", "件", kInf, "L3_3_4", true,
             "不是《条例》所指政府信息"),
      Legacy("L3_3_4f", "法律法规规定的其他情形", "件", kInf, "L3_3_4", true,
             "法律法规规定的其他情形"),
      Legacy("L3_3_5", "5．不属于本行政机关公开数", "件", kInf, "L3_3", true,
             "5、不属于本行政机关公开数"),
      Legacy("L3_3_6", "6．申请信息不存在数", "件", kInf, "L3_3", true, "6、申请信息不存在数"),
      Legacy("L3_3_7", "7．告知作出更改补充数", "件", kInf, "L3_3", true, "7、告知作出更改补充数"),
      Legacy("L3_3_8", "8．告知通过其他途径办理数", "件", kInf, "L3_3", true,
             "8、告知通过其他途径办理数"),
      Legacy("L4", "四、行政复议数量", "件", kInf, {}, true, "四、行政复议数量"),
      Legacy("L4_1", "（一）维持具体行政行为数", "件", kInf, "L4", true, "(一)维持具体行政行为数"),
      Legacy("L4_2", "（二）被依法纠错数", "件", kInf, "L4", true, "(二)被依法纠错数"),
      Legacy("L4_3", "（三）其他情形数", "件", kInf, "L4", true, "(三)其他情形数"),
      Legacy("L5", "五、行政诉讼数量", "件", kInf, {}, true, "五、行政诉讼数量"),
      Legacy("L5_1", "（一）维持具体行政行为数", "件", kInf, "L5", true, "(一)维持具体行政行为数",
             "（一）维持具体行政行为或者驳回原告诉讼请求数"),
      Legacy("L5_2", "（二）被依法纠错数", "件", kInf, "L5", true, "(二)被依法纠错数"),
      Legacy("L5_3", "（三）其他情形数", "件", kInf, "L5", true, "(三)其他情形数"),
      Legacy("L6", "六、举报投诉数量", "件", kInf, {}, true, "六、举报投诉数量"),
      Legacy("L7", "七、依申请公开信息收取的费用", "万元", kSeed, {}, true,
             "七、依申请公开信息收取的费用"),
      Legacy("L8", "八、机构建设和保障经费情况", {}, {}, {}, false, "八、机构建设和保障经费情况"),
      Legacy("L8_1", "（一）政府信息公开工作专门机构数", "个", kSeed, "L8", true,
             "(一)政府信息公开工作专门机构数"),
      Legacy("L8_2", "（二）设置政府信息公开查阅点数", "个", kSeed, "L8", true,
             "(二)设置政府信息公开查阅点数"),
      Legacy("L8_3", "（三）从事政府信息公开工作人员数", "人", kSeed, "L8", true,
             "(三)从事政府信息公开工作人员数"),
      Legacy("L8_3_1", "1．专职人员数", "人", kInf, "L8_3", true, "1、专职人员数"),
      Legacy("L8_3_2", "2．兼职人员数", "人", kInf, "L8_3", true, "2、兼职人员数"),
      Legacy("L8_4", "（四）政府信息公开专项经费", "万元", kSeed, "L8", true,
             "(四)政府信息公开专项经费"),
      Legacy("L9", "九、政府信息公开会议和培训情况", {}, {}, {}, false,
             "九、政府信息公开会议和培训情况"),
      Legacy("L9_1", "（一）召开政府信息公开工作会议或专题会议数", "次", kInf, "L9", true,
             "(一)召开政府信息公开工作会议或专题会议数"),
      Legacy("L9_2", "（二）举办各类培训班数", "次", kInf, "L9", true, "(二)举办各类培训班数"),
      Legacy("L9_3", "（三）接受培训人员数", "人次", kSeed, "L9", true, "(三)接受培训人员数"),
  };
  f.tables = {std::move(t)};

  const Severity kErr = Severity::kError;
  const Severity kWarn = Severity::kWarning;
  const std::string_view kBrief = "per_brief";
  f.rules = {
      Rule("LR1", RuleKind::kSum, kBrief, kErr, "legacy", {"L3_1"},
           {"L3_1_1", "L3_1_2", "L3_1_3", "L3_1_4"}),
      Rule("LR2", RuleKind::kSum, kBrief, kErr, "legacy", {"L3_2"}, {"L3_2_1", "L3_2_2"}),
      Rule("LR3", RuleKind::kSum, kBrief, kErr, "legacy", {"L3_3"},
           {"L3_3_1", "L3_3_2", "L3_3_3", "L3_3_4", "L3_3_5", "L3_3_6", "L3_3_7", "L3_3_8"}),
      Rule("LR4", RuleKind::kSum, kBrief, kErr, "legacy", {"L3_3_4"},
           {"L3_3_4a", "L3_3_4b", "L3_3_4c", "L3_3_4d", "L3_3_4e", "L3_3_4f"}),
      Rule("LR5", RuleKind::kSum, kBrief, kErr, "legacy", {"L4"}, {"L4_1", "L4_2", "L4_3"}),
      Rule("LR6", RuleKind::kSum, kBrief, kErr, "legacy", {"L5"}, {"L5_1", "L5_2", "L5_3"}),
      Rule("LR7", RuleKind::kSum, kBrief, kErr, "legacy", {"L8_3"}, {"L8_3_1", "L8_3_2"}),
      // 其中 ("of which") is a subset of its parent: exceeding it is a contradiction.
      Rule("LI1", RuleKind::kLe, "inferred", kErr, "legacy", {"L1_1a"}, {"L1_1"}),
      Rule("LI2", RuleKind::kLe, "inferred", kErr, "legacy", {"L2_2_1a"}, {"L2_2_1"}),
      Rule("LI3", RuleKind::kLe, "inferred", kErr, "legacy", {"L2_2_2a"}, {"L2_2_2"}),
      // Every item goes out through at least one channel (5 is "other"), so the
      // de-duplicated total cannot exceed the channel sum; an inference, hence a warning.
      Rule("LI4", RuleKind::kLeSum, "inferred", kWarn, "legacy", {"L1_1"},
           {"L1_2_1", "L1_2_2", "L1_2_3", "L1_2_4", "L1_2_5"},
           "same item published via several channels counts once in L1_1"),
      // Ours: the items of one channel are a subset of all items (the total counts distinct
      // items, each published through one or more channels), so no channel exceeds the
      // de-duplicated total: a part above its whole, an error (issue 15). Except LX5: "其他方式"
      // sums several ways (app, other…), within which one item may count more than once.
      Rule("LX1", RuleKind::kLe, "derived", kErr, "legacy", {"L1_2_1"}, {"L1_1"},
           "a single channel cannot exceed the de-duplicated total"),
      Rule("LX2", RuleKind::kLe, "derived", kErr, "legacy", {"L1_2_2"}, {"L1_1"},
           "a single channel cannot exceed the de-duplicated total"),
      Rule("LX3", RuleKind::kLe, "derived", kErr, "legacy", {"L1_2_3"}, {"L1_1"},
           "a single channel cannot exceed the de-duplicated total"),
      Rule("LX4", RuleKind::kLe, "derived", kErr, "legacy", {"L1_2_4"}, {"L1_1"},
           "a single channel cannot exceed the de-duplicated total"),
      Rule("LX5", RuleKind::kLe, "derived", kWarn, "legacy", {"L1_2_5"}, {"L1_1"},
           "a single channel cannot exceed the de-duplicated total"),
  };
  return f;
}

constexpr std::array<ReportFormat, 3> kAllFormats = {
    ReportFormat::kFormat2021, ReportFormat::kTrial2019, ReportFormat::kLegacy2008};

}  // namespace

std::string_view ReportFormatId(ReportFormat format) {
  switch (format) {
    case ReportFormat::kLegacy2008:
      return "legacy_2008";
    case ReportFormat::kTrial2019:
      return "trial_2019";
    case ReportFormat::kFormat2021:
      return "format_2021";
  }
  return "format_2021";
}

std::string_view ReportFormatName(ReportFormat format) {
  switch (format) {
    case ReportFormat::kLegacy2008:
      return "2008年条例统计表（政府信息公开情况统计表）";
    case ReportFormat::kTrial2019:
      return "2019年试行格式（国办公开办函〔2019〕60号）";
    case ReportFormat::kFormat2021:
      return "2021年格式（国办公开办函〔2021〕30号）";
  }
  return "";
}

std::optional<ReportFormat> ParseReportFormatId(std::string_view id) {
  if (id == "legacy_2008" || id == "legacy") return ReportFormat::kLegacy2008;
  if (id == "trial_2019" || id == "2019") return ReportFormat::kTrial2019;
  if (id == "format_2021" || id == "2021") return ReportFormat::kFormat2021;
  return std::nullopt;
}

std::span<const ReportFormat> AllReportFormats() { return kAllFormats; }

std::string_view RuleKindId(RuleKind kind) {
  switch (kind) {
    case RuleKind::kSum:
      return "sum";
    case RuleKind::kLe:
      return "le";
    case RuleKind::kLeSum:
      return "le_sum";
    case RuleKind::kPerColumn:
      return "per_column";
    case RuleKind::kPerRow:
      return "per_row";
    case RuleKind::kCrossYear:
      return "cross_year";
  }
  return "";
}

const RowDef* TableDef::Row(std::string_view row_id) const {
  for (const RowDef& r : rows) {
    if (r.id == row_id) return &r;
  }
  return nullptr;
}

const ColumnDef* TableDef::Column(std::string_view column_id) const {
  for (const ColumnDef& c : columns) {
    if (c.id == column_id) return &c;
  }
  for (const BlockDef& b : blocks) {
    for (const ColumnDef& c : b.columns) {
      if (c.id == column_id) return &c;
    }
  }
  return nullptr;
}

std::vector<const ColumnDef*> TableDef::ValueColumns(const RowDef& row) const {
  std::vector<const ColumnDef*> out;
  if (!row.data) return out;
  if (!row.block.empty()) {
    for (const BlockDef& b : blocks) {
      if (b.id != row.block) continue;
      for (const ColumnDef& c : b.columns) out.push_back(&c);
    }
    return out;
  }
  for (const ColumnDef& c : columns) {
    if (c.value) out.push_back(&c);
  }
  return out;
}

const TableDef* FormatDef::Table(std::string_view table_id) const {
  for (const TableDef& t : tables) {
    if (t.id == table_id) return &t;
  }
  return nullptr;
}

const RuleDef* FormatDef::Rule(std::string_view rule_id) const {
  for (const RuleDef& r : rules) {
    if (r.id == rule_id) return &r;
  }
  return nullptr;
}

const FormatDef& GetReportFormat(ReportFormat format) {
  // Built once, never destroyed (no exit-time destructor ordering issues).
  static const FormatDef* const k2021 = new FormatDef(MakeFormat2021());
  static const FormatDef* const k2019 = new FormatDef(MakeTrial2019());
  static const FormatDef* const kLegacy = new FormatDef(MakeLegacy2008());
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

}  // namespace gongkai::core
