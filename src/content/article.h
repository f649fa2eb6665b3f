// The content model: Article and its taxonomies. Field names follow Ghost's
// (slug, custom_excerpt, html, plaintext, feature_image, published_at,
// updated_at, reading_time, primary category). Plain values; thread-compatible.
#ifndef WARTA_CONTENT_ARTICLE_H_
#define WARTA_CONTENT_ARTICLE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"

namespace warta {

enum class ArticleStatus { kDraft, kScheduled, kPublished };

std::string_view ArticleStatusName(ArticleStatus s);  // "draft", ...
Result<ArticleStatus> ParseArticleStatus(std::string_view name);

struct Category {
  std::int64_t id = 0;
  std::string slug;
  std::string name;
  std::string description;
};

struct Tag {
  std::int64_t id = 0;
  std::string slug;
  std::string name;
};

struct Author {
  std::int64_t id = 0;
  std::string slug;
  std::string name;
  std::string bio;
  std::string email;  // optional; never shown on public pages
};

// Bounds of the SEO title and description, in code points: what search
// results and link cards show before they cut.
inline constexpr std::size_t kMaxMetaTitleChars = 70;
inline constexpr std::size_t kMaxMetaDescriptionChars = 160;

struct Article {
  std::int64_t id = 0;
  std::string slug;
  std::string title;
  std::string custom_excerpt;   // written by the editor; may be empty
  std::string body;             // Markdown source as the editor wrote it
  std::string html;             // rendered, sanitized; the dateline opens it
  std::string plaintext;        // body as text, for search and excerpts
  std::string dateline_city;    // "Seoul"
  std::string dateline_outlet;  // "KABARIN"; empty means the site's name
  std::string source;           // wire attribution: "Sputnik-OANA"
  std::string source_url;       // canonical link of the wire original
  std::vector<Author> authors;  // byline order
  std::optional<Author> editor;
  std::optional<Category> category;  // primary category
  std::vector<Tag> tags;
  std::string feature_image;  // URL path or absolute URL
  std::string feature_image_alt;
  std::string feature_image_caption;
  std::string feature_image_credit;  // "WARTA/Rina": shown as "Foto: ..."
  // Where a card cropping the photo keeps it in view: 0..1 from the left
  // and from the top (0.5, 0.5 the centre); kept to 1/1000.
  double feature_image_focal_x = 0.5;
  double feature_image_focal_y = 0.5;
  ArticleStatus status = ArticleStatus::kDraft;
  std::optional<Timestamp> published_at;  // UTC
  Timestamp created_at = 0;
  Timestamp updated_at = 0;
  int word_count = 0;
  int reading_time = 1;  // minutes, from word_count (content/reading_time.h)
  std::int64_t version = 0;  // bumped on every save; optimistic concurrency
  std::string import_key;    // identity of the file/line it came from, if any
  bool noindex = false;      // keep out of search engines and sitemaps
  bool no_ai = false;        // tell AI crawlers no (meta tags and robots.txt)
  bool featured = false;     // Ghost's flag: an editor's pick (home page)
  // Updates and corrections. The store keeps modified_at (the last change
  // of title, excerpt or body while published), correction_at (when the
  // correction note last changed) and withdrawn_at (when a published article
  // was unpublished; cleared on publishing again).
  std::optional<Timestamp> modified_at;
  std::string correction;  // the latest correction note; may be empty
  std::optional<Timestamp> correction_at;
  std::optional<Timestamp> withdrawn_at;
  std::string withdrawn_reason;  // the editor's reason; may be empty
  // Tags a kontributor typed that do not exist yet: suggestions an editor
  // accepts on review (never shown to readers).
  std::vector<std::string> pending_tags;
  // What search engines and shared links show, when the desk wants other
  // words than the headline and excerpt (Ghost's names); may be empty.
  std::string meta_title;        // at most kMaxMetaTitleChars code points
  std::string meta_description;  // at most kMaxMetaDescriptionChars
  // A live report: the page and cards say "LANGSUNG" and the desk's
  // timestamped updates (store/live_update_store.h) open the story.
  bool live_report = false;

  bool IsPublished() const { return status == ArticleStatus::kPublished; }
  // When readers are told the story was updated ("Diperbarui"): the last
  // text change while published, if it came more than `grace_seconds`
  // after publication; else nullopt.
  std::optional<Timestamp> ShownUpdate(int grace_seconds) const;
  // custom_excerpt, else the start of plaintext cut at a word boundary.
  std::string Excerpt(std::size_t max_chars = 200) const;
  // What search engines and link cards show: meta_title, else the title;
  // meta_description, else Excerpt(kMaxMetaDescriptionChars).
  const std::string& SeoTitle() const {
    return meta_title.empty() ? title : meta_title;
  }
  std::string SeoDescription() const;
};

// Collapses whitespace and cuts `text` to at most `max_chars` code points at a
// word boundary, adding "…" when cut.
std::string MakeExcerpt(std::string_view text, std::size_t max_chars);

}  // namespace warta

#endif  // WARTA_CONTENT_ARTICLE_H_
