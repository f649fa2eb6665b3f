#include "feeds/feed.h"
#include "feeds/page_meta.h"
#include "feeds/xml.h"

namespace warta::feeds {

FeedItem ItemFromArticle(const Article& a, const Urls& urls) {
  FeedItem item;
  item.url = urls.Absolute(urls.Article(a.slug));
  item.id = item.url;
  item.title = a.title;
  item.summary = a.Excerpt(300);
  item.content_html =
      AbsolutizeHtml(urls.ResolveLinks(a.html), urls.site_url());
  for (const Author& au : a.authors) item.authors.push_back(au.name);
  if (a.category) item.categories.push_back(a.category->name);
  for (const Tag& t : a.tags) item.categories.push_back(t.name);
  if (std::string image = ShareImage(a.feature_image); !image.empty())
    item.image = urls.Absolute(image);
  item.image_credit = a.feature_image_credit;
  item.source = a.source;
  item.source_url = a.source_url;
  item.published = a.published_at.value_or(a.updated_at);
  item.updated = std::max(a.updated_at, item.published);
  return item;
}

}  // namespace warta::feeds
