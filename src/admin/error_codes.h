// Stable codes for the admin API's errors, so the editor can show each in
// the reader's language: every error response carries {"error": message,
// "code": CODE, "params": {...}} and the UI locales hold "error_CODE" with
// the same {param} placeholders. The code and params are the reason the
// error was made with (Status::WithReason, set where the error is made:
// admin, newsroom, media, store), never read from the message; the codes
// the API passes on are listed once (kReasonCodes in error_codes.cc). An
// error without a listed reason, and any server fault, gets its status's
// general code ("invalid_request", "forbidden", ...), which is translated
// too. Pure functions; thread-safe.
#ifndef WARTA_ADMIN_ERROR_CODES_H_
#define WARTA_ADMIN_ERROR_CODES_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace warta::admin {

struct ApiError {
  std::string code;                           // "too_long_chars", ...
  std::map<std::string, std::string> params;  // {"field": "meta_title", ...}
};

// The code and parameters for an error the admin API returns with `s`.
ApiError ErrorCodeOf(const Status& s);

// Every code ErrorCodeOf can return (the table's and the general ones) with
// the names of its params, for the test that holds both locales to
// translate each.
struct ErrorCodeInfo {
  std::string_view code;
  std::vector<std::string_view> params;
};
std::vector<ErrorCodeInfo> AllErrorCodes();

}  // namespace warta::admin

#endif  // WARTA_ADMIN_ERROR_CODES_H_
