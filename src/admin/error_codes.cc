#include "admin/error_codes.h"

namespace warta::admin {
namespace {

// Every reason code (Status::reason) the admin API passes on, with the names
// of its params: the code that makes an error sets one of these (see
// error_codes.h); the UI locales translate each as "error_CODE".
const std::vector<ErrorCodeInfo>& ReasonCodes() {
  static const std::vector<ErrorCodeInfo> kReasonCodes = {
      // Requests.
      {"not_json", {}},
      {"not_json_object", {}},
      {"body_too_large", {}},
      {"invalid_utf8", {}},
      // Articles.
      {"title_empty", {}},
      {"version_required", {}},
      {"version_conflict", {}},
      {"slug_invalid", {"slug"}},
      {"link_invalid", {"field"}},
      {"schedule_needs_time", {}},
      {"schedule_in_past", {}},
      {"publish_in_future", {}},
      {"time_out_of_range", {"field"}},
      {"time_invalid", {"field"}},
      {"dateline_too_long", {}},
      {"status_filter", {}},
      {"review_filter", {}},
      {"submit_not_draft", {}},
      {"return_published", {}},
      {"no_live_version", {}},
      {"against_invalid", {}},
      {"revision_invalid", {}},
      {"not_live_report", {}},
      {"tag_needs_editor", {"field", "name"}},
      {"name_no_letters", {"field", "name"}},
      // Images.
      {"image_busy", {}},
      {"image_too_large", {}},
      {"image_format", {}},
      {"image_size", {"size"}},
      {"image_unreadable", {}},
      // The home page, the banner, taxonomies.
      {"article_not_published", {"field", "id"}},
      {"no_such_article", {"field", "id"}},
      {"merge_target_missing", {"name"}},
      {"merge_target_invalid", {}},
      {"text_empty", {}},
      // Accounts, sessions, tokens.
      {"login_wrong", {}},
      {"login_missing", {}},
      {"login_throttled", {"seconds"}},
      {"not_logged_in", {}},
      {"session_expired", {}},
      {"account_disabled", {}},
      {"token_invalid", {}},
      {"csrf", {}},
      {"cross_origin", {}},
      {"role_not_allowed", {"action", "role"}},
      {"token_scope", {"action", "scope"}},
      {"token_grant", {"scope"}},
      {"scope_unknown", {"scope"}},
      {"scope_none", {}},
      {"role_invalid", {}},
      {"last_admin", {}},
      {"roles_admin_only", {}},
      {"password_short", {"n"}},
      {"user_exists", {"email"}},
      {"set_up_already", {}},
      {"setting_unknown", {"field"}},
      {"settings_fixed", {}},
      // General shapes of "field: problem".
      {"required", {"field"}},
      {"too_long_chars", {"field", "n"}},
      {"too_long_bytes", {"field", "n"}},
      {"too_long", {"field"}},
      {"too_many", {"field", "n"}},
      {"must_be_future", {"field"}},
      {"expected_bool", {"field"}},
      {"expected_range", {"field", "min", "max"}},
      {"expected_id", {"field"}},
      {"expected_value", {"field"}},
      {"not_found", {"what"}},
  };
  return kReasonCodes;
}

const ErrorCodeInfo* FindReason(std::string_view code) {
  for (const ErrorCodeInfo& c : ReasonCodes()) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

// The general code of a status: what an error without a known reason says.
std::string_view GeneralCode(StatusCode code) {
  switch (code) {
    case StatusCode::kInvalidArgument:
      return "invalid_request";
    case StatusCode::kUnauthenticated:
      return "unauthenticated";
    case StatusCode::kPermissionDenied:
      return "forbidden";
    case StatusCode::kNotFound:
      return "not_found";
    case StatusCode::kAlreadyExists:
      return "already_exists";
    case StatusCode::kConflict:
    case StatusCode::kFailedPrecondition:
      return "conflict";
    case StatusCode::kResourceExhausted:
      return "rate_limited";
    case StatusCode::kUnavailable:
      return "unavailable";
    default:
      return "internal";
  }
}

constexpr std::string_view kGeneralCodes[] = {
    "invalid_request", "unauthenticated", "forbidden",
    "not_found",       "already_exists",  "conflict",
    "rate_limited",    "unavailable",     "internal"};

bool IsServerError(StatusCode code) { return GeneralCode(code) == "internal"; }

}  // namespace

ApiError ErrorCodeOf(const Status& s) {
  ApiError out;
  // A server fault says nothing more (its reason may name private things).
  const ErrorCodeInfo* known =
      IsServerError(s.code()) ? nullptr : FindReason(s.reason());
  if (known == nullptr) {
    out.code = std::string(GeneralCode(s.code()));
    return out;
  }
  out.code = std::string(known->code);
  // Only the params the code declares: the locales' placeholders.
  for (const auto& [name, value] : s.reason_params()) {
    for (std::string_view p : known->params) {
      if (p == name) out.params[name] = value;
    }
  }
  return out;
}

std::vector<ErrorCodeInfo> AllErrorCodes() {
  std::vector<ErrorCodeInfo> out = ReasonCodes();
  // Once each: "not_found" is a reason (with "what") and a general code.
  for (std::string_view g : kGeneralCodes) {
    if (FindReason(g) == nullptr) out.push_back({g, {}});
  }
  return out;
}

}  // namespace warta::admin
