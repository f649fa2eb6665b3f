#include "base/status.h"

namespace warta {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "OK";
    case StatusCode::kInvalidArgument:
      return "InvalidArgument";
    case StatusCode::kNotFound:
      return "NotFound";
    case StatusCode::kAlreadyExists:
      return "AlreadyExists";
    case StatusCode::kConflict:
      return "Conflict";
    case StatusCode::kUnauthenticated:
      return "Unauthenticated";
    case StatusCode::kPermissionDenied:
      return "PermissionDenied";
    case StatusCode::kResourceExhausted:
      return "ResourceExhausted";
    case StatusCode::kFailedPrecondition:
      return "FailedPrecondition";
    case StatusCode::kUnavailable:
      return "Unavailable";
    case StatusCode::kIoError:
      return "IoError";
    case StatusCode::kInternal:
      return "Internal";
  }
  return "Unknown";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out(StatusCodeName(code_));
  out += ": ";
  out += message_;
  return out;
}

Status Status::WithContext(std::string_view prefix) const {
  if (ok()) return *this;
  std::string m(prefix);
  m += ": ";
  m += message_;
  Status out(code_, std::move(m));
  out.reason_ = reason_;
  return out;
}

Status Status::WithReason(std::string_view code, ReasonParams params) const& {
  return Status(*this).WithReason(code, params);
}

Status Status::WithReason(std::string_view code, ReasonParams params) && {
  if (ok()) return std::move(*this);
  auto reason = std::make_shared<StatusReason>();
  reason->code = std::string(code);
  reason->params.reserve(params.size());
  for (const auto& [name, value] : params)
    reason->params.emplace_back(std::string(name), std::string(value));
  if (reason_) reason->field = reason_->field;
  reason_ = std::move(reason);
  return std::move(*this);
}

Status Status::WithField(std::string_view field) const& {
  return Status(*this).WithField(field);
}

Status Status::WithField(std::string_view field) && {
  if (ok()) return std::move(*this);
  auto reason =
      reason_ ? std::make_shared<StatusReason>(*reason_)
              : std::make_shared<StatusReason>();
  reason->field = std::string(field);
  reason_ = std::move(reason);
  return std::move(*this);
}

const std::vector<std::pair<std::string, std::string>>& Status::reason_params()
    const {
  static const std::vector<std::pair<std::string, std::string>> kNone;
  return reason_ ? reason_->params : kNone;
}

}  // namespace warta
