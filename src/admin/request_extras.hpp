// The request page's parts beyond events (one file each): the 信息处理费 forms
// (request_fee_screen.cpp), the reply letter (request_letter_screen.cpp), and the shared
// page renderer they re-show on a refused form.
#pragma once

#include "admin/office.hpp"
#include "core/request_service.hpp"

namespace gongkai::admin {

// The request `id` with its events, due date and fee, for a user who may read its body
// (otherwise HttpError 403; 404 for an unknown id).
core::RequestView LoadReadableRequest(Office& o, const Ctx& ctx, core::Id id);

// The request page (requests_screen.cpp) with `form`'s values and errors, answered with
// `status`.
web::HttpResponse ShowRequest(Office& o, Ctx& ctx, core::Id id, FormState form, int status);

// Adds the fee (its state and, for `can_handle`, the notice or settle form) and the due
// date's explanation to the request page's view.
void AddFeeView(const Ctx& ctx, const core::RequestView& view, bool can_handle, web::View& v);
// POST /admin/requests/{id}/fee: decides the fee and sends the notice (kRequestHandle).
web::HttpResponse NotifyRequestFee(Office& o, Ctx& ctx, core::Id id);
// POST /admin/requests/{id}/settle: records payment or waiver (kRequestHandle).
web::HttpResponse SettleRequestFee(Office& o, Ctx& ctx, core::Id id);

// GET /admin/requests/{id}/letter: the 答复告知书 of a closed request from
// data/letters/<outcome>.txt, printable. The applicant's name is filled in only for users
// with kRequestPersonalData (and a key); others see "申请人".
web::HttpResponse RequestLetter(Office& o, Ctx& ctx, core::Id id);

}  // namespace gongkai::admin
