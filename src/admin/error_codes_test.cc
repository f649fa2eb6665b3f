#include "admin/error_codes.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "admin/ui_files.h"

namespace warta::admin {
namespace {

using json = nlohmann::json;

json Locale(std::string_view name) {
  for (const auto& [path, text] : AdminUiFiles()) {
    if (path == "locales/" + std::string(name) + ".json")
      return json::parse(text, nullptr, false);
  }
  return json();
}

// Every code the admin API can return has its text in Indonesian and in
// English, and each text uses only the params its code has.
TEST(ErrorCodesTest, EveryCodeIsTranslatedInBothLocales) {
  const std::vector<ErrorCodeInfo> codes = AllErrorCodes();
  ASSERT_GT(codes.size(), 60u);
  const std::regex placeholder(R"(\{(\w+)\})");
  for (const char* lang : {"id", "en"}) {
    json strings = Locale(lang);
    ASSERT_TRUE(strings.is_object()) << lang;
    for (const ErrorCodeInfo& c : codes) {
      const std::string key = "error_" + std::string(c.code);
      ASSERT_TRUE(strings.contains(key) && strings[key].is_string())
          << lang << " has no " << key;
      const std::string text = strings[key];
      EXPECT_FALSE(text.empty()) << lang << " " << key;
      for (std::sregex_iterator it(text.begin(), text.end(), placeholder), end;
           it != end; ++it) {
        const std::string name = (*it)[1];
        bool known = false;
        for (std::string_view p : c.params) known = known || p == name;
        EXPECT_TRUE(known) << lang << " " << key << " uses {" << name << "}";
      }
    }
    // The browser's own failure (no connection) is translated too.
    EXPECT_TRUE(strings.contains("error_offline")) << lang;
  }
  // The two locales translate different words.
  EXPECT_NE(Locale("id")["error_title_empty"],
            Locale("en")["error_title_empty"]);
}

// Messages the admin API returns today, with their codes and params.
TEST(ErrorCodesTest, MapsMessagesToCodes) {
  struct Case {
    Status status;
    std::string code;
    std::map<std::string, std::string> params;
  } cases[] = {
      {Status::InvalidArgument("title: must not be empty"), "title_empty", {}},
      {Status::InvalidArgument("meta_title: longer than 70 characters"),
       "too_long_chars",
       {{"field", "meta_title"}, {"n", "70"}}},
      {Status::InvalidArgument("title: longer than 300 bytes"),
       "too_long_bytes",
       {{"field", "title"}, {"n", "300"}}},
      {Status::InvalidArgument("note: at most 4000 bytes"),
       "too_long_bytes",
       {{"field", "note"}, {"n", "4000"}}},
      {Status::InvalidArgument(
           "version: required (the version the edit is based on)"),
       "version_required",
       {}},
      {Status::InvalidArgument("into: required (the tag to merge into)"),
       "required",
       {{"field", "into"}}},
      {Status::Conflict("article 7 is at version 3, not 2"),
       "version_conflict",
       {}},
      {Status::Conflict("the article changed meanwhile"),
       "version_conflict",
       {}},
      {Status::InvalidArgument(
           "slug: \"Ab C\" must be lower-case letters, digits and hyphens"),
       "slug_invalid",
       {{"slug", "Ab C"}}},
      {Status::InvalidArgument(
           "source_url: expected a /path or an http(s) URL"),
       "link_invalid",
       {{"field", "source_url"}}},
      {Status::InvalidArgument(
           "published_at: \"kemarin\" is not an ISO 8601 time"),
       "time_invalid",
       {{"field", "published_at"}}},
      {Status::InvalidArgument(
           "published_at: in the future; use status \"scheduled\""),
       "publish_in_future",
       {}},
      {Status::PermissionDenied(
           "tags: \"Kerja Bakti\" does not exist and only editors may create "
           "it"),
       "tag_needs_editor",
       {{"field", "tags"}, {"name", "Kerja Bakti"}}},
      {Status::PermissionDenied("articles.publish: not allowed for role "
                                "kontributor"),
       "role_not_allowed",
       {{"action", "articles.publish"}, {"role", "kontributor"}}},
      {Status::PermissionDenied("missing or wrong X-CSRF-Token"), "csrf", {}},
      {Status::Unauthenticated("the session expired; log in again"),
       "session_expired",
       {}},
      {Status::ResourceExhausted("too many failed logins; try again in 42 s"),
       "login_throttled",
       {{"seconds", "42"}}},
      {Status::InvalidArgument("limit: expected 1 to 200"),
       "expected_range",
       {{"field", "limit"}, {"min", "1"}, {"max", "200"}}},
      {Status::InvalidArgument("feature_image_focal_x: expected a number from "
                               "0 to 1"),
       "expected_range",
       {{"field", "feature_image_focal_x"}, {"min", "0"}, {"max", "1"}}},
      {Status::InvalidArgument("image: not a JPEG, PNG, WebP or AVIF image"),
       "image_format",
       {}},
      {Status::InvalidArgument("image: size 20000x10x exceeds"),
       "image_size",
       {{"size", "20000x10"}}},
      {Status::FailedPrecondition(
           "against: the article has no live version (it is not published)"),
       "no_live_version",
       {}},
      {Status::NotFound("revision 12"), "not_found", {{"what", "revision"}}},
      {Status::NotFound("article 12"), "not_found", {{"what", "article"}}},
      {Status::InvalidArgument("lead.until: must be in the future"),
       "must_be_future",
       {{"field", "lead.until"}}},
      // Unknown messages keep their status's general code.
      {Status::InvalidArgument("something new: went wrong"),
       "invalid_request",
       {}},
      {Status::AlreadyExists("no free slug for x"), "already_exists", {}},
      // A server fault is never matched against its (private) message.
      {Status::IoError("image: disk full"), "internal", {}},
      {Status::Internal("title: must not be empty"), "internal", {}},
  };
  std::set<std::string> listed;
  for (const ErrorCodeInfo& c : AllErrorCodes()) listed.emplace(c.code);
  for (const Case& c : cases) {
    ApiError e = ErrorCodeOf(c.status);
    EXPECT_EQ(e.code, c.code) << c.status.ToString();
    EXPECT_EQ(e.params, c.params) << c.status.ToString();
    EXPECT_TRUE(listed.count(e.code)) << e.code;
  }
}

}  // namespace
}  // namespace warta::admin
