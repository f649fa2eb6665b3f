// What the importers' parsers produce: an article described by names (not
// ids) plus where it came from. Plain values.
#ifndef WARTA_INGEST_PARSED_H_
#define WARTA_INGEST_PARSED_H_

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "content/article.h"

namespace warta::ingest {

struct ImportDefaults {
  std::string category = "Berita";    // when the file names none
  std::string author = "Redaksi";     // when the file names none
  int utc_offset_seconds = 7 * 3600;  // for dates written without an offset
  // When set, overrides the status every file asks for.
  std::optional<ArticleStatus> status;
};

struct ParsedArticle {
  std::string title;
  std::string slug;  // optional
  std::string body;  // Markdown
  std::string custom_excerpt;
  std::string dateline_city;
  std::string dateline_outlet;
  std::string source;
  std::string source_url;
  std::string category;           // name
  std::vector<std::string> tags;  // names
  std::vector<std::string> authors;
  std::string editor;
  std::string feature_image;
  std::string feature_image_alt;
  std::string feature_image_caption;
  std::string feature_image_credit;
  std::optional<ArticleStatus> status;    // nullopt: published
  std::optional<Timestamp> published_at;  // nullopt: keep / now
  std::string import_key;                 // identity for re-imports
  bool noindex = false;                   // keep out of search engines
  bool no_ai = false;                     // tell AI crawlers no
  int line = 1;                           // first line in its file
};

}  // namespace warta::ingest

#endif  // WARTA_INGEST_PARSED_H_
