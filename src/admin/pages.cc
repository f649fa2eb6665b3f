// The editor web app's frame, its login and first-run pages and its assets.
#include "admin/pages.h"

#include "admin/error_codes.h"
#include "admin/nav.h"
#include "base/strings.h"
#include "base/time.h"

namespace warta::admin {
namespace {

constexpr char kCsp[] =
    "default-src 'self'; img-src 'self' data: https:; script-src 'self'; "
    "style-src 'self'; frame-src 'self'; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

http::Response Redirect(const std::string& to) {
  http::Response r = http::Response::Redirect(303, to);
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

// A plain page for logged-out visitors (login, first run).
Result<http::Response> PublicPage(AdminContext& ctx, const http::Request& req,
                                  std::string_view tmpl,
                                  const std::string& title_key) {
  Language lang = RequestLanguage(ctx, req);
  User nobody;
  Principal anon{nobody, false, "", "", ""};
  PageRequest p{req, anon, lang};
  render::View v = PageView(ctx, p, ctx.ui->Text(lang, title_key), "");
  v["user"] = false;
  v["nav"] = render::View::array();
  std::string next = req.Query("next").value_or("/admin/articles");
  if (next.rfind("/admin", 0) != 0 || next.find("//") != std::string::npos)
    next = "/admin/articles";
  v["next"] = next;
  return RenderPage(ctx, tmpl, v);
}

// The error and field strings of `lang` as JSON safe inside <script>: what
// admin.js translates API errors with (error_CODE, field_NAME).
std::string ErrorStrings(const AdminContext& ctx, Language lang) {
  json out = json::object();
  for (const auto& [key, value] : ctx.ui->Strings(lang).items()) {
    if (key.starts_with("error_") || key.starts_with("field_"))
      out[key] = value;
  }
  std::string text = Dump(out), safe;
  for (char c : text) {
    if (c == '<') {
      safe += "\\u003c";
    } else {
      safe += c;
    }
  }
  return safe;
}

}  // namespace

std::string ErrorText(const AdminContext& ctx, Language lang, const Status& s) {
  ApiError e = ErrorCodeOf(s);
  std::string text = ctx.ui->Text(lang, "error_" + e.code);
  for (const auto& [name, value] : e.params) {
    std::string shown = value;
    if (name == "field") {
      std::string label = ctx.ui->Text(lang, "field_" + value);
      if (label != "field_" + value) shown = label;
    }
    const std::string mark = "{" + name + "}";
    for (size_t at = text.find(mark); at != std::string::npos;
         at = text.find(mark, at + shown.size())) {
      text.replace(at, mark.size(), shown);
    }
  }
  return text;
}

Language RequestLanguage(const AdminContext& ctx, const http::Request& req) {
  auto c = req.Cookie("warta_lang");
  if (c && (*c == "id" || *c == "en")) return ParseLanguage(*c);
  return ctx.site.options.language;
}

std::string ShowTime(const AdminContext& ctx, std::optional<Timestamp> t,
                     Language lang) {
  if (!t) return "";
  return FormatLongDateTime(*t, ctx.timezone(), lang);
}

std::string LocalInputTime(const AdminContext& ctx,
                           std::optional<Timestamp> t) {
  if (!t) return "";
  std::string iso = FormatIso8601(*t, ctx.timezone().offset_seconds);
  return iso.substr(0, 16);  // "2025-09-29T10:15"
}

render::View PageView(const AdminContext& ctx, const PageRequest& p,
                      const std::string& title, const std::string& current) {
  render::View v;
  v["t"] = ctx.ui->Strings(p.lang);
  v["lang"] = std::string(LanguageCode(p.lang));
  v["other_lang"] = p.lang == Language::kEnglish ? "id" : "en";
  v["other_lang_label"] =
      p.lang == Language::kEnglish ? "Bahasa Indonesia" : "English";
  v["site_name"] = ctx.site.options.name;
  v["error_strings"] = ErrorStrings(ctx, p.lang);
  v["title"] = title;
  v["csrf"] = p.who.csrf_token;
  v["user"] = {
      {"name", p.who.user.name},
      {"role",
       ctx.ui->Text(p.lang, "role_" + std::string(RoleName(p.who.user.role)))}};
  render::View nav = render::View::array();
  for (const NavEntry& e : kAdminNav) {
    if (!RoleAllows(p.who.user.role, e.action)) continue;
    if (e.unless && RoleAllows(p.who.user.role, *e.unless)) continue;
    render::View entry = {{"label", ctx.ui->Text(p.lang, e.label_key)},
                          {"url", e.path},
                          {"current", current == e.path},
                          {"count", false}};
    if (e.review_count) {
      // Drafts waiting for an editor: a read of the review index, as long
      // as the queue, on each page of the newsroom.
      ArticleQuery q;
      q.status = ArticleStatus::kDraft;
      q.review_state = "submitted";
      auto waiting = ctx.store.articles.CountArticles(q);
      if (waiting.ok() && *waiting > 0) {
        entry["count"] = std::to_string(*waiting);
        entry["count_label"] = ctx.ui->Text(p.lang, "review_waiting");
      }
    }
    nav.push_back(std::move(entry));
  }
  v["nav"] = std::move(nav);
  auto asset = [&](std::string_view name) {
    const render::Asset* a = ctx.ui->FindAsset(name);
    return "/admin/assets/" + std::string(name) +
           "?v=" + (a ? a->version : std::string());
  };
  v["assets"] = {{"css", asset("admin.css")},
                 {"js", asset("admin.js")},
                 {"editor_js", asset("editor.js")}};
  v["timezone"] = ctx.timezone().abbreviation;
  v["autosave_seconds"] = ctx.options.autosave_seconds;
  return v;
}

Result<http::Response> RenderPage(const AdminContext& ctx,
                                  std::string_view template_name,
                                  const render::View& view) {
  WARTA_ASSIGN_OR_RETURN(std::string html,
                         ctx.ui->Render({template_name}, view));
  http::Response r = http::Response::Html(200, std::move(html));
  r.SetHeader("Cache-Control", "no-store");
  r.SetHeader("Content-Security-Policy", kCsp);
  r.SetHeader("X-Frame-Options", "DENY");
  r.SetHeader("Referrer-Policy", "same-origin");
  r.SetHeader("X-Content-Type-Options", "nosniff");
  r.SetHeader("X-Robots-Tag", "noindex");
  return r;
}

void AddPage(AdminContext& ctx, http::Router& r, std::string_view pattern,
             PageFn fn) {
  r.Get(pattern, [&ctx, fn](const http::Request& req) {
    auto who = ctx.auth.Authenticate(req);
    if (!who.ok() || who->via_token) {
      std::string next = req.target.rfind("/admin", 0) == 0 ? req.target : "";
      return Redirect("/admin/login" +
                      (next.empty() ? "" : "?next=" + UrlEncode(next)));
    }
    PageRequest p{req, *who, RequestLanguage(ctx, req)};
    auto page = fn(p);
    if (page.ok()) return std::move(*page);
    int status = HttpStatusFor(page.status());
    render::View v = PageView(ctx, p, ctx.ui->Text(p.lang, "error_title"), "");
    v["status"] = status;
    v["message"] = ErrorText(ctx, p.lang, page.status());
    auto html = RenderPage(ctx, "error", v);
    http::Response out = html.ok() ? *html : http::Response::Error(status);
    out.status = status;
    return out;
  });
}

void RegisterPages(AdminContext& ctx, http::Router& r) {
  r.Get("/admin",
        [](const http::Request&) { return Redirect("/admin/articles"); });
  r.AddSlashRedirect("/admin");
  r.Get("/admin/login", [&ctx](const http::Request& req) {
    auto users = ctx.store.users.CountUsers();
    if (users.ok() && *users == 0 && IsLocalRequest(req))
      return Redirect("/admin/setup");
    auto page = PublicPage(ctx, req, "login", "login_title");
    return page.ok() ? *page : http::Response::Error(500);
  });
  r.Get("/admin/setup", [&ctx](const http::Request& req) {
    auto users = ctx.store.users.CountUsers();
    if (!IsLocalRequest(req) || !users.ok() || *users > 0)
      return http::Response::Error(404);
    auto page = PublicPage(ctx, req, "setup", "setup_title");
    return page.ok() ? *page : http::Response::Error(500);
  });
  r.Get("/admin/assets/{file}", [&ctx](const http::Request& req) {
    const render::Asset* a = ctx.ui->FindAsset(req.Param("file"));
    if (!a) return http::Response::Error(404);
    http::Response resp;
    resp.content_type = a->content_type;
    resp.body = std::make_shared<const std::string>(a->bytes);
    resp.SetHeader("ETag", "\"" + a->version + "\"");
    auto v = req.Query("v");
    resp.SetHeader("Cache-Control", v && *v == a->version
                                        ? "public, max-age=31536000, immutable"
                                        : "no-cache");
    return resp;
  });
  RegisterArticlePages(ctx, r);
  RegisterManagePages(ctx, r);
  RegisterFeedsPages(ctx, r);
}

}  // namespace warta::admin
