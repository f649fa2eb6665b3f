// Status: the outcome of an operation that can fail in an expected way.
// A value type; cheap to copy when ok. Thread-compatible.
#ifndef WARTA_BASE_STATUS_H_
#define WARTA_BASE_STATUS_H_

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace warta {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // the caller's input is wrong (bad file, bad field)
  kNotFound,            // the thing asked for does not exist
  kAlreadyExists,       // a unique key is taken
  kConflict,            // a stale version or a concurrent change
  kUnauthenticated,     // no valid credentials
  kPermissionDenied,    // credentials valid, role not allowed
  kResourceExhausted,   // a limit or rate was exceeded
  kFailedPrecondition,  // the system is not in a state for this
  kUnavailable,         // a dependency is down; retrying may help
  kIoError,             // the file system or database failed
  kInternal,            // a bug
};

std::string_view StatusCodeName(StatusCode code);

// Why an expected failure happened, for programs rather than people: a short
// snake_case code ("slug_invalid") and named values ({"slug", "Ab C"}), set by
// the code that makes the error (see Status::WithReason). Callers that need
// to tell errors apart (the admin API's error codes) read it instead of the
// message, whose wording may change.
// `field` is the request field the error is about ("title", "lead.id"),
// set with Status::WithField; the admin API answers it as "field".
struct StatusReason {
  std::string code;
  std::vector<std::pair<std::string, std::string>> params;
  std::string field;
};

class Status {
 public:
  Status() = default;  // ok
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) {
    return {StatusCode::kInvalidArgument, std::move(m)};
  }
  static Status NotFound(std::string m) {
    return {StatusCode::kNotFound, std::move(m)};
  }
  static Status AlreadyExists(std::string m) {
    return {StatusCode::kAlreadyExists, std::move(m)};
  }
  static Status Conflict(std::string m) {
    return {StatusCode::kConflict, std::move(m)};
  }
  static Status Unauthenticated(std::string m) {
    return {StatusCode::kUnauthenticated, std::move(m)};
  }
  static Status PermissionDenied(std::string m) {
    return {StatusCode::kPermissionDenied, std::move(m)};
  }
  static Status ResourceExhausted(std::string m) {
    return {StatusCode::kResourceExhausted, std::move(m)};
  }
  static Status FailedPrecondition(std::string m) {
    return {StatusCode::kFailedPrecondition, std::move(m)};
  }
  static Status Unavailable(std::string m) {
    return {StatusCode::kUnavailable, std::move(m)};
  }
  static Status IoError(std::string m) {
    return {StatusCode::kIoError, std::move(m)};
  }
  static Status Internal(std::string m) {
    return {StatusCode::kInternal, std::move(m)};
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  bool IsNotFound() const { return code_ == StatusCode::kNotFound; }

  // "NotFound: article 12" or "OK".
  std::string ToString() const;

  // Returns a copy whose message is "prefix: message" (the reason is kept).
  Status WithContext(std::string_view prefix) const;

  // Returns this status carrying the reason `code` with `params` (name,
  // value) in the order given; replaces an earlier reason (its field is
  // kept). An ok status stays as it is. The reason is shared, immutable,
  // between copies.
  using ReasonParams =
      std::initializer_list<std::pair<std::string_view, std::string_view>>;
  Status WithReason(std::string_view code, ReasonParams params = {}) const&;
  Status WithReason(std::string_view code, ReasonParams params = {}) &&;

  // Returns this status naming `field`, the input it is about (a request's
  // field, "title"); replaces an earlier field, keeps the reason. An ok
  // status stays as it is.
  Status WithField(std::string_view field) const&;
  Status WithField(std::string_view field) &&;

  // The reason's code, "" when none was given.
  std::string_view reason() const {
    return reason_ ? std::string_view(reason_->code) : std::string_view();
  }
  // The field named by WithField, "" when none was.
  std::string_view field() const {
    return reason_ ? std::string_view(reason_->field) : std::string_view();
  }
  // The reason's params, empty when none were given.
  const std::vector<std::pair<std::string, std::string>>& reason_params() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  // Null unless WithReason or WithField was called: an ok status allocates
  // nothing.
  std::shared_ptr<const StatusReason> reason_;
};

}  // namespace warta

// Returns early from the enclosing function when `expr` (a Status) fails.
#define WARTA_RETURN_IF_ERROR(expr)                \
  do {                                             \
    ::warta::Status warta_status_ = (expr);        \
    if (!warta_status_.ok()) return warta_status_; \
  } while (0)

#endif  // WARTA_BASE_STATUS_H_
