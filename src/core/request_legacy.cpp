#include "core/request_legacy.hpp"

#include "core/flat_json.hpp"

namespace gongkai::core {

const char* LegacyReplyLabel(LegacyReply r) {
  switch (r) {
    case LegacyReply::kAlreadyPublished:
      return "属于已主动公开范围数";
    case LegacyReply::kAgreed:
      return "同意公开答复数";
    case LegacyReply::kPartlyAgreed:
      return "同意部分公开答复数";
    case LegacyReply::kRefused:
      return "不同意公开答复数";
    case LegacyReply::kNotThisBody:
      return "不属于本行政机关公开数";
    case LegacyReply::kNotExist:
      return "申请信息不存在数";
    case LegacyReply::kToAmend:
      return "告知作出更改补充数";
    case LegacyReply::kOtherRoute:
      return "告知通过其他途径办理数";
  }
  return "";
}

const char* LegacyRefusalLabel(LegacyRefusal r) {
  switch (r) {
    case LegacyRefusal::kStateSecret:
      return "涉及国家秘密";
    case LegacyRefusal::kCommercialSecret:
      return "涉及商业秘密";
    case LegacyRefusal::kPrivacy:
      return "涉及个人隐私";
    case LegacyRefusal::kSecurityStability:
      return "危及国家安全、公共安全、经济安全和社会稳定";
    case LegacyRefusal::kNotGovInfo:
      return "不是《条例》所指政府信息";
    case LegacyRefusal::kOtherLaw:
      return "法律法规规定的其他情形";
  }
  return "";
}

const LegacyMapping& DefaultLegacyMapping() {
  static const LegacyMapping kMapping = [] {
    using R = LegacyReply;
    using F = LegacyRefusal;
    LegacyMapping m;
    auto refused = [](F f) { return LegacyCategory{R::kRefused, f}; };
    m.by_outcome = {
        {"r1_open", {R::kAgreed, std::nullopt}},  // kAlreadyPublished when a published item
        {"r2_partial", {R::kPartlyAgreed, std::nullopt}},
        {"r3_1", refused(F::kStateSecret)},
        {"r3_2", refused(F::kOtherLaw)},
        {"r3_3", refused(F::kSecurityStability)},
        {"r3_4", refused(F::kPrivacy)},  // UNVERIFIED: 商业秘密 or 个人隐私; privacy chosen
        {"r3_5", refused(F::kNotGovInfo)},
        {"r3_6", refused(F::kNotGovInfo)},
        {"r3_7", refused(F::kOtherLaw)},
        {"r3_8", {R::kOtherRoute, std::nullopt}},
        {"r4_1", {R::kNotExist, std::nullopt}},  // kNotThisBody when basis = not_ours
        {"r4_2", refused(F::kNotGovInfo)},
        {"r4_3", {R::kToAmend, std::nullopt}},
        {"r5_1", {R::kOtherRoute, std::nullopt}},
        {"r5_2", {R::kOtherRoute, std::nullopt}},
        {"r5_3", {R::kOtherRoute, std::nullopt}},
        {"r5_4", refused(F::kOtherLaw)},
        {"r5_5", {R::kOtherRoute, std::nullopt}},
        {"r6_1", {R::kToAmend, std::nullopt}},
    };
    return m;
  }();
  return kMapping;
}

LegacyFigures ClassifyLegacy(const LegacyFacts& facts, const LegacyMapping& mapping) {
  LegacyFigures f;
  if (!IsClosed(facts.state)) return f;
  f.concluded = true;
  f.extended = facts.extended || (!facts.closed_on_time && mapping.overdue_counts_as_extended);
  f.on_time = !f.extended;
  auto it = mapping.by_outcome.find(facts.outcome);
  if (it == mapping.by_outcome.end()) return f;
  LegacyCategory category = it->second;
  auto data = FlatJson::Parse(facts.answer_data);
  if (data.ok()) {
    if (facts.outcome == "r1_open" && !data->Get("published_item").empty()) {
      category = {LegacyReply::kAlreadyPublished, std::nullopt};
    }
    if (facts.outcome == "r4_1" && data->Get("basis") == "not_ours") {
      category = {LegacyReply::kNotThisBody, std::nullopt};
    }
  }
  f.answer = category;
  return f;
}

LegacyFigures ClassifyLegacy(const Request& request, const DueDate& due,
                             std::string_view answer_data, const LegacyMapping& mapping) {
  return ClassifyLegacy(
      {request.state, request.outcome, due.extension_days > 0, due.closed_on_time, answer_data},
      mapping);
}

}  // namespace gongkai::core
