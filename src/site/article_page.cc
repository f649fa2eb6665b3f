// The article page: headline, byline, date, reading time, body with its
// dateline, source, tags, share links and "Mungkin Kamu Suka".
#include "base/strings.h"
#include "base/time.h"
#include "content/media.h"
#include "site/meta_views.h"
#include "site/pages.h"
#include "site/views.h"

namespace warta::site {
namespace {

render::View ShareLinks(const SiteContext& ctx, const Article& a,
                        const std::string& url) {
  const std::string u = UrlEncode(url);
  const std::string t = UrlEncode(a.title);
  struct Link {
    const char* key;
    const char* name;
    std::string href;
  } links[] = {
      {"whatsapp", "WhatsApp",
       "https://wa.me/?text=" + UrlEncode(a.title + " " + url)},
      {"facebook", "Facebook",
       "https://www.facebook.com/sharer/sharer.php?u=" + u},
      {"x", "X", "https://x.com/intent/tweet?text=" + t + "&url=" + u},
      {"telegram", "Telegram",
       "https://t.me/share/url?url=" + u + "&text=" + t},
  };
  render::View out = render::View::array();
  for (const Link& l : links) {
    out.push_back(
        {{"key", l.key},
         {"name", l.name},
         {"url", l.href},
         {"aria_label", ctx.theme.Text(ctx.options.language, "share_on",
                                       {{"name", l.name}})}});
  }
  return out;
}

render::View ArticleView(const SiteContext& ctx, const Article& a) {
  const Language lang = ctx.options.language;
  const TimeZone& tz = ctx.options.timezone;
  const std::string path = ctx.urls.Article(a.slug);
  const std::string canonical = ctx.urls.Absolute(path);
  Timestamp published = a.published_at.value_or(a.updated_at);
  render::View v = {
      {"title", a.title},
      {"url", path},
      {"canonical", canonical},
      {"html", a.html},
      {"custom_excerpt", a.custom_excerpt.empty()
                             ? render::View(false)
                             : render::View(a.custom_excerpt)},
      {"published_iso", FormatIso8601(published, tz.offset_seconds)},
      {"date_label", FormatLongDateTime(published, tz, lang)},
      {"reading_time_label",
       ctx.theme.Text(lang, "reading_time",
                      {{"n", std::to_string(a.reading_time)}})},
      {"source_label", a.source.empty()
                           ? render::View(false)
                           : render::View(ctx.theme.Text(
                                 lang, "source", {{"source", a.source}}))},
      {"editor_label", a.editor
                           ? render::View(ctx.theme.Text(
                                 lang, "editor", {{"name", a.editor->name}}))
                           : render::View(false)},
      {"authors", AuthorsView(ctx, a.authors)},
      {"has_authors", !a.authors.empty()},
      {"has_tags", !a.tags.empty()},
      {"share", ShareLinks(ctx, a, canonical)},
  };
  if (a.category) {
    v["category"] = {{"name", a.category->name},
                     {"url", ctx.urls.Category(a.category->slug)}};
  } else {
    v["category"] = false;
  }
  render::View tags = render::View::array();
  for (const Tag& t : a.tags)
    tags.push_back({{"name", t.name}, {"url", ctx.urls.Tag(t.slug)}});
  v["tags"] = std::move(tags);
  if (!a.feature_image.empty()) {
    v["feature_image"] = a.feature_image;
    v["feature_image_alt"] = a.feature_image_alt;
    // Uploaded images carry their size in their name (content/media.h).
    if (auto size = MediaImageSize(a.feature_image)) {
      v["feature_image_size"] = {{"width", size->width},
                                 {"height", size->height}};
    } else {
      v["feature_image_size"] = false;
    }
    v["feature_image_caption"] = a.feature_image_caption.empty()
                                     ? render::View(false)
                                     : render::View(a.feature_image_caption);
  } else {
    v["feature_image"] = false;
  }
  return v;
}

}  // namespace

Result<std::string> RenderArticleHtml(const SiteContext& ctx, const Article& a,
                                      bool preview) {
  PageInfo info;
  info.kind = "article-page";
  info.title = a.title + " - " + ctx.options.name;
  info.description = a.Excerpt(160);
  info.path = ctx.urls.Article(a.slug);
  info.current_nav = a.category ? ctx.urls.Category(a.category->slug) : "";
  info.noindex = preview || a.noindex;
  WARTA_ASSIGN_OR_RETURN(render::View v, BaseView(ctx, info));
  AddArticleMeta(ctx, v, a, info.description);
  v["article"] = ArticleView(ctx, a);
  render::View related = render::View::array();
  if (ctx.related && ctx.options.related_count > 0) {
    for (const Article& r : ctx.related(a, ctx.options.related_count)) {
      related.push_back(CardView(ctx, r, false));
    }
  }
  v["has_related"] = !related.empty();
  v["related"] = std::move(related);
  std::string slug_template = "article-" + a.slug;
  return ctx.theme.Render({slug_template, "article"}, v);
}

Result<PageResult> RenderArticlePage(const SiteContext& ctx,
                                     std::string_view slug) {
  auto article = ctx.store.GetArticleBySlug(slug);
  if (!article.ok()) {
    if (!article.status().IsNotFound()) return article.status();
    WARTA_ASSIGN_OR_RETURN(std::int64_t id,
                           ctx.store.FindArticleIdByOldSlug(slug));
    WARTA_ASSIGN_OR_RETURN(Article current, ctx.store.GetArticle(id));
    if (!current.IsPublished())
      return Status::NotFound("article not published");
    return PageResult{301,
                      "",
                      ctx.urls.Article(current.slug),
                      {ArticleKey(current.id)},
                      false};
  }
  if (!article->IsPublished() ||
      (article->published_at && *article->published_at > ctx.clock.Now())) {
    return Status::NotFound("article not published");
  }
  WARTA_ASSIGN_OR_RETURN(std::string html,
                         RenderArticleHtml(ctx, *article, false));
  // Related articles may be a few minutes old: they are refreshed in the
  // background, not on every write anywhere.
  return PageResult{200, std::move(html), "", {ArticleKey(article->id)}, true};
}

}  // namespace warta::site
