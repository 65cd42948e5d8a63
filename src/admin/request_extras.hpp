// The request page's parts beyond events (one file each): the 信息处理费 forms
// (request_fee_screen.cpp), the reply letter (request_letter_screen.cpp), and the shared
// page renderer they re-show on a refused form.
#pragma once

#include <map>
#include <string>

#include "admin/office.hpp"
#include "core/request_service.hpp"

namespace gongkai::admin {

// The request `id` with its events, due date and fee, for a user who may read its body
// (otherwise HttpError 403; 404 for an unknown id).
core::RequestView LoadReadableRequest(Office& o, const Ctx& ctx, core::Id id);

// A request's state as the screens name it (已收到, 待补正, 办理中 …).
const char* RequestStateLabel(core::RequestState s);

// The request page (requests_screen.cpp) with `form`'s values and errors, answered with
// `status`.
web::HttpResponse ShowRequest(Office& o, Ctx& ctx, core::Id id, FormState form, int status);

// Adds the fee decided (amount, basis, status) and the due date's explanation to the
// request page's view. The fee forms are actions of the page (fee_notice, fee_settled:
// core::AllowedActions decides when they appear) that post to the two handlers below.
void AddFeeView(const core::RequestView& view, web::View& v);
// POST /admin/requests/{id}/fee: decides the fee and sends the notice (kRequestHandle).
// Fields fee_basis, fee_quantity, fee_prior, fee_on, fee_note; a refusal re-renders the
// page with the fee_notice action open.
web::HttpResponse NotifyRequestFee(Office& o, Ctx& ctx, core::Id id);
// POST /admin/requests/{id}/settle: records payment or waiver (kRequestHandle). Fields
// settle_how (paid | waived), settle_on.
web::HttpResponse SettleRequestFee(Office& o, Ctx& ctx, core::Id id);

// POST /admin/requests/{id}/events: one step of the handling, from the step's own form
// (request_detail_screen.cpp; field "kind" is a core::RequestAction code). A refused step
// re-renders the page (422) with that form open, its values and the message by its field.
// Steps that are told in writing continue to their letter's draft.
web::HttpResponse RecordRequestEventForm(Office& o, Ctx& ctx, core::Id id);

// Display names of the users by login name, and the one for an event's or letter's actor
// ("user:NAME" or NAME; the actor itself when unknown).
std::map<std::string, std::string> DisplayNames(Office& o);
std::string DisplayName(const std::map<std::string, std::string>& names, std::string actor);

// Adds the letters to the request page's view: those issued ("issued_letters", each with
// its print link, local issue time and issuer) and, for handlers, those the record
// supports now ("letter_drafts").
void AddLettersView(Office& o, const Ctx& ctx, const core::RequestView& view, bool can_handle,
                    const std::map<std::string, std::string>& names, web::View& v);

// GET/POST /admin/requests/{id}/letters/{kind} (and /letter for the reply): the letter
// drafted from data/letters/ and the record, editable; POST action=draft regenerates it
// from the entered fields, action=issue issues it (core::IssueLetter: refusals re-render
// with the message by its field, 422) and shows the issued letter. kRequestHandle; 409 when
// the record does not support that letter yet. The applicant's name is filled in only for
// users with kRequestPersonalData (and a key); others see "申请人".
web::HttpResponse RequestLetterDraft(Office& o, Ctx& ctx, core::Id id, const std::string& kind);

// GET /admin/requests/{id}/letters/issued/{letter}: an issued letter, laid out after
// GB/T 9704 for printing. kRequestPersonalData (the text may name the applicant); each view
// is recorded as a personal-data access.
web::HttpResponse IssuedRequestLetter(Office& o, Ctx& ctx, core::Id id, core::Id letter_id);

}  // namespace gongkai::admin
