#include "core/item_correction.hpp"

#include "core/item_workflow.hpp"

namespace gongkai::core {

namespace {

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  return std::string(s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1));
}

}  // namespace

Result<CorrectionResult> PublishCorrection(Repositories& repos, const ChangeContext& ctx,
                                           std::string_view actor, Id corrected_id,
                                           std::string_view replaced_index_no, Date on,
                                           std::string_view note, std::vector<Channel> channels) {
  std::string why = Trim(note);
  if (why.empty()) return InvalidArgument("更正须说明更正内容", "note");
  std::string index_no = Trim(replaced_index_no);
  GONGKAI_ASSIGN_OR_RETURN(auto old, repos.items().FindByIndexNo(index_no));
  if (!old) return InvalidArgument("没有索引号为 " + index_no + " 的信息", "replaces");
  GONGKAI_ASSIGN_OR_RETURN(Item fresh, repos.items().Get(corrected_id));
  if (old->id == fresh.id) return InvalidArgument("不能更正信息本身", "replaces");
  if (old->org_id != fresh.org_id) {
    return FailedPrecondition("被更正的信息 " + index_no + " 属于其他机构");
  }
  if (old->state != ItemState::kPublished) {
    return FailedPrecondition("被更正的信息 " + index_no + " 不是已发布状态");
  }
  CorrectionResult out;
  GONGKAI_ASSIGN_OR_RETURN(out.corrected,
                           PublishItem(repos, ctx, actor, corrected_id, on, std::move(channels)));
  std::string reason =
      "更正：" + why + "（更正后的信息：" + out.corrected.index_no.value_or("") + "）";
  GONGKAI_ASSIGN_OR_RETURN(out.withdrawn, WithdrawItem(repos, ctx, actor, old->id, reason));
  return out;
}

}  // namespace gongkai::core
