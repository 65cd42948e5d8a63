// The one map from core::Status to HTTP (DESIGN §6), used by the portal, the back office
// and the JSON API. A failed status becomes an ErrorReply: the HTTP status, the message the
// client sees, the field it names, and the message for the log, kept apart from the shown
// one (a database error's text never reaches a client).
//
//   kInvalidArgument     422  the input is refused; `field` names the field
//   kNotFound            404
//   kAlreadyExists       409  the input conflicts with a stored record
//   kFailedPrecondition  409  the record's state refuses the step
//   kPermissionDenied    403
//   kUnavailable         503  "服务暂不可用" shown, the status logged
//   kDataLoss, kInternal 500  "服务器内部错误" shown, the status logged
//
// Each front end renders the reply in its own form: the portal and the back office as an
// HTML page (their templates), the API as JSON (JsonErrorBody). Thread-safe (pure).
#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"

namespace gongkai::web {

struct ErrorReply {
  int status = 500;         // the HTTP status
  std::string code;         // core::ErrorCodeName: "invalid_argument", "not_found", …
  std::string message;      // shown to the client (Chinese)
  std::string field;        // the field the status names ("" for none)
  std::string log_message;  // for the log; "" when the failure is the client's (4xx)
};

// The reply for a failed `status` (an OK status maps to 500: callers map failures only).
ErrorReply MapError(const core::Status& status);

// The HTTP status of a failed status's code (MapError's table).
int HttpStatusOf(core::ErrorCode code);

// {"error":{"code":…,"message":…,"field":…}} (field omitted when empty), the API's body.
std::string JsonErrorBody(std::string_view code, std::string_view message,
                          std::string_view field = {});

// The message an HTML error page shows for `reply`: its message, with the field named
// after it when the status names one ("标题不能为空（字段：title）").
std::string PageMessage(const ErrorReply& reply);

}  // namespace gongkai::web
