#include "admin/error_codes.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "admin/crypto.h"
#include "admin/json_io.h"
#include "admin/policy.h"
#include "admin/ui_files.h"
#include "newsroom/article_codec.h"
#include "newsroom/newsroom.h"

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

// The code comes from the reason the error was made with, never from its
// message: a message in any words keeps its code, and a message that once
// spelled a code says nothing without a reason.
TEST(ErrorCodesTest, ReadsTheReasonNotTheMessage) {
  ApiError e = ErrorCodeOf(Status::InvalidArgument("judul: kosong")
                               .WithReason("slug_invalid", {{"slug", "Ab C"}}));
  EXPECT_EQ(e.code, "slug_invalid");
  EXPECT_EQ(e.params, (std::map<std::string, std::string>{{"slug", "Ab C"}}));
  // Without a reason: the status's general code, whatever the message.
  EXPECT_EQ(
      ErrorCodeOf(Status::InvalidArgument("title: must not be empty")).code,
      "invalid_request");
  EXPECT_EQ(ErrorCodeOf(Status::AlreadyExists("no free slug for x")).code,
            "already_exists");
  // A reason the admin API does not know (no translation): the general code.
  e = ErrorCodeOf(
      Status::Conflict("x").WithReason("made_up", {{"field", "title"}}));
  EXPECT_EQ(e.code, "conflict");
  EXPECT_TRUE(e.params.empty());
  // Only the params the code declares are passed on.
  e = ErrorCodeOf(Status::InvalidArgument("x").WithReason(
      "required", {{"field", "into"}, {"secret", "y"}}));
  EXPECT_EQ(e.code, "required");
  EXPECT_EQ(e.params, (std::map<std::string, std::string>{{"field", "into"}}));
  // A server fault says nothing more, even with a reason.
  for (Status fault : {Status::IoError("image: disk full"),
                       Status::Internal("title: must not be empty")}) {
    e = ErrorCodeOf(fault.WithReason("title_empty", {{"field", "title"}}));
    EXPECT_EQ(e.code, "internal");
    EXPECT_TRUE(e.params.empty());
  }
}

// Errors as the code that makes them returns them (the messages the admin
// API returns today), with their codes and params.
TEST(ErrorCodesTest, ErrorsCarryTheirCodeFromWhereTheyAreMade) {
  json body = json::parse(R"({"flag": "ya", "count": "x", "title": 3,
                              "names": [1], "blank": " "})");
  Principal kontributor;
  kontributor.user.role = Role::kKontributor;
  Principal token;
  token.user.role = Role::kAdmin;
  token.via_token = true;
  token.scopes = "articles:read";
  Article scratch;  // what DecodeArticle fills
  http::Request not_json;
  not_json.body = "{";
  struct Case {
    Status status;
    std::string code;
    std::map<std::string, std::string> params;
  } cases[] = {
      {OptBool(body, "flag").status(), "expected_bool", {{"field", "flag"}}},
      {OptInt(body, "count").status(), "expected_id", {{"field", "count"}}},
      {OptString(body, "title").status(),
       "expected_value",
       {{"field", "title"}}},
      {OptNames(body, "names").status(),
       "expected_value",
       {{"field", "names"}}},
      {RequiredString(body, "blank").status(),
       "required",
       {{"field", "blank"}}},
      {ParseBody(not_json).status(), "not_json", {}},
      {CheckPasswordPolicy("pendek"), "password_short", {{"n", "8"}}},
      {CheckPasswordPolicy(std::string(2000, 'x')),
       "too_long_bytes",
       {{"field", "password"}, {"n", "1024"}}},
      {NormalizeScopes({"articles:read", "nope"}).status(),
       "scope_unknown",
       {{"scope", "nope"}}},
      {NormalizeScopes({}).status(), "scope_none", {}},
      {Authorize(kontributor, Action::kArticlePublishAny),
       "role_not_allowed",
       {{"action", std::string(ActionName(Action::kArticlePublishAny))},
        {"role", "kontributor"}}},
      {Authorize(token, Action::kUsersManage),
       "token_scope",
       {{"action", std::string(ActionName(Action::kUsersManage))},
        {"scope", std::string(ScopeFor(Action::kUsersManage))}}},
      {AuthorizeScopeGrant(token, "articles:publish"),
       "token_grant",
       {{"scope", "articles:publish"}}},
      {NormalizeArticleLink("source_url", "javascript:alert(1)").status(),
       "link_invalid",
       {{"field", "source_url"}}},
      {DecodeArticle(json::parse(R"({"noindex": 1})"), ArticleForm::kApi,
                     scratch),
       "expected_bool",
       {{"field", "noindex"}}},
      {DecodeArticle(json::parse(R"({"status": "terbit"})"), ArticleForm::kApi,
                     scratch),
       "status_filter",
       {}},
      {DecodeArticle(json::array(), ArticleForm::kSnapshot, scratch),
       "revision_invalid",
       {}},
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
