// Agency photos brought into the newsroom: a wire item's feature image and
// the images in its text are fetched once, when the item becomes or changes
// an article, and kept through the site's image pipeline (resized variants,
// metadata stripped, served from /media/ like an upload), so pages offer
// every size with <picture> and readers never load the agency's server. An
// image that cannot be fetched or is refused keeps its remote URL: the item
// is never lost over a photo. Thread-compatible.
#ifndef WARTA_INGEST_WIRE_IMAGES_H_
#define WARTA_INGEST_WIRE_IMAGES_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "content/article.h"

namespace warta::ingest {

struct ImageKeeper {
  // Keeps the bytes of one image; returns its local URL ("/media/...").
  std::function<Result<std::string>(std::string_view bytes)> keep;
  std::size_t max_bytes = 10u << 20;  // larger downloads are refused
  std::size_t max_per_item = 8;       // images fetched per item, at most
};

// Fetches an image over http(s): 200 only, at most `max_bytes`, redirects
// followed. Unless `internal`, neither the URL nor a redirect may lead to a
// loopback or private address (the URL comes from the feed's content).
Result<std::string> FetchImage(const std::string& url, bool internal,
                               std::size_t max_bytes);

// Every http(s) image URL of `markdown`: the targets of "![alt](URL)", in
// order, each once.
std::vector<std::string> MarkdownImageUrls(std::string_view markdown);

// `markdown` with each image target found in `kept` (remote URL -> local
// URL) replaced.
std::string ReplaceMarkdownImages(
    std::string_view markdown,
    const std::vector<std::pair<std::string, std::string>>& kept);

// Fetches and keeps `a`'s remote feature image and body images with
// `keeper` (`internal` as for FetchImage) and points `a` at the kept
// copies. Returns one message per image that stayed remote.
std::vector<std::string> KeepArticleImages(Article& a,
                                           const ImageKeeper& keeper,
                                           bool internal);

}  // namespace warta::ingest

#endif  // WARTA_INGEST_WIRE_IMAGES_H_
