// The item page's parts beyond the workflow steps (one file each): attachments before
// publication (item_attachments_screen.cpp), and after it the further channels, the
// validity and the linked 政策解读 (item_publication_screen.cpp).
#pragma once

#include "admin/office.hpp"
#include "core/item.hpp"

namespace gongkai::admin {

// The item page (items_screen.cpp): `error` at the top, `form`'s values and errors next to
// their fields; `status` 0 answers 200 without an error and 422 (refused input) with one.
web::HttpResponse ShowItem(Office& o, Ctx& ctx, const core::Item& item, const std::string& error,
                           FormState form = {}, int status = 0);

// Adds the attachments (with the upload and remove forms while the item is editable).
void AddAttachmentsView(Office& o, const Ctx& ctx, const core::Item& item, web::View& v);
// /admin/items/{id}/attachments…: POST (multipart) uploads; GET …/{aid} downloads (kRead);
// POST …/{aid}/remove removes (kItemEdit, draft or returned items only).
web::HttpResponse ItemAttachments(Office& o, Ctx& ctx, const core::Item& item,
                                  const std::vector<std::string>& parts);

// Adds validity, channels and linked interpretations (and, for kItemPublish, their forms).
void AddPublicationView(Office& o, const Ctx& ctx, const core::Item& item, web::View& v);
// POST /admin/items/{id}/channel | validity | interpretation (kItemPublish).
web::HttpResponse ItemPublicationStep(Office& o, Ctx& ctx, const core::Item& item,
                                      const std::string& step);

}  // namespace gongkai::admin
