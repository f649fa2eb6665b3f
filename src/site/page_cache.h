// PageCache: rendered pages by cache key, ready to send: body, gzip and
// brotli variants, ETag. Readers share immutable entries.
//
// A page may be stored with only the codings its first reader asked for
// (a cold render compresses nothing else); the first later request that
// wants a missing one makes it, once, and swaps in the fuller page
// (Replace). Every coding has the same ETag: the identity body's.
//
// Each entry names the page keys it was rendered from (store.h PageChanges:
// "a:12", "c:3", "all", "pub", ...). Invalidate(keys) drops only the entries
// that depend on one of them; "site" and "nav" drop everything. A page
// rendered before an invalidation of one of its keys is never stored after
// it. An entry may also carry a refresh time (content it shows only in
// passing, such as related articles, may be that old): Lookup reports it
// once as due, for a background re-render, and keeps serving it meanwhile.
// Bounded by bytes; when full, the oldest entries not read since the last
// sweep go first (CLOCK). Thread-safe.
#ifndef WARTA_SITE_PAGE_CACHE_H_
#define WARTA_SITE_PAGE_CACHE_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/clock.h"
#include "base/mutex.h"
#include "http/compression.h"
#include "http/prepared.h"
#include "http/response.h"

namespace warta::site {

// Sets of content codings, one bit each (identity is always there).
inline constexpr unsigned kGzipBit = 1;
inline constexpr unsigned kBrotliBit = 2;
inline constexpr unsigned kAllCodings = kGzipBit | kBrotliBit;
// The bit of `c` (0 for identity).
unsigned CodingBit(http::Coding c);

struct CachedPage {
  CachedPage() = default;
  CachedPage(const CachedPage&) = delete;
  CachedPage& operator=(const CachedPage&) = delete;

  int status = 200;
  std::string content_type;
  http::Body body;
  http::Body body_gzip;
  http::Body body_brotli;
  std::string etag;           // "\"<16 hex>\""
  std::string cache_control;  // e.g. "public, max-age=60"
  std::string location;       // for cached redirects
  std::string last_modified;  // HTTP date, or "" (feeds)
  std::size_t bytes = 0;
  // Codings worth having (kAllCodings for a body of 512 bytes or more, else
  // none) that it has no body for yet.
  unsigned missing = 0;
  // Set by the one request that makes a missing coding (by Coding).
  mutable std::array<std::atomic<bool>, 3> coding_claimed{};

  // The page serialized for the wire with "X-Cache: hit" (set by
  // Prepare()); null for pages served the ordinary way.
  std::shared_ptr<const http::PreparedResponse> prepared;

  http::Response ToResponse() const;
  // Fills `prepared` from ToResponse() plus "X-Cache: hit"; a missing
  // coding's variant is the identity body (or the other coding).
  void Prepare();
  // True once for the caller that is to make missing coding `c`.
  bool ClaimCoding(http::Coding c) const {
    return !coding_claimed[static_cast<int>(c)].exchange(true);
  }
};

// Compresses `body` in the `codings` asked for (gzip level 6, brotli
// quality 5: on a 64 KB page 3 ms together, against 14 ms at 9/9 for 1-2%
// smaller output; bodies under 512 bytes not at all) and computes the ETag.
// The page may be changed (say, last_modified) until it is shared.
std::shared_ptr<CachedPage> MakeCachedPage(int status, std::string content_type,
                                           std::string body,
                                           std::string cache_control,
                                           unsigned codings = kAllCodings);

// A copy of `page` that also has coding `c` (compressed now), prepared when
// `page` was. Shares the bodies `page` has; the ETag stays.
std::shared_ptr<CachedPage> WithCoding(const CachedPage& page, http::Coding c);

// The same page from bodies encoded earlier (a stored feed): no compression.
// `gzip` and `brotli` must encode `body`.
std::shared_ptr<CachedPage> MakeEncodedPage(int status,
                                            std::string content_type,
                                            std::string body, std::string gzip,
                                            std::string brotli,
                                            std::string cache_control);

class PageCache {
 public:
  explicit PageCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  // nullptr on a miss.
  std::shared_ptr<const CachedPage> Find(std::string_view key) const;

