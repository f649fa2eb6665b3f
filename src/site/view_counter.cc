#include "site/view_counter.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "base/log.h"
#include "base/strings.h"

namespace warta::site {
namespace {

// Lower-case fragments of user agents that are not readers: search and AI
// crawlers, link previews, monitors, feed readers and HTTP libraries.
constexpr std::string_view kNotReaders[] = {
    "bot",
    "crawl",
    "spider",
    "slurp",
    "facebookexternalhit",
    "facebookcatalog",
    "mediapartners",
    "lighthouse",
    "headless",
    "preview",
    "whatsapp/",
    "curl/",
    "wget/",
    "python",
    "go-http-client",
    "java/",
    "okhttp",
    "libwww",
    "httpclient",
    "axios/",
    "node-fetch",
    "scrapy",
    "feedfetcher",
    "pingdom",
    "uptime",
    "monitor",
    "phantomjs",
    "ia_archiver",
    "embedly",
    "quora link",
    "outbrain",
    "vkshare",
    "w3c_validator",
    "skypeuripreview",
    "nuzzel",
    "redditbot",
    "applebot",
    "yandex",
    "baiduspider",
    "petalbot",
    "semrush",
    "ahrefs",
    "mj12",
    "dotbot",
    "bytespider",
    "gptbot",
    "ccbot",
    "claude",
    "perplexity",
    "amazonbot",
    "google-extended",
    "googleother",
    "google-inspectiontool",
    "storebot",
    "apis-google",
    "duckduckgo",
    "qwantify",
    "seznam",
    "sogou",
    "exabot",
    "archive.org",
    "prerender",
};

}  // namespace

namespace {

bool MatchesNotReader(std::string_view user_agent) {
  // Lower-cased on the stack; the tokens sit in the first few hundred
  // bytes of any real user agent.
  char buf[512];
  const std::size_t n = std::min(user_agent.size(), sizeof buf);
  for (std::size_t i = 0; i < n; ++i) {
    char c = user_agent[i];
    buf[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const std::string_view ua(buf, n);
  for (std::string_view bad : kNotReaders) {
    if (ua.find(bad) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

bool IsCrawlerUserAgent(std::string_view user_agent) {
  if (user_agent.empty()) return true;
  // This runs on every article view: the verdicts of the user agents this
  // thread saw last are kept (a keep-alive connection sends one again and
  // again), by hash and length.
  struct Seen {
    std::size_t hash = 0;
    std::size_t size = 0;
    bool crawler = false;
  };
  thread_local Seen seen[16];
  const std::size_t h = std::hash<std::string_view>()(user_agent);
  Seen& slot = seen[h % 16];
  if (slot.size == user_agent.size() && slot.hash == h) return slot.crawler;
  slot = Seen{h, user_agent.size(), MatchesNotReader(user_agent)};
  return slot.crawler;
}

bool IsReaderView(const http::Request& req) {
  if (req.method != http::Method::kGet && req.method != http::Method::kPost)
    return false;
  // One pass over the headers. Speculative loads: Chrome's Sec-Purpose
  // ("prefetch", "prefetch;prerender"), the older Purpose / X-Purpose and
  // Firefox's X-Moz.
  std::string_view user_agent;
  for (const auto& [name, value] : req.headers) {
    if (name == "user-agent") {
      if (user_agent.empty()) user_agent = value;
      continue;
    }
    if (name != "sec-purpose" && name != "purpose" && name != "x-purpose" &&
        name != "x-moz") {
      continue;
    }
    const std::string lower = AsciiLower(value);
    if (lower.find("prefetch") != std::string::npos ||
        lower.find("prerender") != std::string::npos ||
        lower.find("preview") != std::string::npos) {
      return false;
    }
  }
  return !IsCrawlerUserAgent(user_agent);
}

ViewCounter::ViewCounter(ReaderStore& store, const Clock& clock)
    : store_(store), clock_(clock) {}

ViewCounter::~ViewCounter() {
  {
    MutexLock lock(&loop_mu_);
    stopping_ = true;
  }
  loop_cv_.NotifyAll();
  if (thread_.joinable()) thread_.join();
  Status s = Flush();
  if (!s.ok()) LogWarning("views: " + s.ToString());
}

void ViewCounter::Count(std::string_view slug) { Add(slug, 1); }

std::int64_t ViewCounter::pending() const {
  std::int64_t n = 0;
  for (const Shard& shard : shards_) {
    MutexLock lock(&shard.mu);
    n += shard.views;
  }
  return n;
}

void ViewCounter::Add(std::string_view slug, std::int64_t n) {
  if (slug.empty() || n <= 0) return;
  // A shard per server thread, not per article: readers of one hot story
  // on several threads do not queue on one lock. Flush adds up the shards.
  thread_local const std::size_t mine =
      std::hash<std::thread::id>()(std::this_thread::get_id());
  Shard& shard = shards_[mine % kShards];
  MutexLock lock(&shard.mu);
  auto it = shard.counts.find(slug);
  if (it == shard.counts.end()) {
    if (pending_slugs_.load(std::memory_order_relaxed) >= kMaxPending) return;
    pending_slugs_.fetch_add(1, std::memory_order_relaxed);
    it = shard.counts.emplace(std::string(slug), 0).first;
  }
  it->second += n;
  shard.views += n;
}

Status ViewCounter::Flush() {
  MutexLock flush_lock(&flush_mu_);
  std::vector<std::pair<std::string, std::int64_t>> batch;
  for (Shard& shard : shards_) {
    Counts taken;
    {
      MutexLock lock(&shard.mu);
      taken.swap(shard.counts);
      shard.views = 0;
    }
    for (auto& [slug, n] : taken) batch.emplace_back(slug, n);
  }
  pending_slugs_.fetch_sub(batch.size(), std::memory_order_relaxed);
  const Timestamp now = clock_.Now();
  Status s = store_.AddViews(now - now % 3600, batch);
  if (!s.ok()) {
    // Kept for the next flush.
    for (const auto& [slug, n] : batch) Add(slug, n);
    return s;
  }
  if (now - last_prune_ >= 3600) {
    last_prune_ = now;
    WARTA_RETURN_IF_ERROR(
        store_.PruneViews(now - now % 3600 - kKeepHours * 3600));
  }
  return Status::Ok();
}

void ViewCounter::Start(std::chrono::milliseconds interval) {
  MutexLock lock(&loop_mu_);
  if (thread_.joinable()) return;
  thread_ = std::thread([this, interval] { Loop(interval); });
}

void ViewCounter::Loop(std::chrono::milliseconds interval) {
  MutexLock lock(&loop_mu_);
  while (!stopping_) {
    const auto deadline = std::chrono::steady_clock::now() + interval;
    while (!stopping_ && loop_cv_.WaitUntil(&loop_mu_, deadline)) {
    }
    if (stopping_) break;
    lock.Unlock();
    Status s = Flush();  // nothing to write: no transaction
    if (!s.ok()) LogWarning("views: " + s.ToString());
    lock.Lock();
  }
}

}  // namespace warta::site
