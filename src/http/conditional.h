// Conditional GET (RFC 7232): decides when a response may be replaced by
// 304 Not Modified. Pure functions, thread-safe.
#ifndef WARTA_HTTP_CONDITIONAL_H_
#define WARTA_HTTP_CONDITIONAL_H_

#include <string_view>

#include "http/request.h"
#include "http/response.h"

namespace warta::http {

// True when the If-None-Match field value ("*", or a list of entity tags)
// matches `etag` under the weak comparison (W/ prefixes are ignored).
bool IfNoneMatchMatches(std::string_view if_none_match, std::string_view etag);

// True when `request` (GET or HEAD) may get 304 instead of `response` (a 200):
// If-None-Match against the ETag header when the request has one, otherwise
// If-Modified-Since against Last-Modified (not modified when Last-Modified is
// not newer). Unparseable dates never give 304.
bool IsNotModified(const Request& request, const Response& response);

}  // namespace warta::http

#endif  // WARTA_HTTP_CONDITIONAL_H_
