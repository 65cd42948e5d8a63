#include "web/status_view.hpp"

#include "core/flat_json.hpp"
#include "core/request_letter.hpp"
#include "core/request_letters.hpp"

namespace gongkai::web {

std::string NormalizeLookupCode(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return out;
}

std::string NormalizeTrackingNo(std::string_view tracking) {
  std::string out;
  for (char c : tracking) {
    if (c != ' ' && c != '\t') out += c;
  }
  return out;
}

const char* ApplicantStateLabel(core::RequestState s) {
  switch (s) {
    case core::RequestState::kReceived:
      return "已收到，待办理";
    case core::RequestState::kCorrectionRequested:
      return "已告知补正，等待补正";
    case core::RequestState::kInProgress:
      return "办理中";
    case core::RequestState::kAnswered:
      return "已答复";
    case core::RequestState::kAbandoned:
      return "视为放弃";
    case core::RequestState::kWithdrawn:
      return "已撤回";
  }
  return "";
}

View StatusView(const core::RequestView& found, const std::vector<core::RequestLetter>& letters) {
  const core::Request& r = found.request;
  View v;
  v.Set("request_id", std::to_string(r.id));
  v.Set("org_name", found.org.name);
  v.Set("tracking_no", r.tracking_no);
  v.Set("state", ApplicantStateLabel(r.state));
  v.Set("submitted_on", core::ChineseDate(r.submitted_on));
  v.Set("received_on", core::ChineseDate(r.received_on));
  if (found.due.date && !core::IsClosed(r.state)) {
    v.Set("due_on", core::ChineseDate(*found.due.date));
    if (found.due.provisional) v.Set("due_note", core::ProvisionalReason(found.due));
  }
  if (!core::IsClosed(r.state) && !found.due.date) {
    v.Set("clock_note", core::ClockStateLabel(found.due.state));
  }
  if (!r.outcome.empty()) v.Set("outcome", core::OutcomePlainWords(r.outcome));
  if (r.closed_on) v.Set("closed_on", core::ChineseDate(*r.closed_on));
  View events = View::List();
  for (const auto& e : found.events) {
    auto kind = core::ParseRequestEventKind(e.kind);
    if (!kind.ok() || *kind == core::RequestEventKind::kNote) continue;  // internal remarks
    View ev;
    ev.Set("on", core::ChineseDate(e.on));
    ev.Set("label", core::RequestEventKindLabel(*kind));
    events.Push(ev);
  }
  v.Set("events", events);
  // What to correct, by when and how: told in the issued 补正告知书, shown while the
  // request waits for the correction.
  bool correction_issued = false;
  for (const auto& l : letters) correction_issued |= l.kind == "correction";
  const core::RequestEvent* correction =
      core::LastEvent(found, core::RequestEventKind::kCorrectionRequested);
  if (correction_issued && correction && r.state == core::RequestState::kCorrectionRequested) {
    auto data = core::FlatJson::Parse(correction->data);
    std::string deadline = data.ok() ? data->Get("deadline") : "";
    std::string how = data.ok() ? data->Get("how") : "";
    auto date = core::Date::Parse(deadline);
    View c;
    c.Set("what", correction->note);
    c.Set("deadline", date.ok() ? core::ChineseDate(*date) : "");
    c.Set("how", how.empty() ? "以书面形式向受理机关提交补正后的申请" : how);
    v.Set("correction", c);
  }
  View list = View::List();
  for (const auto& l : letters) {
    View item;
    item.Set("letter_id", std::to_string(l.id));
    item.Set("title", l.title);
    item.Set("issued_on", core::ChineseDate(l.issued_on));
    list.Push(item);
  }
  v.Set("letters", list);
  v.Set("has_letters", View::Bool(!letters.empty()));
  return v;
}

}  // namespace gongkai::web
