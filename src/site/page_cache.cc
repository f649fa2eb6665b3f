#include "site/page_cache.h"

#include <cstdio>

#include "base/strings.h"
#include "http/compression.h"

namespace warta::site {

unsigned CodingBit(http::Coding c) {
  switch (c) {
    case http::Coding::kGzip:
      return kGzipBit;
    case http::Coding::kBrotli:
      return kBrotliBit;
    case http::Coding::kIdentity:
      break;
  }
  return 0;
}

http::Response CachedPage::ToResponse() const {
  http::Response r;
  r.status = status;
  r.content_type = content_type;
  r.body = body;
  r.body_gzip = body_gzip;
  r.body_brotli = body_brotli;
  if (!etag.empty()) r.SetHeader("ETag", etag);
  if (!cache_control.empty()) r.SetHeader("Cache-Control", cache_control);
  if (!location.empty()) r.SetHeader("Location", location);
  if (!last_modified.empty()) r.SetHeader("Last-Modified", last_modified);
  return r;
}

void CachedPage::Prepare() {
  http::Response r = ToResponse();
  r.SetHeader("X-Cache", "hit");
  http::OutgoingOptions options;
  options.compress_on_the_fly = false;  // missing codings come later
  prepared = http::PrepareResponse(r, options);
  // The serialized heads (the bodies are shared with the page).
  if (prepared) bytes += 1024;
}

std::shared_ptr<CachedPage> MakeEncodedPage(int status,
                                            std::string content_type,
                                            std::string body, std::string gzip,
                                            std::string brotli,
                                            std::string cache_control) {
  auto page = std::make_shared<CachedPage>();
  page->status = status;
  page->content_type = std::move(content_type);
  char etag[24];
  std::snprintf(etag, sizeof etag, "\"%016llx\"",
                static_cast<unsigned long long>(Fnv1a64(body)));
  page->etag = etag;
  page->cache_control = std::move(cache_control);
  page->bytes = body.size() + gzip.size() + brotli.size() + 256;
  if (!gzip.empty())
    page->body_gzip = std::make_shared<const std::string>(std::move(gzip));
  if (!brotli.empty())
    page->body_brotli = std::make_shared<const std::string>(std::move(brotli));
  page->body = std::make_shared<const std::string>(std::move(body));
  return page;
}

std::shared_ptr<CachedPage> MakeCachedPage(int status, std::string content_type,
                                           std::string body,
                                           std::string cache_control,
                                           unsigned codings) {
  std::string gzip, brotli;
  const bool worth_it = body.size() >= 512;
  if (worth_it && (codings & kGzipBit)) gzip = http::GzipCompress(body, 6);
  if (worth_it && (codings & kBrotliBit))
    brotli = http::BrotliCompress(body, 5);
  auto page = MakeEncodedPage(status, std::move(content_type), std::move(body),
                              std::move(gzip), std::move(brotli),
                              std::move(cache_control));
  if (worth_it) page->missing = kAllCodings & ~codings;
  return page;
}

std::shared_ptr<CachedPage> WithCoding(const CachedPage& page, http::Coding c) {
  auto fuller = std::make_shared<CachedPage>();
  fuller->status = page.status;
  fuller->content_type = page.content_type;
  fuller->body = page.body;
  fuller->body_gzip = page.body_gzip;
  fuller->body_brotli = page.body_brotli;
  fuller->etag = page.etag;
  fuller->cache_control = page.cache_control;
  fuller->location = page.location;
  fuller->last_modified = page.last_modified;
  fuller->bytes = page.bytes;
  fuller->missing = page.missing & ~CodingBit(c);
  std::string_view body = page.body ? std::string_view(*page.body) : "";
  if ((page.missing & CodingBit(c)) != 0) {
    http::Body encoded;
    if (c == http::Coding::kGzip) {
      encoded =
          std::make_shared<const std::string>(http::GzipCompress(body, 6));
      fuller->body_gzip = encoded;
    } else if (c == http::Coding::kBrotli) {
      encoded =
          std::make_shared<const std::string>(http::BrotliCompress(body, 5));
      fuller->body_brotli = encoded;
    }
    if (encoded) fuller->bytes += encoded->size();
  }
  if (page.prepared) {
    fuller->bytes -= 1024;  // Prepare() counts its heads again
    fuller->Prepare();
  }
  return fuller;
}

namespace {

constexpr std::size_t kBatchesKept = 256;

bool DropsAll(const std::string& key) { return key == "site" || key == "nav"; }

}  // namespace

std::shared_ptr<const CachedPage> PageCache::Find(std::string_view key) const {
  ReaderLock lock(&mu_);
  auto it = pages_.find(key);
  if (it == pages_.end()) {
    misses_.fetch_add(1, std::memory_order_relaxed);
    return nullptr;
  }
  hits_.fetch_add(1, std::memory_order_relaxed);
  it->second.referenced.store(true, std::memory_order_relaxed);
  return it->second.page;
}

bool PageCache::Replace(std::string_view key, const CachedPage* old,
                        std::shared_ptr<const CachedPage> page) {
  if (!page) return false;
  MutexLock lock(&mu_);
  auto it = pages_.find(key);
  if (it == pages_.end() || it->second.page.get() != old) return false;
  bytes_ -= it->second.page->bytes;
  bytes_ += page->bytes;
  it->second.page = std::move(page);
  MakeRoomLocked(0);
  return true;
}

void PageCache::Postpone(std::string_view key, Timestamp refresh_at) {
  MutexLock lock(&mu_);
  auto it = pages_.find(key);
  if (it == pages_.end()) return;
  it->second.refresh_at = refresh_at;
  it->second.refreshing.store(false);
}

PageCache::Hit PageCache::Lookup(std::string_view key, Timestamp now) {
  ReaderLock lock(&mu_);
  auto it = pages_.find(key);
  if (it == pages_.end()) {
    misses_.fetch_add(1, std::memory_order_relaxed);
    return {};
  }
  hits_.fetch_add(1, std::memory_order_relaxed);
  const Entry& e = it->second;
  e.referenced.store(true, std::memory_order_relaxed);
  Hit hit{e.page, false};
  if (e.refresh_at != 0 && now >= e.refresh_at &&
      !e.refreshing.exchange(true)) {
    hit.refresh_due = true;
  }
  return hit;
}

bool PageCache::StaleLocked(std::uint64_t generation,
                            const std::vector<std::string>& deps) const {
  const std::uint64_t current = generation_.load();
  if (generation == current) return false;
  if (generation > current) return true;
  // Every invalidation since `generation` must still be known.
  if (batches_.empty() || batches_.front().generation > generation) return true;
  for (const Batch& b : batches_) {
    if (b.generation < generation) continue;
    if (b.all) return true;
    for (const std::string& d : deps) {
      if (b.keys.count(d)) return true;
    }
  }
  return false;
}

void PageCache::EraseLocked(PageMap::iterator it) {
  for (const std::string& d : it->second.deps) {
    auto dep = by_dep_.find(d);
    if (dep == by_dep_.end()) continue;
    dep->second.erase(it->first);
    if (dep->second.empty()) by_dep_.erase(dep);
  }
  bytes_ -= it->second.page->bytes;
  pages_.erase(it);
}

void PageCache::MakeRoomLocked(std::size_t bytes) {
  // CLOCK: an entry read since the last pass gets a second chance.
  std::size_t turns = clock_.size() * 2 + 1;
  while (bytes_ + bytes > max_bytes_ && !clock_.empty() && turns-- > 0) {
    auto [key, serial] = std::move(clock_.front());
    clock_.pop_front();
    auto it = pages_.find(key);
    if (it == pages_.end() || it->second.serial != serial) continue;
    if (it->second.referenced.exchange(false)) {
      clock_.emplace_back(std::move(key), serial);
      continue;
    }
    EraseLocked(it);
    ++evictions_;
  }
  if (clock_.size() > pages_.size() * 2 + 64) {
    // Drop slots of entries replaced or invalidated since.
    std::deque<std::pair<std::string, std::uint64_t>> live;
    for (auto& slot : clock_) {
      auto it = pages_.find(slot.first);
      if (it != pages_.end() && it->second.serial == slot.second)
        live.push_back(std::move(slot));
    }
    clock_.swap(live);
  }
}

void PageCache::Insert(std::string key, std::shared_ptr<const CachedPage> page,
                       std::uint64_t generation, std::vector<std::string> deps,
                       Timestamp refresh_at) {
  if (!page || page->bytes > max_bytes_) return;
  if (deps.empty()) deps.push_back("pub");
  MutexLock lock(&mu_);
  if (StaleLocked(generation, deps)) return;  // rendered from stale data
  if (auto old = pages_.find(key); old != pages_.end()) EraseLocked(old);
  MakeRoomLocked(page->bytes);
  if (bytes_ + page->bytes > max_bytes_) return;
  auto [it, inserted] = pages_.try_emplace(key);
  Entry& e = it->second;
  e.page = std::move(page);
  e.deps = std::move(deps);
  e.refresh_at = refresh_at;
  e.serial = ++serial_;
  for (const std::string& d : e.deps) by_dep_[d].insert(key);
  bytes_ += e.page->bytes;
  clock_.emplace_back(std::move(key), e.serial);
}

void PageCache::RecordLocked(Batch batch) {
  batch.generation = generation_.fetch_add(1);
  batches_.push_back(std::move(batch));
  while (batches_.size() > kBatchesKept) batches_.pop_front();
}

void PageCache::Invalidate(const std::vector<std::string>& keys) {
  if (keys.empty()) return;
  for (const std::string& k : keys) {
    if (DropsAll(k)) return Invalidate();
  }
  MutexLock lock(&mu_);
  Batch batch;
  for (const std::string& k : keys) {
    batch.keys.insert(k);
    auto dep = by_dep_.find(k);
    if (dep == by_dep_.end()) continue;
    std::vector<std::string> victims(dep->second.begin(), dep->second.end());
    for (const std::string& v : victims) {
      auto it = pages_.find(v);
      if (it == pages_.end()) continue;
      EraseLocked(it);
      ++invalidations_;
    }
  }
  RecordLocked(std::move(batch));
}

void PageCache::Invalidate() {
  MutexLock lock(&mu_);
  invalidations_ += pages_.size();
  pages_.clear();
  by_dep_.clear();
  clock_.clear();
  bytes_ = 0;
  Batch batch;
  batch.all = true;
  RecordLocked(std::move(batch));
}

PageCache::Stats PageCache::stats() const {
  ReaderLock lock(&mu_);
  Stats s;
  s.hits = hits_.load(std::memory_order_relaxed);
  s.misses = misses_.load(std::memory_order_relaxed);
  s.invalidations = invalidations_;
  s.evictions = evictions_;
  s.entries = pages_.size();
  s.bytes = bytes_;
  return s;
}

std::size_t PageCache::size() const {
  ReaderLock lock(&mu_);
  return pages_.size();
}

}  // namespace warta::site
