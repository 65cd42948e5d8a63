// Status and Result<T>: the error vocabulary every layer speaks at its boundaries.
//
// A Status carries a code (which web/ maps to an HTTP status and the CLI to an exit
// code), a message meant for the person who caused the error (Chinese or English, no
// personal data), and optionally the name of the input field at fault.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace gongkai::core {

enum class ErrorCode {
  kOk = 0,
  kInvalidArgument,     // bad input: a malformed date, an unknown code
  kNotFound,            // the thing named does not exist
  kAlreadyExists,       // a unique key is taken
  kFailedPrecondition,  // the state does not allow it (e.g. publish before review)
  kPermissionDenied,    // the actor may not do it
  kUnavailable,         // a dependency (database) cannot be reached
  kDataLoss,            // stored data is inconsistent (e.g. a broken audit chain)
  kInternal,            // a bug
};

const char* ErrorCodeName(ErrorCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // The input field at fault, or empty.
  const std::string& field() const { return field_; }

  std::string ToString() const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
  std::string field_;
};

inline Status InvalidArgument(std::string message, std::string field = {}) {
  return Status(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}
inline Status NotFound(std::string message, std::string field = {}) {
  return Status(ErrorCode::kNotFound, std::move(message), std::move(field));
}
inline Status AlreadyExists(std::string message, std::string field = {}) {
  return Status(ErrorCode::kAlreadyExists, std::move(message), std::move(field));
}
inline Status FailedPrecondition(std::string message) {
  return Status(ErrorCode::kFailedPrecondition, std::move(message));
}
inline Status PermissionDenied(std::string message) {
  return Status(ErrorCode::kPermissionDenied, std::move(message));
}
inline Status Unavailable(std::string message) {
  return Status(ErrorCode::kUnavailable, std::move(message));
}
inline Status DataLoss(std::string message) {
  return Status(ErrorCode::kDataLoss, std::move(message));
}
inline Status Internal(std::string message) {
  return Status(ErrorCode::kInternal, std::move(message));
}

// A value or the Status explaining why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(state_).ok() && "Result built from an OK status");
  }

  bool ok() const { return std::holds_alternative<T>(state_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(state_);
  }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace gongkai::core

// Returns early from the enclosing function when `expr` (a Status) is not OK.
#define GONGKAI_RETURN_IF_ERROR(expr)                  \
  do {                                                 \
    ::gongkai::core::Status gongkai_status_ = (expr);  \
    if (!gongkai_status_.ok()) return gongkai_status_; \
  } while (0)

#define GONGKAI_CONCAT_INNER_(a, b) a##b
#define GONGKAI_CONCAT_(a, b) GONGKAI_CONCAT_INNER_(a, b)

// Declares `lhs` from a Result expression, returning its Status early on error. `lhs` is a
// declaration or an lvalue (`auto x`, `std::string s`, `out.id`), which parentheses would
// break: hence the NOLINT for bugprone-macro-parentheses.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define GONGKAI_ASSIGN_OR_RETURN(lhs, expr) \
  GONGKAI_ASSIGN_OR_RETURN_IMPL_(GONGKAI_CONCAT_(gongkai_result_, __LINE__), lhs, expr)
#define GONGKAI_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                   \
  if (!tmp.ok()) return tmp.status();                  \
  lhs = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)
