// The editor web app's pages: server-rendered from the admin templates
// (src/admin/ui) with the user's language (cookie warta_lang, else the
// site's). Private to the admin module. Thread-safe.
#ifndef WARTA_ADMIN_PAGES_H_
#define WARTA_ADMIN_PAGES_H_

#include <string>

#include "admin/context.h"

namespace warta::admin {

// A page request after the session check: who, in which language.
struct PageRequest {
  const http::Request& req;
  const Principal& who;
  Language lang;
};

using PageFn = std::function<Result<http::Response>(const PageRequest& p)>;

// Registers GET `pattern` as a page for logged-in users; others are sent to
// /admin/login?next=... . Errors render the admin's error page.
void AddPage(AdminContext& ctx, http::Router& r, std::string_view pattern,
             PageFn fn);

// The error `s` in `lang`: its code's string with the parameters placed
// (a field named by its label).
std::string ErrorText(const AdminContext& ctx, Language lang, const Status& s);

// The frame every page has: t (strings), lang, user, csrf, nav, assets,
// error_strings (for admin.js).
render::View PageView(const AdminContext& ctx, const PageRequest& p,
                      const std::string& title, const std::string& current);

// Renders `template_name` as an HTML page response (no-store, strict CSP).
Result<http::Response> RenderPage(const AdminContext& ctx,
                                  std::string_view template_name,
                                  const render::View& view);

// The language of the request: cookie warta_lang, else the site's.
Language RequestLanguage(const AdminContext& ctx, const http::Request& req);

// A time as the newsroom reads it: "29 Sep 2025 10:15 WIB", "" for none.
std::string ShowTime(const AdminContext& ctx, std::optional<Timestamp> t,
                     Language lang);
// For <input type="datetime-local">: "2025-09-29T10:15" in the site's zone.
std::string LocalInputTime(const AdminContext& ctx, std::optional<Timestamp> t);

void RegisterArticlePages(AdminContext& ctx, http::Router& r);
void RegisterManagePages(AdminContext& ctx, http::Router& r);
// /admin/feeds and /api/admin/feeds (feeds_page.cc).
void RegisterFeedsPages(AdminContext& ctx, http::Router& r);

}  // namespace warta::admin

#endif  // WARTA_ADMIN_PAGES_H_
