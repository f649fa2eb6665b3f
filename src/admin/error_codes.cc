#include "admin/error_codes.h"

#include <regex>

namespace warta::admin {
namespace {

// One kind of error: the code, the status it comes with (kOk: any), the
// whole message as an ECMAScript pattern, and names for its groups.
struct ErrorPattern {
  std::string_view code;
  StatusCode status;
  std::string_view pattern;
  std::vector<std::string_view> params;
};

constexpr StatusCode kAny = StatusCode::kOk;
constexpr StatusCode kBad = StatusCode::kInvalidArgument;

// First match wins: specific messages before the general shapes.
const std::vector<ErrorPattern>& Patterns() {
  static const std::vector<ErrorPattern> kErrorPatterns = {
      // Requests.
      {"not_json", kBad, R"(body: not valid JSON)", {}},
      {"not_json_object", kBad, R"((?:body: )?expected a JSON object)", {}},
      {"body_too_large", kBad, R"(body: larger than 1 MiB)", {}},
      {"invalid_utf8", kBad, R"(text is not valid UTF-8)", {}},
      // Articles.
      {"title_empty", kBad, R"(title: must not be empty)", {}},
      {"version_required", kBad, R"(version: required.*)", {}},
      {"version_conflict",
       kAny,
       R"(article \d+ is at version \d+, not \d+|the article changed.*)",
       {}},
      {"slug_invalid",
       kBad,
       R"(slug: "(.*)" must be lower-case letters, digits and hyphens)",
       {"slug"}},
      {"link_invalid",
       kBad,
       R"(([\w.]+): expected a /path or an http\(s\) URL)",
       {"field"}},
      {"schedule_needs_time",
       kBad,
       R"(published_at: a scheduled article needs a time)",
       {}},
      {"schedule_in_past",
       kBad,
       R"(published_at: must be in the future for a scheduled article)",
       {}},
      {"publish_in_future",
       kBad,
       R"(published_at: in the future; use status "scheduled")",
       {}},
      {"time_out_of_range",
       kBad,
       R"(([\w.]+): (?:".*" is )?outside 1900-01-01 to 9999-12-31)",
       {"field"}},
      {"time_invalid",
       kBad,
       R"(([\w.]+): (?:".*" is not an ISO 8601 time|expected an ISO 8601 time))",
       {"field"}},
      {"dateline_too_long", kBad, R"(dateline or source: too long)", {}},
      {"status_filter",
       kBad,
       R"(status: expected draft, scheduled(?:, published or trash| or published))",
       {}},
      {"review_filter", kBad, R"(review: expected submitted or returned)", {}},
      {"submit_not_draft",
       StatusCode::kFailedPrecondition,
       R"(only a draft can be submitted for review)",
       {}},
      {"return_published",
       StatusCode::kFailedPrecondition,
       R"(a published article cannot be returned; unpublish it first)",
       {}},
      {"no_live_version",
       StatusCode::kFailedPrecondition,
       R"(against: the article has no live version.*)",
       {}},
      {"against_invalid", kBad, R"(against: expected previous or live)", {}},
      {"revision_invalid", kBad, R"(revision: .*)", {}},
      {"not_live_report",
       kBad,
       R"(live_report: the article is not a live report)",
       {}},
      {"tag_needs_editor",
       StatusCode::kPermissionDenied,
       R"(([\w.]+): "(.*)" does not exist and only editors may create it)",
       {"field", "name"}},
      {"name_no_letters",
       kBad,
       R"(([\w.]+): "(.*)" has no letters or digits)",
       {"field", "name"}},
      // Images.
      {"image_busy",
       StatusCode::kUnavailable,
       R"(image: the server is busy; try again)",
       {}},
      {"image_too_large", kBad, R"(image: larger than the upload limit.*)", {}},
      {"image_format", kBad, R"(image: not a JPEG, PNG, WebP or AVIF image)", {}},
      {"image_size", kBad, R"(image: size (\d+x\d+).*)", {"size"}},
      {"image_unreadable", kBad, R"(image: .*)", {}},
      // The home page, the banner, taxonomies.
      {"article_not_published",
       kBad,
       R"(([\w.]+): article (\d+) is not published)",
       {"field", "id"}},
      {"no_such_article",
       kBad,
       R"(([\w.]+): no article (\d+))",
       {"field", "id"}},
      {"merge_target_missing", kAny, R"(into: no tag "(.*)")", {"name"}},
      {"merge_target_invalid", kBad, R"(into: a tag id, slug or name)", {}},
      {"text_empty", kBad, R"(text: must not be empty)", {}},
      // Accounts, sessions, tokens.
      {"login_wrong",
       StatusCode::kUnauthenticated,
       R"(wrong e-mail or password)",
       {}},
      {"login_missing",
       kBad,
       R"(email: and password are required)",
       {}},
      {"login_throttled",
       StatusCode::kResourceExhausted,
       R"(too many failed logins; try again in (\d+) s)",
       {"seconds"}},
      {"not_logged_in", StatusCode::kUnauthenticated, R"(not logged in)", {}},
      {"session_expired",
       StatusCode::kUnauthenticated,
       R"(the session (?:expired|ended); log in again)",
       {}},
      {"account_disabled",
       StatusCode::kUnauthenticated,
       R"(the (?:account|token's user) is disabled)",
       {}},
      {"token_invalid",
       StatusCode::kUnauthenticated,
       R"(unknown API token|the API token was revoked)",
       {}},
      {"csrf",
       StatusCode::kPermissionDenied,
       R"(missing or wrong X-CSRF-Token)",
       {}},
      {"cross_origin",
       StatusCode::kPermissionDenied,
       R"(cross-origin (?:request refused|login))",
       {}},
      {"role_not_allowed",
       StatusCode::kPermissionDenied,
       R"(([\w.]+): not allowed for role (\w+))",
       {"action", "role"}},
      {"token_scope",
       StatusCode::kPermissionDenied,
       R"(([\w.]+): the token lacks scope ([\w.]+))",
       {"action", "scope"}},
      {"token_grant",
       StatusCode::kPermissionDenied,
       R"(tokens.own: a token cannot grant scope ([\w.]+).*)",
       {"scope"}},
      {"scope_unknown", kBad, R"(scopes: unknown scope "(.*)")", {"scope"}},
      {"scope_none", kBad, R"(scopes: none given)", {}},
      {"role_invalid",
       kBad,
       R"(role: expected kontributor, penulis, editor or admin)",
       {}},
      {"last_admin",
       StatusCode::kFailedPrecondition,
       R"(role: the last active admin cannot be demoted or disabled)",
       {}},
      {"roles_admin_only",
       StatusCode::kPermissionDenied,
       R"(users.manage: only admins change roles)",
       {}},
      {"password_short", kBad, R"(password: at least (\d+) characters)",
       {"n"}},
      {"user_exists", StatusCode::kAlreadyExists, R"(user (.*) exists)",
       {"email"}},
      {"set_up_already", StatusCode::kNotFound, R"(set up already)", {}},
      {"setting_unknown",
       kBad,
       R"(([\w.]+): not a setting.*)",
       {"field"}},
      {"settings_fixed",
       StatusCode::kUnavailable,
       R"(settings cannot be changed here)",
       {}},
      // General shapes "field: problem".
      {"required", kBad, R"(([\w.]+): required.*)", {"field"}},
      {"too_long_chars",
       kBad,
       R"(([\w.]+): longer than (\d+) characters)",
       {"field", "n"}},
      {"too_long_bytes",
       kBad,
       R"(([\w.]+): (?:longer than|at most) (\d+) bytes)",
       {"field", "n"}},
      {"too_long", kBad, R"(([\w.]+): (?:too long|1 to \d+ characters))",
       {"field"}},
      {"too_many", kBad, R"(([\w.]+): at most (\d+)(?: stories)?)",
       {"field", "n"}},
      {"must_be_future", kBad, R"(([\w.]+): must be in the future)",
       {"field"}},
      {"expected_bool", kBad, R"(([\w.]+): expected true or false)",
       {"field"}},
      {"expected_range",
       kBad,
       R"(([\w.]+): expected (?:a number from )?(\d+) to (\d+))",
       {"field", "min", "max"}},
      {"expected_id",
       kBad,
       R"(([\w.]+): expected (?:an? (?:article |author's )?id|a list of article ids|a positive number|a whole number))",
       {"field"}},
      {"expected_value", kBad, R"(([\w.]+): expected .*)", {"field"}},
      {"not_found",
       StatusCode::kNotFound,
       R"((article|revision|user|tags|categories|authors|token|image)s? .*)",
       {"what"}},
  };
  return kErrorPatterns;
}

struct Compiled {
  const ErrorPattern* entry;
  std::regex re;
};

const std::vector<Compiled>& CompiledPatterns() {
  static const std::vector<Compiled> kCompiled = [] {
    std::vector<Compiled> out;
    for (const ErrorPattern& p : Patterns()) {
      out.push_back(
          {&p, std::regex(std::string(p.pattern), std::regex::ECMAScript)});
    }
    return out;
  }();
  return kCompiled;
}

// The general code of a status: what an unknown message still says.
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
  // A server fault's message is not shown (it may name files): no params.
  if (!IsServerError(s.code())) {
    const std::string& message = s.message();
    for (const Compiled& c : CompiledPatterns()) {
      if (c.entry->status != kAny && c.entry->status != s.code()) continue;
      std::smatch m;
      if (!std::regex_match(message, m, c.re)) continue;
      out.code = std::string(c.entry->code);
      for (size_t i = 0; i < c.entry->params.size() && i + 1 < m.size(); ++i)
        out.params[std::string(c.entry->params[i])] = m[i + 1].str();
      return out;
    }
  }
  out.code = std::string(GeneralCode(s.code()));
  return out;
}

std::vector<ErrorCodeInfo> AllErrorCodes() {
  std::vector<ErrorCodeInfo> out;
  for (const ErrorPattern& p : Patterns()) {
    bool seen = false;
    for (ErrorCodeInfo& o : out) seen = seen || o.code == p.code;
    if (!seen) out.push_back({p.code, p.params});
  }
  for (std::string_view g : kGeneralCodes) out.push_back({g, {}});
  return out;
}

}  // namespace warta::admin
