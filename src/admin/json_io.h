// JSON in and out of the admin API: responses, errors with their HTTP
// status, and typed field readers that name the field on bad input. JSON is
// parsed with exceptions off; readers check types before reading.
// Pure functions; thread-safe.
#ifndef WARTA_ADMIN_JSON_IO_H_
#define WARTA_ADMIN_JSON_IO_H_

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "http/request.h"
#include "http/response.h"

namespace warta::admin {

using json = nlohmann::json;

// A JSON response (never cached).
http::Response JsonResponse(int status, const json& body);

// The HTTP status for a Status code: 400, 401, 403, 404, 409, 429, 500.
int HttpStatusFor(const Status& s);
// {"error": message, "code": stable code, "params": {...}} (admin/
// error_codes.h; "internal error" for a server fault).
json ErrorJson(const Status& s);
// ErrorJson, and "field" for a 400 whose status names one (Status::WithField,
// set where the error is made), with the matching status. A server fault
// (500) is logged with its cause, after `where` (e.g. the request's path):
// the reader of the answer sees only "internal error", the operator the
// reason, whichever handler made it.
http::Response ErrorResponse(const Status& s, std::string_view where = {});

// The request body as a JSON object; InvalidArgument otherwise. An empty
// body is an empty object.
Result<json> ParseBody(const http::Request& req);

// Field readers: nullopt when absent (or null when `null_ok`);
// InvalidArgument "field: expected ..." on a wrong type.
Result<std::optional<std::string>> OptString(const json& j, const char* field);
Result<std::optional<std::int64_t>> OptInt(const json& j, const char* field);
Result<std::optional<bool>> OptBool(const json& j, const char* field);
// A list of names: ["a", "b"], [{"name": "a"}], or "a, b". At most
// kMaxNames distinct names (case-insensitive) from at most kMaxNameEntries
// entries, in either form; InvalidArgument beyond.
inline constexpr std::size_t kMaxNames = 50;
inline constexpr std::size_t kMaxNameEntries = 4 * kMaxNames;
Result<std::optional<std::vector<std::string>>> OptNames(const json& j,
                                                         const char* field);
// A required string; InvalidArgument "field: required" when absent.
Result<std::string> RequiredString(const json& j, const char* field);

// Serialises without throwing on invalid UTF-8 (replaced by U+FFFD).
std::string Dump(const json& j);

}  // namespace warta::admin

#endif  // WARTA_ADMIN_JSON_IO_H_
