#include "admin/json_io.h"

#include <algorithm>
#include <unordered_set>

#include "admin/error_codes.h"
#include "base/log.h"
#include "base/strings.h"

namespace warta::admin {

std::string Dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

http::Response JsonResponse(int status, const json& body) {
  http::Response r = http::Response::Json(status, Dump(body) + "\n");
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

int HttpStatusFor(const Status& s) {
  switch (s.code()) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
    case StatusCode::kConflict:
    case StatusCode::kFailedPrecondition:
      return 409;
    case StatusCode::kResourceExhausted:
      return 429;
    case StatusCode::kUnavailable:
      return 503;
    default:
      return 500;
  }
}

json ErrorJson(const Status& s) {
  const bool fault = HttpStatusFor(s) == 500;
  ApiError e = ErrorCodeOf(s);
  return {{"error", fault ? "internal error" : s.message()},
          {"code", e.code},
          {"params", e.params}};
}

http::Response ErrorResponse(const Status& s, std::string_view where) {
  int status = HttpStatusFor(s);
  if (status == 500) {
    LogError(where.empty() ? "admin API: " + s.ToString()
                           : std::string(where) + ": " + s.ToString());
  }
  json body = ErrorJson(s);
  // The field the error is about, named where the error was made.
  if (status == 400 && !s.field().empty()) body["field"] = s.field();
  http::Response r = JsonResponse(status, body);
  // The database (or a resource) is down for a while: nothing was saved.
  if (status == 503) r.SetHeader("Retry-After", "5");
  return r;
}

Result<json> ParseBody(const http::Request& req) {
  if (Trim(req.body).empty()) return json::object();
  json j = json::parse(req.body, nullptr, false);
  if (j.is_discarded()) {
    return Status::InvalidArgument("body: not valid JSON")
        .WithField("body")
        .WithReason("not_json");
  }
  if (!j.is_object()) {
    return Status::InvalidArgument("body: expected a JSON object")
        .WithField("body")
        .WithReason("not_json_object");
  }
  return j;
}

namespace {

// "field: expected WANT", with the reason `reason` naming the field.
Status WrongType(const char* field, const char* want,
                 std::string_view reason = "expected_value") {
  return Status::InvalidArgument(std::string(field) + ": expected " + want)
      .WithField(field)
      .WithReason(reason, {{"field", field}});
}

}  // namespace

Result<std::optional<std::string>> OptString(const json& j, const char* field) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return WrongType(field, "a string");
  return std::optional<std::string>(it->get<std::string>());
}

Result<std::optional<std::int64_t>> OptInt(const json& j, const char* field) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) return std::optional<std::int64_t>();
  if (it->is_number_integer())
    return std::optional<std::int64_t>(it->get<std::int64_t>());
  if (it->is_string()) {
    if (auto n = ParseInt(it->get<std::string>()))
      return std::optional<std::int64_t>(*n);
  }
  return WrongType(field, "a whole number", "expected_id");
}

Result<std::optional<bool>> OptBool(const json& j, const char* field) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) return std::optional<bool>();
  if (!it->is_boolean())
    return WrongType(field, "true or false", "expected_bool");
  return std::optional<bool>(it->get<bool>());
}

Result<std::optional<std::vector<std::string>>> OptNames(const json& j,
                                                         const char* field) {
  using Out = std::optional<std::vector<std::string>>;
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) return Out();
  // The count is checked before any work per name, and names are
  // de-duplicated through a set: cost stays linear in the request.
  auto too_many = [&] {
    const std::string n = std::to_string(kMaxNames);
    return Status::InvalidArgument(std::string(field) + ": at most " + n)
        .WithField(field)
        .WithReason("too_many", {{"field", field}, {"n", n}});
  };
  std::vector<std::string> names;
  std::unordered_set<std::string> seen;
  auto add = [&](std::string_view n) {
    n = Trim(n);
    if (n.empty()) return;
    if (seen.insert(AsciiLower(n)).second) names.emplace_back(n);
  };
  if (it->is_string()) {
    const std::string text = it->get<std::string>();  // outlives the views
    if (std::count(text.begin(), text.end(), ',') >=
        static_cast<std::ptrdiff_t>(kMaxNameEntries))
      return too_many();
    for (std::string_view n : Split(text, ',')) add(n);
  } else if (it->is_array()) {
    if (it->size() > kMaxNameEntries) return too_many();
    for (const auto& e : *it) {
      if (e.is_string()) {
        add(e.get<std::string>());
      } else if (e.is_object() && e.contains("name") && e["name"].is_string()) {
        add(e["name"].get<std::string>());
      } else {
        return WrongType(field, "a list of names");
      }
    }
  } else {
    return WrongType(field, "a list of names");
  }
  if (names.size() > kMaxNames) return too_many();
  return Out(std::move(names));
}

Result<std::string> RequiredString(const json& j, const char* field) {
  WARTA_ASSIGN_OR_RETURN(auto v, OptString(j, field));
  if (!v || Trim(*v).empty())
    return Status::InvalidArgument(std::string(field) + ": required")
        .WithField(field)
        .WithReason("required", {{"field", field}});
  return *v;
}

}  // namespace warta::admin
