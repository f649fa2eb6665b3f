#include "site/views.h"

#include "base/time.h"
#include "site/breaking.h"
#include "site/pages.h"
#include "site/picture.h"

namespace warta::site {

std::string ArticleKey(std::int64_t id) { return "a:" + std::to_string(id); }
std::string CategoryKey(std::int64_t id) { return "c:" + std::to_string(id); }

Result<render::View> BaseView(const SiteContext& ctx, const PageInfo& page) {
  const Language lang = ctx.options.language;
  render::View v;
  v["site"] = {{"name", ctx.options.name},
               {"description", ctx.options.description},
               {"url", ctx.urls.site_url()},
               {"lang", std::string(LanguageCode(lang))}};
  v["t"] = ctx.theme.Strings(lang);
  WARTA_ASSIGN_OR_RETURN(auto categories, ctx.store.taxonomy.ListCategories());
  render::View nav = render::View::array();
  for (const auto& c : categories) {
    if (c.published_count == 0) continue;
    std::string url = ctx.urls.Category(c.item.slug);
    nav.push_back({{"name", c.item.name},
                   {"url", url},
                   {"current", url == page.current_nav}});
  }
  v["nav"] = std::move(nav);
  v["breaking"] = false;
  if (ctx.breaking) {
    if (auto news = ctx.breaking->Active(ctx.clock.Now())) {
      v["breaking"] = {{"text", news->text},
                       {"url", news->url.empty() ? render::View(false)
                                                 : render::View(news->url)}};
    }
  }
  v["nav_home_current"] = page.current_nav == "/";
  auto asset = [&](std::string_view name) {
    const render::Asset* a = ctx.theme.FindAsset(name);
    return ctx.urls.Asset(name, a ? a->version : "");
  };
  v["assets"] = {{"css", asset("style.css")},
                 {"js", asset("app.js")},
                 {"favicon", asset("favicon.svg")}};
  v["page"] = {{"kind", page.kind},
               {"title", page.title},
               {"description", page.description},
               {"canonical", ctx.urls.Absolute(page.path)},
               {"noindex", page.noindex},
               {"query", ""}};
  CivilTime now = ToCivil(ctx.clock.Now(), ctx.options.timezone.offset_seconds);
  v["footer"] = {
      {"copyright", ctx.theme.Text(lang, "copyright",
                                   {{"year", std::to_string(now.year)},
                                    {"site", ctx.options.name}})}};
  return v;
}

render::View CardView(const SiteContext& ctx, const Article& a,
                      bool with_excerpt) {
  const Language lang = ctx.options.language;
  render::View card = {{"title", a.title}, {"url", ctx.urls.Article(a.slug)}};
  if (a.category) {
    card["category"] = a.category->name;
    card["category_url"] = ctx.urls.Category(a.category->slug);
  } else {
    card["category"] = false;
  }
  card["excerpt"] =
      with_excerpt ? render::View(a.Excerpt(180)) : render::View(false);
  if (a.published_at) {
    card["date_iso"] =
        FormatIso8601(*a.published_at, ctx.options.timezone.offset_seconds);
    card["date_label"] =
        FormatLongDateTime(*a.published_at, ctx.options.timezone, lang);
  }
  card["reading_time_label"] = ctx.theme.Text(
      lang, "reading_time", {{"n", std::to_string(a.reading_time)}});
  card["image"] = CardImageView(a, true);
  card["live_label"] = a.live_report
                           ? render::View(ctx.theme.Text(lang, "live_label"))
                           : render::View(false);
  return card;
}

void AddPagination(const SiteContext& ctx, render::View& view,
                   std::string_view path, int page, int total_pages) {
  if (total_pages <= 1) {
    view["pagination"] = false;
    return;
  }
  const Language lang = ctx.options.language;
  render::View p;
  p["label"] = ctx.theme.Text(
      lang, "page_of",
      {{"n", std::to_string(page)}, {"total", std::to_string(total_pages)}});
  p["prev_url"] =
      page > 1 ? render::View(Urls::Page(path, page - 1)) : render::View(false);
  p["next_url"] = page < total_pages ? render::View(Urls::Page(path, page + 1))
                                     : render::View(false);
  view["page"]["prev_url"] = p["prev_url"];
  view["page"]["next_url"] = p["next_url"];
  view["pagination"] = std::move(p);
}

render::View AuthorsView(const SiteContext& ctx,
                         const std::vector<Author>& authors) {
  render::View list = render::View::array();
  std::string and_word =
      " " + ctx.theme.Text(ctx.options.language, "and") + " ";
  for (size_t i = 0; i < authors.size(); ++i) {
    std::string sep;
    if (i + 2 == authors.size()) {
      sep = and_word;
    } else if (i + 1 < authors.size()) {
      sep = ", ";
    }
    list.push_back({{"name", authors[i].name},
                    {"url", ctx.urls.Author(authors[i].slug)},
                    {"separator", sep}});
  }
  return list;
}

}  // namespace warta::site
