#include "http/conditional.h"

#include "base/strings.h"
#include "base/time.h"

namespace warta::http {
namespace {

// The opaque tag without a weakness prefix: W/"x" -> "x".
std::string_view Opaque(std::string_view tag) {
  tag = Trim(tag);
  if (tag.size() >= 2 && (tag[0] == 'W' || tag[0] == 'w') && tag[1] == '/') {
    tag.remove_prefix(2);
  }
  return tag;
}

}  // namespace

bool IfNoneMatchMatches(std::string_view if_none_match, std::string_view etag) {
  if_none_match = Trim(if_none_match);
  if (if_none_match.empty()) return false;
  if (if_none_match == "*") return !Trim(etag).empty();
  std::string_view want = Opaque(etag);
  if (want.empty()) return false;
  // Entity tags are quoted and cannot hold '"' or ',' inside, so splitting on
  // ',' is safe for well-formed lists.
  SplitPieces tags(if_none_match, ',');
  for (std::string_view tag; tags.Next(&tag);) {
    if (Opaque(tag) == want) return true;
  }
  return false;
}

bool IsNotModified(const Request& request, const Response& response) {
  if (request.method != Method::kGet && request.method != Method::kHead) {
    return false;
  }
  if (response.status != 200) return false;
  if (request.HasHeader("if-none-match")) {
    std::string_view etag = response.Header("ETag");
    return !etag.empty() &&
           IfNoneMatchMatches(request.Header("if-none-match"), etag);
  }
  std::string_view since = request.Header("if-modified-since");
  std::string_view modified = response.Header("Last-Modified");
  if (since.empty() || modified.empty()) return false;
  Result<Timestamp> since_t = ParseHttpDate(since);
  Result<Timestamp> modified_t = ParseHttpDate(modified);
  if (!since_t.ok() || !modified_t.ok()) return false;
  return *modified_t <= *since_t;
}

}  // namespace warta::http
