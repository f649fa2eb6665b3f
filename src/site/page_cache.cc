#include "site/page_cache.h"

#include <cstdio>
#include <mutex>

#include "base/strings.h"
#include "http/compression.h"

namespace warta::site {

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
                                           std::string cache_control) {
  std::string gzip, brotli;
  if (body.size() >= 512) {
    gzip = http::GzipCompress(body, 6);
    brotli = http::BrotliCompress(body, 5);
  }
  return MakeEncodedPage(status, std::move(content_type), std::move(body),
                         std::move(gzip), std::move(brotli),
                         std::move(cache_control));
}

std::shared_ptr<const CachedPage> PageCache::Find(std::string_view key) const {
  std::shared_lock lock(mu_);
  auto it = pages_.find(std::string(key));
  return it == pages_.end() ? nullptr : it->second;
}

void PageCache::Insert(std::string key, std::shared_ptr<const CachedPage> page,
                       std::uint64_t generation) {
  if (!page || page->bytes > max_bytes_) return;
  std::unique_lock lock(mu_);
  if (generation != generation_.load()) return;  // rendered from stale data
  if (bytes_ + page->bytes > max_bytes_) {
    pages_.clear();
    bytes_ = 0;
  }
  auto [it, inserted] = pages_.try_emplace(std::move(key), page);
  if (!inserted) {
    bytes_ -= it->second->bytes;
    it->second = page;
  }
  bytes_ += page->bytes;
}

void PageCache::Invalidate() {
  std::unique_lock lock(mu_);
  generation_.fetch_add(1);
  pages_.clear();
  bytes_ = 0;
}

std::size_t PageCache::size() const {
  std::shared_lock lock(mu_);
  return pages_.size();
}

}  // namespace warta::site
