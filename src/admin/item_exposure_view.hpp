// The review screen's second reader (issue 20): the personal data and misstatements found
// in an item (core/item_exposure.hpp), listed with their keys for the reviewer's reasons,
// and the 遮盖 button. Rendered by templates/admin/item_exposure.mustache, a partial of
// the item page.
#pragma once

#include <string>

#include "admin/office.hpp"
#include "core/item.hpp"

namespace gongkai::admin {

// Adds "exposure" (rows: key, kind, preview, masked, hint) and "exposure_open" (how many
// block approval), "exposure_unreadable" and "can_mask" (reviewers and editors of the
// body, item not yet approved, text with something to mask), "can_republish_masked" to the item
// page's view.
void AddExposureView(Office& o, const Ctx& ctx, const core::Item& item, web::View& v);

// POST /admin/items/{id}/mask: 遮盖 (core::MaskItemPersonalData), back to the item page;
// POST /admin/items/{id}/republish-masked: core::WithdrawAndResubmitMasked, on to the
// masked copy's page. A refusal is shown on the item page.
web::HttpResponse ItemMaskStep(Office& o, Ctx& ctx, const core::Item& item,
                               const std::string& step);

}  // namespace gongkai::admin
