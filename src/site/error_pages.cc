// The themed 404 and 500 pages.
#include "site/pages.h"
#include "site/views.h"

namespace warta::site {

std::string RenderErrorPage(const SiteContext& ctx, int status) {
  const Language lang = ctx.options.language;
  const bool not_found = status == 404;
  PageInfo info;
  info.kind = "error-page";
  std::string title = ctx.theme.Text(
      lang, not_found ? "not_found_title" : "server_error_title");
  info.title = title + " - " + ctx.options.name;
  info.path = "/";
  info.noindex = true;
  auto v = BaseView(ctx, info);
  if (v.ok()) {
    (*v)["error"] = {
        {"code", std::to_string(status)},
        {"title", title},
        {"text", ctx.theme.Text(lang, not_found ? "not_found_text"
                                                : "server_error_text")}};
    auto html =
        ctx.theme.Render({"error-" + std::to_string(status), "error"}, *v);
    if (html.ok()) return std::move(*html);
  }
  return "<!doctype html><title>" + std::to_string(status) + "</title><h1>" +
         std::to_string(status) + "</h1>";
}

}  // namespace warta::site
