// /koreksi: the public corrections log, newest first (the Dewan Pers
// guidelines for cyber media ask that corrections stay visible).
#include <map>

#include "base/time.h"
#include "site/meta_views.h"
#include "site/pages.h"
#include "site/views.h"

namespace warta::site {

Result<PageResult> RenderCorrectionsPage(const SiteContext& ctx, int page) {
  const Language lang = ctx.options.language;
  const TimeZone& tz = ctx.options.timezone;
  if (page < 1) return Status::NotFound("page " + std::to_string(page));
  const int size = std::max(1, ctx.options.corrections_page_size);
  // One more than a page: whether a next page exists, without a count.
  WARTA_ASSIGN_OR_RETURN(
      auto entries, ctx.store.readers.ListCorrections(ctx.clock.Now(), size + 1,
                                                      (page - 1) * size));
  const bool more = static_cast<int>(entries.size()) > size;
  if (more) entries.pop_back();
  if (page > 1 && entries.empty())
    return Status::NotFound("page " + std::to_string(page));

  std::map<std::int64_t, Article> articles;
  for (const CorrectionEntry& e : entries) {
    if (articles.count(e.article_id)) continue;
    auto a = ctx.store.articles.GetArticle(e.article_id);
    if (a.ok()) articles.emplace(e.article_id, std::move(*a));
  }
  PageInfo info;
  info.kind = "corrections-page";
  std::string title = ctx.theme.Text(lang, "corrections_title");
  info.title = title + " - " + ctx.options.name;
  info.description = ctx.theme.Text(lang, "corrections_intro");
  info.path = Urls::Page(std::string(kCorrectionsPath), page);
  WARTA_ASSIGN_OR_RETURN(render::View v, BaseView(ctx, info));
  AddListMeta(ctx, v, info.title, info.description, info.path,
              std::string(kCorrectionsPath), title);
  render::View list = render::View::array();
  for (const CorrectionEntry& e : entries) {
    auto it = articles.find(e.article_id);
    if (it == articles.end()) continue;
    list.push_back(
        {{"title", it->second.title},
         {"url", ctx.urls.Article(it->second.slug)},
         {"text", e.text},
         {"iso", FormatIso8601(e.created_at, tz.offset_seconds)},
         {"date_label", FormatLongDateTime(e.created_at, tz, lang)}});
  }
  v["corrections_empty"] = list.empty();
  v["corrections"] = std::move(list);
  if (page > 1 || more) {
    render::View p;
    p["label"] = ctx.theme.Text(lang, "page_n", {{"n", std::to_string(page)}});
    const std::string path(kCorrectionsPath);
    p["prev_url"] = page > 1 ? render::View(Urls::Page(path, page - 1))
                             : render::View(false);
    p["next_url"] =
        more ? render::View(Urls::Page(path, page + 1)) : render::View(false);
    v["page"]["prev_url"] = p["prev_url"];
    v["page"]["next_url"] = p["next_url"];
    v["pagination"] = std::move(p);
  } else {
    v["pagination"] = false;
  }
  WARTA_ASSIGN_OR_RETURN(std::string html,
                         ctx.theme.Render({"corrections"}, v));
  // Any public change may add or drop an entry ("pub").
  return PageResult{200, std::move(html), "", {}, false};
}

}  // namespace warta::site
