#include "admin/policy.h"

#include <gtest/gtest.h>

namespace warta::admin {
namespace {

// The whole table, as the issue describes the roles.
struct Row {
  Action action;
  bool kontributor, penulis, editor, admin;
};
constexpr Row kMatrix[] = {
    {Action::kArticleCreate, true, true, true, true},
    {Action::kArticleReadOwn, true, true, true, true},
    {Action::kArticleReadAny, false, false, true, true},
    {Action::kArticleEditOwn, true, true, true, true},
    {Action::kArticleEditAny, false, false, true, true},
    {Action::kArticleSubmit, true, true, true, true},
    {Action::kArticlePublishOwn, false, true, true, true},
    {Action::kArticlePublishAny, false, false, true, true},
    {Action::kArticleReturn, false, false, true, true},
    {Action::kArticleTrashOwn, true, true, true, true},
    {Action::kArticleTrashAny, false, false, true, true},
    {Action::kReviewQueue, false, false, true, true},
    {Action::kTaxonomyManage, false, false, true, true},
    {Action::kUsersManage, false, false, false, true},
    {Action::kSettingsManage, false, false, false, true},
    {Action::kTokensOwn, false, true, true, true},
    {Action::kTokensAny, false, false, false, true},
    {Action::kAccountEdit, true, true, true, true},
};
static_assert(std::size(kMatrix) == kActionCount);

Principal As(Role role, std::int64_t id = 7, std::int64_t author = 70) {
  Principal p;
  p.user.id = id;
  p.user.role = role;
  p.user.author_id = author;
  return p;
}

TEST(PolicyTest, RolesAllowExactlyTheMatrix) {
  for (const Row& row : kMatrix) {
    bool want[] = {row.kontributor, row.penulis, row.editor, row.admin};
    Role roles[] = {Role::kKontributor, Role::kPenulis, Role::kEditor,
                    Role::kAdmin};
    for (int r = 0; r < 4; ++r) {
      EXPECT_EQ(Authorize(As(roles[r]), row.action).ok(), want[r])
          << ActionName(row.action) << " for " << RoleName(roles[r]);
    }
  }
}

TEST(PolicyTest, TokensAreLimitedToTheirScopes) {
  Principal bot = As(Role::kAdmin);
  bot.via_token = true;
  bot.scopes = "articles:read";
  EXPECT_TRUE(Authorize(bot, Action::kArticleReadAny).ok());
  Status s = Authorize(bot, Action::kArticleCreate);
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_NE(s.message().find("articles:write"), std::string::npos);
  bot.user.role = Role::kKontributor;
  bot.scopes = "users articles:read";
  EXPECT_FALSE(Authorize(bot, Action::kUsersManage).ok())
      << "role still counts";
}

// F2 (issue 15): a token scoped to `tokens` minted one with `users
// settings articles:publish`. A token hands on only the scopes it holds.
TEST(PolicyTest, TokensGrantOnlyTheScopesTheyHold) {
  Principal bot = As(Role::kAdmin);
  bot.via_token = true;
  bot.scopes = "tokens articles:read";
  EXPECT_TRUE(AuthorizeScopeGrant(bot, "articles:read").ok());
  EXPECT_TRUE(AuthorizeScopeGrant(bot, "tokens articles:read").ok());
  Status s = AuthorizeScopeGrant(bot, "articles:read users settings");
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_NE(s.message().find("users"), std::string::npos);
  Principal editor = As(Role::kEditor);  // a browser session
  EXPECT_TRUE(AuthorizeScopeGrant(editor, "users settings").ok());
}

// F2 (issue 15): editing one's own account needs the `account` scope.
TEST(PolicyTest, OwnAccountNeedsTheAccountScope) {
  Principal bot = As(Role::kKontributor);
  bot.via_token = true;
  bot.scopes = "articles:read";
  EXPECT_FALSE(Authorize(bot, Action::kAccountEdit).ok());
  bot.scopes = "articles:read account";
  EXPECT_TRUE(Authorize(bot, Action::kAccountEdit).ok());
}

TEST(PolicyTest, NormalizesScopes) {
  EXPECT_EQ(
      *NormalizeScopes({"articles:read, articles:write", "articles:read"}),
      "articles:read articles:write");
  EXPECT_FALSE(NormalizeScopes({"root"}).ok());
  EXPECT_FALSE(NormalizeScopes({}).ok());
}

TEST(PolicyTest, OwnershipByCreatorOrByline) {
  Article a;
  Workflow wf;
  wf.created_by = 7;
  EXPECT_TRUE(Owns(As(Role::kKontributor), a, wf));
  wf.created_by = 8;
  EXPECT_FALSE(Owns(As(Role::kKontributor), a, wf));
  Author au;
  au.id = 70;
  a.authors.push_back(au);
  EXPECT_TRUE(Owns(As(Role::kKontributor), a, wf));
}

TEST(PolicyTest, LiveArticlesNeedPublishingRights) {
  Article a;
  Workflow wf;
  wf.created_by = 7;
  EXPECT_TRUE(
      AuthorizeArticle(As(Role::kKontributor), ArticleVerb::kEdit, a, wf).ok());
  a.status = ArticleStatus::kPublished;
  EXPECT_FALSE(
      AuthorizeArticle(As(Role::kKontributor), ArticleVerb::kEdit, a, wf).ok());
  EXPECT_FALSE(
      AuthorizeArticle(As(Role::kKontributor), ArticleVerb::kTrash, a, wf)
          .ok());
  EXPECT_TRUE(
      AuthorizeArticle(As(Role::kPenulis), ArticleVerb::kEdit, a, wf).ok());
  wf.created_by = 8;
  EXPECT_FALSE(
      AuthorizeArticle(As(Role::kPenulis), ArticleVerb::kEdit, a, wf).ok());
  EXPECT_TRUE(
      AuthorizeArticle(As(Role::kEditor), ArticleVerb::kPublish, a, wf).ok());
}

}  // namespace
}  // namespace warta::admin
