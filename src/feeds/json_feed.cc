// JSON Feed 1.1 (https://jsonfeed.org/version/1.1).
#include <nlohmann/json.hpp>

#include "base/time.h"
#include "base/utf8.h"
#include "feeds/feed.h"

namespace warta::feeds {

std::string RenderJsonFeed(const FeedChannel& ch,
                           const std::vector<FeedItem>& items) {
  using nlohmann::json;
  json feed = {{"version", "https://jsonfeed.org/version/1.1"},
               {"title", SanitizeUtf8(ch.title)},
               {"home_page_url", ch.home_url},
               {"feed_url", ch.self_url},
               {"language", ch.language}};
  if (!ch.description.empty())
    feed["description"] = SanitizeUtf8(ch.description);
  if (!ch.icon_url.empty()) feed["icon"] = ch.icon_url;
  json list = json::array();
  for (const FeedItem& it : items) {
    json item = {{"id", it.id},
                 {"url", it.url},
                 {"title", SanitizeUtf8(it.title)},
                 {"summary", SanitizeUtf8(it.summary)},
                 {"content_html", SanitizeUtf8(it.content_html)},
                 {"date_published", FormatIso8601Utc(it.published)},
                 {"date_modified", FormatIso8601Utc(it.updated)}};
    if (!it.authors.empty()) {
      json authors = json::array();
      for (const auto& a : it.authors)
        authors.push_back({{"name", SanitizeUtf8(a)}});
      item["authors"] = std::move(authors);
    }
    if (!it.categories.empty()) {
      json tags = json::array();
      for (const auto& c : it.categories) tags.push_back(SanitizeUtf8(c));
      item["tags"] = std::move(tags);
    }
    if (!it.image.empty()) item["image"] = it.image;
    // JSON Feed extensions start with "_": the photo credit.
    if (!it.image.empty() && !it.image_credit.empty())
      item["_warta"] = {{"image_credit", SanitizeUtf8(it.image_credit)}};
    if (!it.source_url.empty()) item["external_url"] = it.source_url;
    list.push_back(std::move(item));
  }
  feed["items"] = std::move(list);
  return feed.dump(1, '\t', false, json::error_handler_t::replace) + "\n";
}

}  // namespace warta::feeds
