// WireIngester: agency feed items -> articles, idempotently. For each item:
// seen before with the same content -> nothing; seen with changed content
// -> the article is updated through the Newsroom (a new revision); new but
// telling the same story as an existing article (DuplicateFinder, or the
// same normalised text from another feed) -> linked to that article, no new
// one; otherwise a new article: a draft, or published for trusted feeds,
// with source = the feed's name and source_url = the item's link. A feed
// that cannot be fetched or parsed, or whose items are not valid articles,
// changes nothing. Every run records the feed's status (WireStore).
// Not thread-safe; one per thread.
#ifndef WARTA_INGEST_WIRE_INGESTER_H_
#define WARTA_INGEST_WIRE_INGESTER_H_

#include <functional>
#include <string>

#include "base/result.h"
#include "ingest/duplicates.h"
#include "ingest/feed_parser.h"
#include "ingest/wire_feeds.h"
#include "ingest/wire_images.h"
#include "newsroom/newsroom.h"
#include "store/wire_store.h"

namespace warta::ingest {

struct WireDefaults {
  std::string category = "Berita";  // when the feed maps none
  std::string author = "Redaksi";   // when an item names none
  int utc_offset_seconds = 7 * 3600;
  // Keeps items' photos in the newsroom (wire_images.h); without `keep`
  // they stay remote URLs.
  ImageKeeper images;
};

enum class WireAction { kCreated, kUpdated, kUnchanged, kLinked };

struct WireEvent {
  WireAction action = WireAction::kUnchanged;
  std::string item_key;
  Article article;  // created/updated: the stored article; linked: the
                    // existing one (id only guaranteed)
};

struct WireStats {
  // The source answered 304 Not Modified (conditional fetch): nothing read.
  bool not_modified = false;
  int items = 0;
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  int linked = 0;
};

class WireIngester {
 public:
  // All references must outlive the ingester.
  // All references must outlive the ingester. `wire` keeps the items seen
  // and the feeds' fetches; articles go through `newsroom`.
  WireIngester(Newsroom& newsroom, WireStore& wire, DuplicateFinder& detector,
               WireDefaults defaults);

  // Fetches `source` (http:// or https:// URL, else a file path) and
  // ingests it. A URL is fetched conditionally: with If-None-Match /
  // If-Modified-Since from the last good fetch of this (feed, source), and
  // a 304 answer is a success with nothing to do (stats.not_modified).
  // Errors name the source; the feed's status is recorded either way.
  Result<WireStats> Ingest(
      const WireFeedConfig& feed, const std::string& source,
      const std::function<void(const WireEvent&)>& on_event);

  // Ingests an already fetched document.
  Result<WireStats> IngestDocument(
      const WireFeedConfig& feed, std::string_view document,
      const std::function<void(const WireEvent&)>& on_event);

  struct Fetched {
    bool not_modified = false;  // a 304 answer
    std::string body;           // of a 200 response, or the file's bytes
    WireValidators validators;  // of a 200/304 response
  };
  // Fetches a source, sending `validators` (if any) to a URL. Redirects to
  // loopback and private addresses are refused unless `internal`.
  static Result<Fetched> Fetch(const std::string& source,
                               const WireValidators& validators = {},
                               bool internal = false);

 private:
  // Brings `a`'s remote images in (defaults_.images); a failure is logged
  // and leaves the remote URL.
  void KeepImages(Article& a, const WireFeedConfig& feed) const;

  Newsroom& newsroom_;
  WireStore& wire_;
  DuplicateFinder& detector_;
  WireDefaults defaults_;
};

// The admin path of an article (drafts have no public URL yet).
std::string AdminArticlePath(std::int64_t id);

}  // namespace warta::ingest

#endif  // WARTA_INGEST_WIRE_INGESTER_H_
