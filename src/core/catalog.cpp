#include "core/catalog.hpp"

#include "core/enum_table.hpp"

namespace gongkai::core {
namespace {

constexpr EnumEntry<ItemEventKind> kEventKinds[] = {
    {ItemEventKind::kCreate, "create", "创建"},
    {ItemEventKind::kEdit, "edit", "修改"},
    {ItemEventKind::kSubmit, "submit", "提交审查"},
    {ItemEventKind::kApprove, "approve", "审查通过"},
    {ItemEventKind::kReject, "reject", "审查退回"},
    {ItemEventKind::kPublish, "publish", "发布"},
    {ItemEventKind::kWithdraw, "withdraw", "撤回"},
    {ItemEventKind::kChannel, "channel", "渠道发布"},
    {ItemEventKind::kValidity, "validity", "有效性变更"},
    {ItemEventKind::kImport, "import", "导入"},
};
constexpr EnumEntry<SubmissionDecision> kDecisions[] = {
    {SubmissionDecision::kPending, "pending", "待处理"},
    {SubmissionDecision::kAccepted, "accepted", "已采用"},
    {SubmissionDecision::kRejected, "rejected", "未采用"},
};

constexpr const char* kLegal = "法定主动公开内容/";

struct DefaultColumn {
  const char* path;
  bool mandatory_all;         // mandatory for every body
  bool mandatory_government;  // mandatory for 人民政府
  int stale_days;
};

constexpr DefaultColumn kColumns[] = {
    {"政府信息公开指南", true, true, 400},
    {"政府信息公开制度", true, true, 0},
    {"政府领导", false, true, 0},
    {"政府机构职能", true, true, 400},
    {"法律法规规范性文件", true, true, 0},
    {"政府工作报告", false, true, 400},
    {"国民经济和社会发展", false, false, 0},
    {"政府集中采购项目", false, false, 0},
    {"行政许可项目", false, false, 0},
    {"涉及人民群众切身利益的重大事项", false, false, 0},
    {"人事任免", false, false, 0},
    {"财政预算决算报告", false, true, 400},
    {"事业单位人员招考", false, false, 0},
    {"通知公告", true, true, 0},
    {"工作动态", true, true, 0},
    {"公众监督", false, false, 0},
    {"公共服务", false, false, 0},
    {"应急管理", false, false, 0},
    {"政府信息公开年报", true, true, 400},
};

bool IsTopLevel(std::string_view path) {
  return path == "政府信息公开指南" || path == "政府信息公开制度" || path == "政府信息公开年报";
}

}  // namespace

const char* ItemEventKindCode(ItemEventKind v) { return EnumLookup(kEventKinds, v).code; }
Result<ItemEventKind> ParseItemEventKind(std::string_view t) {
  return EnumParse(kEventKinds, t, "kind");
}
const char* SubmissionDecisionCode(SubmissionDecision v) { return EnumLookup(kDecisions, v).code; }
const char* SubmissionDecisionLabel(SubmissionDecision v) {
  return EnumLookup(kDecisions, v).label;
}
Result<SubmissionDecision> ParseSubmissionDecision(std::string_view t) {
  return EnumParse(kDecisions, t, "decision");
}

std::vector<CatalogCategory> DefaultCatalog(OrgKind kind) {
  std::vector<CatalogCategory> out;
  int order = 0;
  for (const auto& c : kColumns) {
    CatalogCategory cat;
    cat.path = IsTopLevel(c.path) ? std::string(c.path) : std::string(kLegal) + c.path;
    cat.mandatory = c.mandatory_all || (kind == OrgKind::kGovernment && c.mandatory_government);
    cat.stale_days = c.stale_days;
    cat.sort_order = order += 10;
    out.push_back(std::move(cat));
  }
  return out;
}

std::vector<CatalogCategory> EffectiveCatalog(const Org& org, std::vector<CatalogCategory> stored) {
  if (!stored.empty()) return stored;
  auto out = DefaultCatalog(org.kind);
  for (auto& c : out) c.org_id = org.id;
  return out;
}

Status ValidateCategoryPath(std::string_view path) {
  if (path.empty()) return InvalidArgument("目录栏目不能为空", "category");
  int segments = 0;
  size_t start = 0;
  while (true) {
    size_t end = path.find('/', start);
    std::string_view seg = path.substr(start, end == std::string_view::npos ? end : end - start);
    if (seg.empty() || seg.size() > 60) {
      return InvalidArgument("目录栏目路径的每一级不能为空且不超过 60 字节: '" +
                                 std::string(path.substr(0, 120)) + "'",
                             "category");
    }
    ++segments;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  if (segments > 5) return InvalidArgument("目录栏目层级不能超过 5 级", "category");
  return Status::Ok();
}

}  // namespace gongkai::core
