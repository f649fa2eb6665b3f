#include "site/meta_views.h"

namespace warta::site {
namespace {

void AddMeta(render::View& view, const std::vector<feeds::MetaTag>& tags) {
  render::View& meta = view["page"]["meta"];
  if (!meta.is_array()) meta = render::View::array();
  for (const auto& m : tags) {
    meta.push_back(
        {{"attr", m.attr}, {"name", m.name}, {"content", m.content}});
  }
}

void AddFeedLinks(render::View& view, std::string_view list_path,
                  const std::string& title) {
  render::View& links = view["page"]["links"];
  if (!links.is_array()) links = render::View::array();
  struct Kind {
    const char* file;
    const char* type;
    const char* label;
  };
  for (Kind k : {Kind{"rss.xml", "application/rss+xml", "RSS"},
                 Kind{"atom.xml", "application/atom+xml", "Atom"},
                 Kind{"feed.json", "application/feed+json", "JSON Feed"}}) {
    links.push_back({{"rel", "alternate"},
                     {"type", k.type},
                     {"title", title + " (" + k.label + ")"},
                     {"href", Urls::Feed(list_path, k.file)}});
  }
}

}  // namespace

feeds::SiteMeta SiteMetaOf(const SiteContext& ctx) {
  feeds::SiteMeta m;
  m.name = ctx.options.name;
  m.language = std::string(LanguageCode(ctx.options.language));
  if (!ctx.options.logo.empty()) {
    m.logo_url = ctx.urls.Absolute(ctx.options.logo);
  } else {
    const render::Asset* a = ctx.theme.FindAsset("favicon.svg");
    m.logo_url =
        ctx.urls.Absolute(ctx.urls.Asset("favicon.svg", a ? a->version : ""));
  }
  // The sharing picture of pages without a photo: site.image, else the
  // theme's share.png (raster; social apps show no SVG).
  if (!ctx.options.image.empty()) {
    m.default_image = ctx.urls.Absolute(ctx.options.image);
  } else if (const render::Asset* a = ctx.theme.FindAsset("share.png")) {
    m.default_image =
        ctx.urls.Absolute(ctx.urls.Asset("share.png", a->version));
  }
  return m;
}

void AddArticleMeta(const SiteContext& ctx, render::View& view,
                    const Article& a, std::string_view description) {
  const feeds::SiteMeta site = SiteMetaOf(ctx);
  AddMeta(view, feeds::ArticleMetaTags(a, ctx.urls, site, description));
  if (ctx.options.no_ai || a.no_ai) AddMeta(view, feeds::NoAiMetaTags());
  view["page"]["json_ld"] =
      feeds::ArticleJsonLd(a, ctx.urls, site, description);
  AddFeedLinks(view, "", ctx.options.name);
  if (a.category) {
    AddFeedLinks(view, ctx.urls.Category(a.category->slug),
                 a.category->name + " - " + ctx.options.name);
  }
}

void AddListMeta(const SiteContext& ctx, render::View& view,
                 std::string_view title, std::string_view description,
                 std::string_view path, std::string_view list_path,
                 std::string_view list_title) {
  const feeds::SiteMeta site = SiteMetaOf(ctx);
  AddMeta(view, feeds::WebsiteMetaTags(title, description,
                                       ctx.urls.Absolute(path), site));
  if (ctx.options.no_ai) AddMeta(view, feeds::NoAiMetaTags());
  if (!list_path.empty()) {
    AddFeedLinks(view, list_path,
                 std::string(list_title) + " - " + ctx.options.name);
  }
  AddFeedLinks(view, "", ctx.options.name);
}

}  // namespace warta::site
