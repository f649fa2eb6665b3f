// The themed error pages; the 404 page offers search and the latest stories.
#include "site/pages.h"
#include "site/views.h"

namespace warta::site {
namespace {

constexpr int kNotFoundLatest = 6;  // stories listed on the 404 page

// The latest stories for the 404 page (one bounded read); an empty list
// when the store fails, so the page still shows.
render::View LatestCards(const SiteContext& ctx) {
  ArticleQuery q;
  q.status = ArticleStatus::kPublished;
  q.published_before = ctx.clock.Now();
  q.one_per_duplicate_cluster = true;
  q.with_links = false;  // cards only
  q.limit = kNotFoundLatest;
  render::View cards = render::View::array();
  auto latest = ctx.store.articles.ListArticles(q);
  if (!latest.ok()) return cards;
  for (const Article& a : *latest) cards.push_back(CardView(ctx, a, false));
  return cards;
}

}  // namespace

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
    render::View latest =
        not_found ? LatestCards(ctx) : render::View(render::View::array());
    (*v)["has_latest"] = !latest.empty();
    (*v)["latest"] = std::move(latest);
    auto html =
        ctx.theme.Render({"error-" + std::to_string(status), "error"}, *v);
    if (html.ok()) return std::move(*html);
  }
  return "<!doctype html><title>" + std::to_string(status) + "</title><h1>" +
         std::to_string(status) + "</h1>";
}

}  // namespace warta::site
