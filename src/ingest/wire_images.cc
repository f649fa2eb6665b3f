#include "ingest/wire_images.h"

#include <chrono>

#include "base/strings.h"
#include "http/client.h"

namespace warta::ingest {
namespace {

bool IsRemote(std::string_view url) {
  return StartsWithIgnoreAsciiCase(url, "http://") ||
         StartsWithIgnoreAsciiCase(url, "https://");
}

// The image targets of `markdown` as [begin, end) offsets: after each "!["
// the alt text (backslash escapes skipped) up to "](", then the URL up to
// ")" (HtmlToMarkdown percent-encodes spaces and parentheses in URLs).
std::vector<std::pair<std::size_t, std::size_t>> ImageTargets(
    std::string_view md) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t at = 0;
  while ((at = md.find("![", at)) != std::string_view::npos) {
    std::size_t i = at + 2;
    while (i < md.size() && md[i] != ']' && md[i] != '\n')
      i += md[i] == '\\' ? 2 : 1;
    if (i + 1 >= md.size() || md[i] != ']' || md[i + 1] != '(') {
      at += 2;
      continue;
    }
    std::size_t begin = i + 2;
    std::size_t end = md.find_first_of(") \n", begin);
    if (end == std::string_view::npos || md[end] != ')') {
      at = begin;
      continue;
    }
    out.emplace_back(begin, end);
    at = end + 1;
  }
  return out;
}

}  // namespace

Result<std::string> FetchImage(const std::string& url, bool internal,
                               std::size_t max_bytes) {
  http::ClientRequest req;
  req.url = url;
  req.follow_redirects = true;
  req.private_redirects = internal;
  req.private_target = internal;
  req.timeout = std::chrono::milliseconds(20000);
  req.max_body = max_bytes;
  req.headers = {{"Accept", "image/webp,image/avif,image/jpeg,image/png"}};
  WARTA_ASSIGN_OR_RETURN(http::ClientResponse r, http::Fetch(req));
  if (r.status != 200) {
    return Status::Unavailable("HTTP " + std::to_string(r.status) + " from " +
                               url);
  }
  return std::move(r.body);
}

std::vector<std::string> MarkdownImageUrls(std::string_view markdown) {
  std::vector<std::string> out;
  for (auto [begin, end] : ImageTargets(markdown)) {
    std::string url(markdown.substr(begin, end - begin));
    if (!IsRemote(url)) continue;
    bool seen = false;
    for (const std::string& u : out) seen = seen || u == url;
    if (!seen) out.push_back(std::move(url));
  }
  return out;
}

std::string ReplaceMarkdownImages(
    std::string_view markdown,
    const std::vector<std::pair<std::string, std::string>>& kept) {
  std::string out;
  std::size_t copied = 0;
  for (auto [begin, end] : ImageTargets(markdown)) {
    std::string_view url = markdown.substr(begin, end - begin);
    for (const auto& [remote, local] : kept) {
      if (url != remote) continue;
      out.append(markdown.substr(copied, begin - copied));
      out.append(local);
      copied = end;
      break;
    }
  }
  out.append(markdown.substr(copied));
  return out;
}

std::vector<std::string> KeepArticleImages(Article& a,
                                           const ImageKeeper& keeper,
                                           bool internal) {
  std::vector<std::string> urls;
  if (IsRemote(a.feature_image)) urls.push_back(a.feature_image);
  for (std::string& u : MarkdownImageUrls(a.body)) {
    if (u != a.feature_image) urls.push_back(std::move(u));
  }
  std::vector<std::string> failed;
  std::vector<std::pair<std::string, std::string>> kept;
  for (const std::string& url : urls) {
    if (kept.size() + failed.size() >= keeper.max_per_item) {
      failed.push_back(url + ": more than " +
                       std::to_string(keeper.max_per_item) +
                       " images in one item");
      continue;
    }
    Result<std::string> bytes = FetchImage(url, internal, keeper.max_bytes);
    Result<std::string> local =
        bytes.ok() ? keeper.keep(*bytes) : Result<std::string>(bytes.status());
    if (local.ok()) {
      kept.emplace_back(url, std::move(*local));
    } else {
      failed.push_back(url + ": " + local.status().ToString());
    }
  }
  for (const auto& [remote, local] : kept) {
    if (a.feature_image == remote) a.feature_image = local;
  }
  if (!kept.empty()) a.body = ReplaceMarkdownImages(a.body, kept);
  return failed;
}

}  // namespace warta::ingest
