// 更正: a published item is corrected by publishing its corrected version and withdrawing
// it, in one transaction — never one without the other. The corrected version is an item
// of its own that went through 保密审查 (it must be approved), so a correction cannot skip
// review; the withdrawal records the note and names the corrected version's 索引号, and
// both steps write their item and audit events.
#pragma once

#include <string_view>
#include <vector>

#include "core/item.hpp"
#include "core/store.hpp"

namespace gongkai::core {

struct CorrectionResult {
  Item corrected;  // the new version, now published
  Item withdrawn;  // the old one, now withdrawn
};

// Publishes the approved item `corrected_id` on `on` (as PublishItem) and withdraws the
// published item whose 索引号 is `replaced_index_no` (as WithdrawItem) with the reason
// "更正：<note>（更正后的信息：<索引号>）". kInvalidArgument for an empty note (field "note")
// or an unknown 索引号 (field "replaces"); kFailedPrecondition when the old item is not
// published or belongs to another body than the new one; kPermissionDenied without
// kItemPublish on the body. The caller runs it in one transaction.
Result<CorrectionResult> PublishCorrection(Repositories& repos, const ChangeContext& ctx,
                                           std::string_view actor, Id corrected_id,
                                           std::string_view replaced_index_no, Date on,
                                           std::string_view note,
                                           std::vector<Channel> channels = {});

}  // namespace gongkai::core
