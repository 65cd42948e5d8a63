#include "web/error_map.hpp"

#include "core/json_writer.hpp"

namespace gongkai::web {

int HttpStatusOf(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::kInvalidArgument:
      return 422;
    case core::ErrorCode::kNotFound:
      return 404;
    case core::ErrorCode::kAlreadyExists:
    case core::ErrorCode::kFailedPrecondition:
      return 409;
    case core::ErrorCode::kPermissionDenied:
      return 403;
    case core::ErrorCode::kUnavailable:
      return 503;
    case core::ErrorCode::kOk:
    case core::ErrorCode::kDataLoss:
    case core::ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

ErrorReply MapError(const core::Status& status) {
  ErrorReply r;
  r.status = HttpStatusOf(status.code());
  r.code = core::ErrorCodeName(status.code());
  r.field = status.field();
  if (r.status >= 500) {
    // The client learns nothing of the cause; the log keeps all of it.
    r.message = r.status == 503 ? "服务暂不可用，请稍后再试" : "服务器内部错误";
    r.field.clear();
    r.log_message = status.ToString();
  } else {
    r.message = status.message();
  }
  return r;
}

std::string JsonErrorBody(std::string_view code, std::string_view message, std::string_view field) {
  std::string out = "{\"error\":{\"code\":";
  core::AppendJsonString(out, code);
  out += ",\"message\":";
  core::AppendJsonString(out, message);
  if (!field.empty()) {
    out += ",\"field\":";
    core::AppendJsonString(out, field);
  }
  out += "}}";
  return out;
}

std::string PageMessage(const ErrorReply& reply) {
  if (reply.field.empty() || reply.message.find(reply.field) != std::string::npos) {
    return reply.message;
  }
  return reply.message + "（字段：" + reply.field + "）";
}

}  // namespace gongkai::web
