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
      {"not_json", kBad, R"re(body: not valid JSON)re", {}},
      {"not_json_object", kBad, R"re((?:body: )?expected a JSON object)re", {}},
      {"body_too_large", kBad, R"re(body: larger than 1 MiB)re", {}},
      {"invalid_utf8", kBad, R"re(text is not valid UTF-8)re", {}},
      // Articles.
      {"title_empty", kBad, R"re(title: must not be empty)re", {}},
      {"version_required", kBad, R"re(version: required.*)re", {}},
      {"version_conflict",
       kAny,
       R"re(article \d+ is at version \d+, not \d+|the article changed.*)re",
       {}},
      {"slug_invalid",
       kBad,
       R"re(slug: "(.*)" must be lower-case letters, digits and hyphens)re",
       {"slug"}},
      {"link_invalid",
       kBad,
       R"re(([\w.]+): expected a /path or an http\(s\) URL)re",
       {"field"}},
      {"schedule_needs_time",
       kBad,
       R"re(published_at: a scheduled article needs a time)re",
       {}},
      {"schedule_in_past",
       kBad,
       R"re(published_at: must be in the future for a scheduled article)re",
       {}},
      {"publish_in_future",
       kBad,
       R"re(published_at: in the future; use status "scheduled")re",
       {}},
      {"time_out_of_range",
       kBad,
       R"re(([\w.]+): (?:".*" is )?outside 1900-01-01 to 9999-12-31)re",
       {"field"}},
      {"time_invalid",
       kBad,
       R"re(([\w.]+): (?:".*" is not an ISO 8601 time|expected an ISO 8601 time))re",
       {"field"}},
      {"dateline_too_long", kBad, R"re(dateline or source: too long)re", {}},
      {"status_filter",
       kBad,
       R"re(status: expected draft, scheduled(?:, published or trash| or published))re",
       {}},
      {"review_filter",
       kBad,
       R"re(review: expected submitted or returned)re",
       {}},
      {"submit_not_draft",
       StatusCode::kFailedPrecondition,
       R"re(only a draft can be submitted for review)re",
       {}},
      {"return_published",
       StatusCode::kFailedPrecondition,
       R"re(a published article cannot be returned; unpublish it first)re",
       {}},
      {"no_live_version",
       StatusCode::kFailedPrecondition,
       R"re(against: the article has no live version.*)re",
       {}},
      {"against_invalid",
       kBad,
       R"re(against: expected previous or live)re",
       {}},
      {"revision_invalid", kBad, R"re(revision: .*)re", {}},
      {"not_live_report",
       kBad,
       R"re(live_report: the article is not a live report)re",
       {}},
      {"tag_needs_editor",
       StatusCode::kPermissionDenied,
       R"re(([\w.]+): "(.*)" does not exist and only editors may create it)re",
       {"field", "name"}},
      {"name_no_letters",
       kBad,
       R"re(([\w.]+): "(.*)" has no letters or digits)re",
       {"field", "name"}},
      // Images.
      {"image_busy",
       StatusCode::kUnavailable,
       R"re(image: the server is busy; try again)re",
       {}},
      {"image_too_large",
       kBad,
       R"re(image: larger than the upload limit.*)re",
       {}},
      {"image_format",
       kBad,
       R"re(image: not a JPEG, PNG, WebP or AVIF image)re",
       {}},
      {"image_size", kBad, R"re(image: size (\d+x\d+).*)re", {"size"}},
      {"image_unreadable", kBad, R"re(image: .*)re", {}},
      // The home page, the banner, taxonomies.
      {"article_not_published",
       kBad,
       R"re(([\w.]+): article (\d+) is not published)re",
       {"field", "id"}},
      {"no_such_article",
       kBad,
       R"re(([\w.]+): no article (\d+))re",
       {"field", "id"}},
      {"merge_target_missing", kAny, R"re(into: no tag "(.*)")re", {"name"}},
      {"merge_target_invalid", kBad, R"re(into: a tag id, slug or name)re", {}},
      {"text_empty", kBad, R"re(text: must not be empty)re", {}},
      // Accounts, sessions, tokens.
      {"login_wrong",
       StatusCode::kUnauthenticated,
       R"re(wrong e-mail or password)re",
       {}},
      {"login_missing", kBad, R"re(email: and password are required)re", {}},
      {"login_throttled",
       StatusCode::kResourceExhausted,
       R"re(too many failed logins; try again in (\d+) s)re",
       {"seconds"}},
      {"not_logged_in",
       StatusCode::kUnauthenticated,
       R"re(not logged in)re",
       {}},
      {"session_expired",
       StatusCode::kUnauthenticated,
       R"re(the session (?:expired|ended); log in again)re",
       {}},
      {"account_disabled",
       StatusCode::kUnauthenticated,
       R"re(the (?:account|token's user) is disabled)re",
       {}},
      {"token_invalid",
       StatusCode::kUnauthenticated,
       R"re(unknown API token|the API token was revoked)re",
       {}},
      {"csrf",
       StatusCode::kPermissionDenied,
       R"re(missing or wrong X-CSRF-Token)re",
       {}},
      {"cross_origin",
       StatusCode::kPermissionDenied,
       R"re(cross-origin (?:request refused|login))re",
       {}},
      {"role_not_allowed",
       StatusCode::kPermissionDenied,
       R"re(([\w.]+): not allowed for role (\w+))re",
       {"action", "role"}},
      {"token_scope",
       StatusCode::kPermissionDenied,
       R"re(([\w.]+): the token lacks scope ([\w.]+))re",
       {"action", "scope"}},
      {"token_grant",
       StatusCode::kPermissionDenied,
       R"re(tokens.own: a token cannot grant scope ([\w.]+).*)re",
       {"scope"}},
      {"scope_unknown", kBad, R"re(scopes: unknown scope "(.*)")re", {"scope"}},
      {"scope_none", kBad, R"re(scopes: none given)re", {}},
      {"role_invalid",
       kBad,
       R"re(role: expected kontributor, penulis, editor or admin)re",
       {}},
      {"last_admin",
       StatusCode::kFailedPrecondition,
       R"re(role: the last active admin cannot be demoted or disabled)re",
       {}},
      {"roles_admin_only",
       StatusCode::kPermissionDenied,
       R"re(users.manage: only admins change roles)re",
       {}},
      {"password_short",
       kBad,
       R"re(password: at least (\d+) characters)re",
       {"n"}},
      {"user_exists",
       StatusCode::kAlreadyExists,
       R"re(user (.*) exists)re",
       {"email"}},
      {"set_up_already", StatusCode::kNotFound, R"re(set up already)re", {}},
      {"setting_unknown", kBad, R"re(([\w.]+): not a setting.*)re", {"field"}},
      {"settings_fixed",
       StatusCode::kUnavailable,
       R"re(settings cannot be changed here)re",
       {}},
      // General shapes "field: problem".
      {"required", kBad, R"re(([\w.]+): required.*)re", {"field"}},
      {"too_long_chars",
       kBad,
       R"re(([\w.]+): longer than (\d+) characters)re",
       {"field", "n"}},
      {"too_long_bytes",
       kBad,
       R"re(([\w.]+): (?:longer than|at most) (\d+) bytes)re",
       {"field", "n"}},
      {"too_long",
       kBad,
       R"re(([\w.]+): (?:too long|1 to \d+ characters))re",
       {"field"}},
      {"too_many",
       kBad,
       R"re(([\w.]+): at most (\d+)(?: stories)?)re",
       {"field", "n"}},
      {"must_be_future",
       kBad,
       R"re(([\w.]+): must be in the future)re",
       {"field"}},
      {"expected_bool",
       kBad,
       R"re(([\w.]+): expected true or false)re",
       {"field"}},
      {"expected_range",
       kBad,
       R"re(([\w.]+): expected (?:a number from )?(\d+) to (\d+))re",
       {"field", "min", "max"}},
      {"expected_id",
       kBad,
       R"re(([\w.]+): expected (?:an? (?:article |author's )?id|a list of article ids|a positive number|a whole number))re",
       {"field"}},
      {"expected_value", kBad, R"re(([\w.]+): expected .*)re", {"field"}},
      {"not_found",
       StatusCode::kNotFound,
       R"re((article|revision|user|tags|categories|authors|token|image)s? .*)re",
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
  // Once each: "not_found" is a pattern's (with "what") and a general code.
  auto add = [&](std::string_view code,
                 const std::vector<std::string_view>& params) {
    for (const ErrorCodeInfo& o : out) {
      if (o.code == code) return;
    }
    out.push_back({code, params});
  };
  for (const ErrorPattern& p : Patterns()) add(p.code, p.params);
  for (std::string_view g : kGeneralCodes) add(g, {});
  return out;
}

}  // namespace warta::admin
