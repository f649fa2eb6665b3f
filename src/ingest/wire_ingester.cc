#include "ingest/wire_ingester.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <limits>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/log.h"
#include "base/strings.h"
#include "base/time.h"
#include "base/utf8.h"
#include "http/client.h"
#include "ingest/file_reader.h"
#include "ingest/html_to_markdown.h"
#include "markup/markdown.h"

namespace warta::ingest {
namespace {

std::string Hex64(std::uint64_t v) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

// Changes when anything we take from the item changes (not its date when
// the feed gives none: "now" differs on every fetch).
std::string ContentHash(const FeedEntry& e) {
  std::string all = e.title + '\x1f' + e.html + '\x1f' + e.summary + '\x1f' +
                    e.link + '\x1f' + e.image + '\x1f' + Join(e.authors, ",") +
                    '\x1f' + Join(e.categories, ",");
  if (e.published) all += '\x1f' + std::to_string(*e.published);
  return Hex64(Fnv1a64(all));
}

// Sorted, distinct hashes of the word 3-shingles of title + text
// (lower-cased, punctuation dropped); single words for shorter texts. Kept
// as it was: wire_items rows hold fingerprints made of them.
std::vector<std::uint64_t> Shingles(std::string_view title,
                                    std::string_view text) {
  std::string all = Utf8ToLower(std::string(title) + " " + std::string(text));
  std::vector<std::string> w;
  std::string cur;
  for (char ch : all) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c >= 0x80) {
      cur += ch;
    } else if (!cur.empty()) {
      w.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) w.push_back(std::move(cur));
  std::vector<std::uint64_t> out;
  if (w.size() < 3) {
    for (const auto& x : w) out.push_back(Fnv1a64(x));
  } else {
    out.reserve(w.size());
    for (size_t i = 0; i + 2 < w.size(); ++i)
      out.push_back(Fnv1a64(w[i] + ' ' + w[i + 1] + ' ' + w[i + 2]));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Normalised story text: lower-case words of title and text (the same
// story from another feed has the same fingerprint).
std::string Fingerprint(std::string_view title, std::string_view text) {
  std::vector<std::uint64_t> words = Shingles(title, text);
  std::string joined;
  for (std::uint64_t w : words) joined += Hex64(w);
  return Hex64(Fnv1a64(joined));
}

std::string ImportKey(const std::string& feed, const std::string& key) {
  std::string k = "wire:" + feed + ":";
  return key.size() <= 200 ? k + key : k + "#" + Hex64(Fnv1a64(key));
}

struct Prepared {
  const FeedEntry* entry;
  Article article;  // a new article as the item describes it
  std::string plaintext;
  std::string hash;
  std::string fingerprint;
};

// The fields of an article that come from the item.
void ApplyItem(Article& a, const Article& from) {
  a.title = from.title;
  a.body = from.body;
  a.custom_excerpt = from.custom_excerpt;
  a.source = from.source;
  a.source_url = from.source_url;
  if (!from.feature_image.empty()) a.feature_image = from.feature_image;
}

bool IsUrl(std::string_view source) {
  return StartsWithIgnoreAsciiCase(source, "http://") ||
         StartsWithIgnoreAsciiCase(source, "https://");
}

// One entry per key (guid): agencies re-send a corrected item in the same
// document. The newest by `updated` (else `published`) wins, the later
// occurrence on a tie, so re-reading an unchanged document changes nothing.
// In the order the keys first appear.
std::vector<const FeedEntry*> OnePerKey(const std::vector<FeedEntry>& entries) {
  std::vector<const FeedEntry*> out;
  std::unordered_map<std::string_view, std::size_t> slot;
  auto when = [](const FeedEntry& e) {
    return e.updated.value_or(
        e.published.value_or(std::numeric_limits<Timestamp>::min()));
  };
  for (const FeedEntry& e : entries) {
    auto [it, fresh] = slot.emplace(e.key, out.size());
    if (fresh) {
      out.push_back(&e);
    } else if (when(e) >= when(*out[it->second])) {
      out[it->second] = &e;
    }
  }
  return out;
}

}  // namespace

std::string AdminArticlePath(std::int64_t id) {
  return "/admin/articles/" + std::to_string(id);
}

WireIngester::WireIngester(Newsroom& newsroom, WireStore& wire,
                           DuplicateFinder& detector, WireDefaults defaults)
    : newsroom_(newsroom),
      wire_(wire),
      detector_(detector),
      defaults_(std::move(defaults)) {}

void WireIngester::KeepImages(Article& a, const WireFeedConfig& feed) const {
  if (!defaults_.images.keep) return;
  for (const std::string& failed :
       KeepArticleImages(a, defaults_.images, feed.internal)) {
    LogWarning("wire " + feed.name + ": photo left at the agency: " + failed);
  }
}

Result<WireIngester::Fetched> WireIngester::Fetch(
    const std::string& source, const WireValidators& validators,
    bool internal) {
  Fetched out;
  if (!IsUrl(source)) {
    WARTA_ASSIGN_OR_RETURN(out.body, ReadWholeFile(source));
    return out;
  }
  http::ClientRequest req;
  req.url = source;
  req.follow_redirects = true;
  req.private_redirects = internal;
  req.timeout = std::chrono::milliseconds(30000);
  req.max_body = 32u << 20;
  req.headers = {{"Accept",
                  "application/rss+xml, application/atom+xml, "
                  "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"}};
  if (!validators.etag.empty())
    req.headers.emplace_back("If-None-Match", validators.etag);
  if (!validators.last_modified.empty())
    req.headers.emplace_back("If-Modified-Since", validators.last_modified);
  WARTA_ASSIGN_OR_RETURN(http::ClientResponse r, http::Fetch(req));
  out.validators = {r.Header("etag"), r.Header("last-modified")};
  if (r.status == 304) {
    out.not_modified = true;
    return out;
  }
  if (r.status != 200) {
    return Status::Unavailable("HTTP " + std::to_string(r.status) + " from " +
                               source);
  }
  if (!r.Header("content-encoding").empty() &&
      r.Header("content-encoding") != "identity") {
    return Status::Unavailable("unsupported Content-Encoding " +
                               r.Header("content-encoding"));
  }
  out.body = std::move(r.body);
  return out;
}

Result<WireStats> WireIngester::Ingest(
    const WireFeedConfig& feed, const std::string& source,
    const std::function<void(const WireEvent&)>& on_event) {
  WireFetch fetch;
  fetch.feed = feed.name;
  fetch.source = source;
  fetch.at = newsroom_.clock().Now();
  Result<WireStats> result = [&]() -> Result<WireStats> {
    WireValidators validators;
    if (IsUrl(source)) {
      WARTA_ASSIGN_OR_RETURN(validators,
                             wire_.GetWireValidators(feed.name, source));
    }
    WARTA_ASSIGN_OR_RETURN(Fetched got,
                           Fetch(source, validators, feed.internal));
    fetch.validators = std::move(got.validators);
    if (got.not_modified) {
      fetch.not_modified = true;
      WireStats none;
      none.not_modified = true;
      return none;
    }
    return IngestDocument(feed, got.body, on_event);
  }();
  if (result.ok()) {
    fetch.items = result->items;
    fetch.created = result->created;
    fetch.updated = result->updated;
    fetch.linked = result->linked;
  } else {
    result = result.status().WithContext(source);
    fetch.error = result.status().message();
  }
  Status recorded = wire_.RecordWireFetch(fetch);
  if (!recorded.ok() && result.ok()) return recorded;
  return result;
}

Result<WireStats> WireIngester::IngestDocument(
    const WireFeedConfig& feed, std::string_view document,
    const std::function<void(const WireEvent&)>& on_event) {
  WARTA_ASSIGN_OR_RETURN(ParsedFeed parsed,
                         ParseFeed(document, defaults_.utc_offset_seconds));
  ArticleStore& articles = newsroom_.stores().articles;
  const Timestamp now = newsroom_.clock().Now();

  // Everything is checked before anything is written.
  std::vector<Prepared> items;
  items.reserve(parsed.entries.size());
  for (const FeedEntry* entry : OnePerKey(parsed.entries)) {
    const FeedEntry& e = *entry;
    Prepared p{&e, Article(), "", ContentHash(e), ""};
    Article& a = p.article;
    a.title = std::string(Utf8Prefix(e.title, kMaxTitleBytes));
    a.body = HtmlToMarkdown(e.html);
    if (a.title.empty()) {
      a.title = std::string(
          Utf8Prefix(MakeExcerpt(HtmlToText(e.html), 80), kMaxTitleBytes));
    }
    if (!e.summary.empty()) {
      a.custom_excerpt = MakeExcerpt(HtmlToText(e.summary), 300);
    }
    a.source = std::string(Utf8Prefix(feed.name, 200));
    // Links follow the newsroom's one rule; one it refuses (javascript:,
    // data:, ...) is dropped rather than losing the item.
    a.source_url = NormalizeArticleLink("source_url", e.link).value_or("");
    a.feature_image =
        NormalizeArticleLink("feature_image", e.image).value_or("");
    std::string category = feed.MapCategory(e.categories);
    a.category =
        Category{0, "", category.empty() ? defaults_.category : category, ""};
    std::vector<std::string> authors = e.authors;
    if (authors.empty())
      authors.push_back(feed.author.empty() ? defaults_.author : feed.author);
    for (const std::string& n : authors)
      a.authors.push_back({0, "", n, "", ""});
    if (feed.trusted) {
      a.status = ArticleStatus::kPublished;
      // An absurd feed date counts as none: the item is taken in now.
      a.published_at =
          e.published && IsAcceptedTime(*e.published) ? *e.published : now;
      if (*a.published_at > now + 60) a.status = ArticleStatus::kScheduled;
    } else {
      a.status = ArticleStatus::kDraft;
    }
    a.import_key = ImportKey(feed.name, e.key);
    Status valid = newsroom_.Validate(a);
    if (!valid.ok()) {
      return valid.WithContext("item \"" + e.key + "\"");
    }
    auto rendered = markup::RenderMarkdown(a.body);
    if (!rendered.ok())
      return rendered.status().WithContext("item \"" + e.key + "\"");
    p.plaintext = std::move(rendered->plaintext);
    p.fingerprint = Fingerprint(a.title, p.plaintext);
    items.push_back(std::move(p));
  }

  WireStats stats;
  for (Prepared& p : items) {
    const FeedEntry& e = *p.entry;
    ++stats.items;
    WireEvent event;
    event.item_key = e.key;
    WireItem w;
    w.feed = feed.name;
    w.item_key = e.key;
    w.content_hash = p.hash;
    w.fingerprint = p.fingerprint;
    w.link = e.link;
    WARTA_ASSIGN_OR_RETURN(std::optional<WireItem> seen,
                           wire_.FindWireItem(feed.name, e.key));
    std::optional<Article> existing;
    if (seen && seen->relation == WireRelation::kOrigin) {
      auto got = articles.GetArticle(seen->article_id);
      if (got.ok()) {
        existing = std::move(*got);
      } else if (!got.status().IsNotFound()) {
        return got.status();
      }
    } else if (!seen) {
      // Written before a crash that lost the wire item row?
      WARTA_ASSIGN_OR_RETURN(
          existing, articles.FindArticleByImportKey(p.article.import_key));
    }
    if (seen && seen->relation == WireRelation::kDuplicate) {
      w.article_id = seen->article_id;
      w.relation = WireRelation::kDuplicate;
      w.first_seen = seen->first_seen;
      WARTA_RETURN_IF_ERROR(wire_.SaveWireItem(w));
      ++stats.unchanged;
      event.action = WireAction::kUnchanged;
      event.article.id = seen->article_id;
      on_event(event);
      continue;
    }
    if (existing) {
      w.article_id = existing->id;
      w.first_seen = seen ? seen->first_seen : 0;
      if (seen && seen->content_hash == p.hash) {
        WARTA_RETURN_IF_ERROR(wire_.SaveWireItem(w));
        ++stats.unchanged;
        event.action = WireAction::kUnchanged;
        event.article = std::move(*existing);
        on_event(event);
        continue;
      }
      Article updated = *existing;
      KeepImages(p.article, feed);
      ApplyItem(updated, p.article);
      WARTA_ASSIGN_OR_RETURN(Article saved, newsroom_.Save(std::move(updated)));
      WARTA_RETURN_IF_ERROR(wire_.SaveWireItem(w));
      detector_.Remember(saved.id, saved.title, saved.plaintext);
      ++stats.updated;
      event.action = WireAction::kUpdated;
      event.article = std::move(saved);
      on_event(event);
      continue;
    }
    // New to this feed: the same story from elsewhere?
    std::optional<std::int64_t> duplicate;
    WARTA_ASSIGN_OR_RETURN(std::optional<WireItem> same,
                           wire_.FindWireItemByFingerprint(p.fingerprint));
    if (same && articles.GetArticle(same->article_id).ok())
      duplicate = same->article_id;
    if (!duplicate) {
      WARTA_ASSIGN_OR_RETURN(
          duplicate, detector_.FindDuplicate(p.article.title, p.plaintext));
    }
    if (duplicate) {
      w.article_id = *duplicate;
      w.relation = WireRelation::kDuplicate;
      WARTA_RETURN_IF_ERROR(wire_.SaveWireItem(w));
      ++stats.linked;
      event.action = WireAction::kLinked;
      event.article.id = *duplicate;
      on_event(event);
      continue;
    }
    KeepImages(p.article, feed);
    WARTA_ASSIGN_OR_RETURN(Article saved, newsroom_.Save(std::move(p.article)));
    w.article_id = saved.id;
    WARTA_RETURN_IF_ERROR(wire_.SaveWireItem(w));
    detector_.Remember(saved.id, saved.title, saved.plaintext);
    ++stats.created;
    event.action = WireAction::kCreated;
    event.article = std::move(saved);
    on_event(event);
  }
  return stats;
}

}  // namespace warta::ingest
