// The item page's parts beyond the workflow steps (one file each): attachments before
// publication (item_attachments_screen.cpp), and after it the further channels, the
// validity and the linked 政策解读 (item_publication_screen.cpp).
#pragma once

#include "admin/office.hpp"
#include "core/item.hpp"

namespace gongkai::admin {

// 草稿, 待审查, 审查通过, 审查退回, 已发布, 已撤回 (items_screen.cpp).
const char* ItemStateLabel(core::ItemState s);

// GET /admin/items: the searchable, paged list (items_list_screen.cpp).
web::HttpResponse ItemsList(Office& o, Ctx& ctx);

// /admin/items/new and /admin/items/{id}/edit (item_form_screen.cpp): GET shows the form,
// POST saves it (op=preview renders the body without saving).
web::HttpResponse ItemCreateForm(Office& o, Ctx& ctx);
web::HttpResponse ItemEditForm(Office& o, Ctx& ctx, core::Item item);

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
