#include "core/request_letter.hpp"

#include "core/flat_json.hpp"
#include "core/report_format.hpp"
#include "core/request.hpp"
#include "core/request_letters.hpp"
#include "core/request_service.hpp"

namespace gongkai::core {

std::string OutcomeLabel(std::string_view outcome) {
  if (!IsOutcomeCode(outcome)) return "";
  const TableDef* t = GetReportFormat(ReportFormat::kFormat2021).Table("table3");
  if (!t) return std::string(outcome);
  const RowDef* row = t->Row(outcome);
  if (!row) return std::string(outcome);
  std::string label(row->label);
  if (row->number > 0 && !row->parent.empty()) {
    if (const RowDef* parent = t->Row(row->parent))
      label = std::string(parent->label) + " " + label;
  }
  return label;
}

std::string OutcomeArticle(std::string_view o, std::string_view basis, bool published) {
  static const std::map<std::string_view, const char*> kArticles = {
      {"r2_partial", "第三十七条"},
      {"r3_1", "第十四条"},
      {"r3_2", "第十四条"},
      {"r3_3", "第十四条"},
      {"r3_4", "第十五条、第三十二条"},
      {"r3_5", "第十六条第一款"},
      {"r3_6", "第十六条第二款"},
      {"r3_7", "第十六条第二款"},
      {"r3_8", "第三十六条第（七）项"},
      {"r4_2", "第三十八条"},
      {"r4_3", "第三十条"},
      {"r5_1", "第三十九条第一款"},
      {"r5_2", "第三十六条第（六）项"},
      {"r5_3", "第三十九条第二款"},
      {"r5_4", "第三十五条"},
      {"r5_5", "第三十九条第一款"},
      {"r6_1", "第三十条"},
      {"r6_2", "第四十二条"},
  };
  if (o == "r1_open") return published ? "第三十六条第（一）项" : "第三十六条第（二）项";
  if (o == "r4_1") return basis == "not_ours" ? "第三十六条第（五）项" : "第三十六条第（四）项";
  auto it = kArticles.find(o);
  return it == kArticles.end() ? "" : it->second;
}

Result<std::string> RenderTemplate(std::string_view tmpl,
                                   const std::map<std::string, std::string>& values) {
  std::string out;
  size_t i = 0;
  while (i < tmpl.size()) {
    size_t open = tmpl.find("{{", i);
    if (open == std::string_view::npos) {
      out.append(tmpl.substr(i));
      break;
    }
    out.append(tmpl.substr(i, open - i));
    size_t close = tmpl.find("}}", open + 2);
    if (close == std::string_view::npos) {
      return InvalidArgument("模板中的 {{ 没有闭合", "template");
    }
    std::string_view name = tmpl.substr(open + 2, close - open - 2);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    auto it = values.find(std::string(name));
    if (it == values.end()) {
      return InvalidArgument("模板占位符没有取值: {{" + std::string(name) + "}}", "template");
    }
    out += it->second;
    i = close + 2;
  }
  return out;
}

std::map<std::string, std::string> LetterValues(const RequestView& view,
                                                const std::string& applicant) {
  const Request& r = view.request;
  std::string published, basis, reasons, legal_basis;
  for (const auto& e : view.events) {
    if (e.kind != "answer") continue;
    auto data = FlatJson::Parse(e.data);
    if (data.ok()) {
      published = data->Get("published_item");
      basis = data->Get("basis");
      reasons = data->Get("reasons");
      legal_basis = data->Get("legal_basis");
    }
  }
  return {{"applicant", applicant},
          {"org_name", view.org.name},
          {"tracking_no", r.tracking_no},
          {"received_on", ChineseDate(r.received_on)},
          {"closed_on", r.closed_on ? ChineseDate(*r.closed_on) : ""},
          {"reasons", reasons.empty() ? "（请填写不予公开的理由）" : reasons},
          {"legal_basis", legal_basis.empty() ? "（请填写法律依据）" : legal_basis},
          {"description", r.description},
          {"outcome", OutcomeLabel(r.outcome)},
          {"article", OutcomeArticle(r.outcome, basis, !published.empty())},
          {"published_item", published.empty() ? "（见附件）" : published},
          {"fee_yuan", view.fee ? std::to_string(view.fee->amount_yuan) : "0"}};
}

}  // namespace gongkai::core