  struct Hit {
    std::shared_ptr<const CachedPage> page;  // nullptr on a miss
    bool refresh_due = false;  // true for one caller once past refresh time
  };
  // Find, and whether the entry is due for a background refresh at `now`.
  Hit Lookup(std::string_view key, Timestamp now);

  // The generation to pass to Insert for a page about to be rendered.
  std::uint64_t generation() const { return generation_.load(); }

  // Stores `page`, rendered from `deps` (page keys), unless one of them was
  // invalidated since `generation`. `refresh_at` (0: never) is when Lookup
  // starts reporting it due. Without deps, a page depends on "pub".
  void Insert(std::string key, std::shared_ptr<const CachedPage> page,
              std::uint64_t generation, std::vector<std::string> deps = {},
              Timestamp refresh_at = 0);

  // Swaps the page of `key` for `page` (the same render with more codings)
  // when the entry still holds `old`; keeps its dependencies, refresh time
  // and place. False when the entry is gone or holds another page.
  bool Replace(std::string_view key, const CachedPage* old,
               std::shared_ptr<const CachedPage> page);

  // After a refresh of `key` failed (the store unreachable, say): keeps the
  // entry as it is and makes it due again at `refresh_at`. No-op when the
  // entry is gone.
  void Postpone(std::string_view key, Timestamp refresh_at);

  // Drops the entries depending on any of `keys` ("site", "nav": all).
  void Invalidate(const std::vector<std::string>& keys);
  // Drops everything.
  void Invalidate();

  struct Stats {
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::uint64_t invalidations = 0;  // entries dropped by Invalidate
    std::uint64_t evictions = 0;      // entries dropped for space
    std::size_t entries = 0;
    std::size_t bytes = 0;
  };
  Stats stats() const;
  std::size_t size() const;

 private:
  struct Entry {
    std::shared_ptr<const CachedPage> page;
    std::vector<std::string> deps;
    Timestamp refresh_at = 0;
    std::uint64_t serial = 0;  // tells a queue slot from a newer entry
    mutable std::atomic<bool> referenced{false};
    mutable std::atomic<bool> refreshing{false};
  };
  // One invalidation, for refusing pages rendered before it.
  struct Batch {
    std::uint64_t generation = 0;  // the generation it started
    bool all = false;
    std::unordered_set<std::string> keys;
  };

  // Hashes std::string and std::string_view alike, so a lookup by view
  // builds no key string.
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const {
      return std::hash<std::string_view>()(key);
    }
  };
  using PageMap =
      std::unordered_map<std::string, Entry, KeyHash, std::equal_to<>>;

  void EraseLocked(PageMap::iterator it) REQUIRES(mu_);
  void RecordLocked(Batch batch) REQUIRES(mu_);
  bool StaleLocked(std::uint64_t generation,
                   const std::vector<std::string>& deps) const
      REQUIRES_SHARED(mu_);
  void MakeRoomLocked(std::size_t bytes) REQUIRES(mu_);

  std::size_t max_bytes_;
  std::atomic<std::uint64_t> generation_{1};
  mutable std::atomic<std::uint64_t> hits_{0};
  mutable std::atomic<std::uint64_t> misses_{0};
  mutable SharedMutex mu_;
  PageMap pages_ GUARDED_BY(mu_);
  // page key -> cache keys of the entries rendered from it
  std::unordered_map<std::string, std::unordered_set<std::string>> by_dep_
      GUARDED_BY(mu_);
  // insertion order
  std::deque<std::pair<std::string, std::uint64_t>> clock_ GUARDED_BY(mu_);
  // the last invalidations, oldest first
  std::deque<Batch> batches_ GUARDED_BY(mu_);
  std::uint64_t serial_ GUARDED_BY(mu_) = 0;
  std::size_t bytes_ GUARDED_BY(mu_) = 0;
  std::uint64_t invalidations_ GUARDED_BY(mu_) = 0;
  std::uint64_t evictions_ GUARDED_BY(mu_) = 0;
};

}  // namespace warta::site

#endif  // WARTA_SITE_PAGE_CACHE_H_
