// Agency feeds -> entries: RSS 0.91/0.92/2.0, RSS 1.0 (RDF) and Atom 1.0.
// Handles CDATA, HTML entities, content:encoded (preferred over
// description), dc:creator/author, categories, enclosures and media
// images, and dates in RFC 822 (with or without weekday, two-digit years,
// named zones such as GMT, EST or WIB), ISO 8601, or Indonesian month
// names. A missing or unreadable date leaves `published` empty. Anything
// that is not a well-formed RSS or Atom document is an InvalidArgument
// naming the line. Pure functions, thread-safe.
#ifndef WARTA_INGEST_FEED_PARSER_H_
#define WARTA_INGEST_FEED_PARSER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"

namespace warta::ingest {

struct FeedEntry {
  std::string key;      // guid / atom:id, else link, else title
  std::string link;     // absolute URL of the original
  std::string title;    // plain text
  std::string html;     // the fullest content: content:encoded, content, else
                        // description / summary (HTML or text)
  std::string summary;  // description / summary when content exists too
  std::vector<std::string> authors;
  std::vector<std::string> categories;
  std::string image;  // enclosure/media URL of an image
  std::optional<Timestamp> published;
  std::optional<Timestamp> updated;
};

struct ParsedFeed {
  std::string format;  // "rss 2.0", "rss 0.91", "rss 1.0", "atom 1.0"
  std::string title;
  std::string link;
  std::vector<FeedEntry> entries;
};

// `default_offset_seconds` applies to dates written without a zone.
Result<ParsedFeed> ParseFeed(std::string_view document,
                             int default_offset_seconds);

// The date forms feeds use (see the file comment); nullopt when unreadable.
std::optional<Timestamp> ParseFeedDate(std::string_view text,
                                       int default_offset_seconds);

}  // namespace warta::ingest

#endif  // WARTA_INGEST_FEED_PARSER_H_
