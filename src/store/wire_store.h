// WireStore: what wire ingestion remembers between runs: the agency feed
// items it has seen (to stay idempotent) and each feed's fetch status (for
// editors). Part of the Store interface (store/store.h). Thread-safe; each
// write is one transaction.
#ifndef WARTA_STORE_WIRE_STORE_H_
#define WARTA_STORE_WIRE_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"

namespace warta {

enum class WireRelation { kOrigin, kDuplicate };

struct WireItem {
  std::string feed;          // the feed's name
  std::string item_key;      // guid, else link
  std::string content_hash;  // of the item as the feed sent it
  std::string fingerprint;   // of the normalised story text
  std::int64_t article_id = 0;
  WireRelation relation = WireRelation::kOrigin;
  std::string link;  // the item's link
  Timestamp first_seen = 0;
  Timestamp last_seen = 0;
};

// A response's ETag and Last-Modified field values, verbatim ("" when
// absent): sent back as If-None-Match / If-Modified-Since.
struct WireValidators {
  std::string etag;
  std::string last_modified;
};

// One fetch of a feed, as ingestion reports it.
struct WireFetch {
  std::string feed;
  std::string source;  // URL or file
  Timestamp at = 0;
  std::string error;  // empty: success
  std::int64_t items = 0;
  std::int64_t created = 0;
  std::int64_t updated = 0;
  std::int64_t linked = 0;
  // The source answered 304 Not Modified to the validators it was sent:
  // a success with nothing to do (items and counts stay 0).
  bool not_modified = false;
  // Validators of a successful response, kept for the next fetch of this
  // (feed, source). A failed fetch forgets them, so the next one downloads
  // in full.
  WireValidators validators;
};

struct WireFeedStatus {
  std::string name;
  std::string source;
  Timestamp last_fetch = 0;
  Timestamp last_success = 0;
  std::string last_error;  // of the last fetch; empty when it succeeded
  std::int64_t fetches = 0;
  std::int64_t failures = 0;
  std::int64_t last_items = 0;
  std::int64_t last_created = 0;
  std::int64_t last_updated = 0;
  std::int64_t last_linked = 0;
  std::int64_t items_known = 0;    // wire_items rows of this feed
  std::int64_t not_modified = 0;   // fetches answered 304
  bool last_not_modified = false;  // the last fetch was answered 304
};

class WireStore {
 public:
  virtual ~WireStore() = default;

  virtual Result<std::optional<WireItem>> FindWireItem(
      std::string_view feed, std::string_view item_key) = 0;
  // The oldest item with this fingerprint, from any feed.
  virtual Result<std::optional<WireItem>> FindWireItemByFingerprint(
      std::string_view fingerprint) = 0;
  // Inserts or replaces by (feed, item_key); first_seen is kept on replace.
  virtual Status SaveWireItem(const WireItem& item) = 0;

  // Records a fetch in the feed's status and the source's validators.
  virtual Status RecordWireFetch(const WireFetch& fetch) = 0;
  // The validators of the last good fetch of `source` for `feed` (empty
  // when there was none, or the last fetch failed).
  virtual Result<WireValidators> GetWireValidators(std::string_view feed,
                                                   std::string_view source) = 0;
  // Every feed that has been fetched, by name.
  virtual Result<std::vector<WireFeedStatus>> ListWireFeeds() = 0;
};

}  // namespace warta

#endif  // WARTA_STORE_WIRE_STORE_H_
