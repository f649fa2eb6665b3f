// PreparedResponse: a Response serialized once and sent many times, as a
// cache keeps it: for each content coding the status line's tail and the
// header fields (everything but Date and Connection, which depend on the
// moment and the connection), the body, and the 304 answer with its
// validators. Selecting what to send for one request allocates nothing.
// Built with PrepareOutgoing, so a prepared response carries the same fields
// as the same Response sent the ordinary way. Immutable once built: share it
// between threads freely.
#ifndef WARTA_HTTP_PREPARED_H_
#define WARTA_HTTP_PREPARED_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "http/outgoing.h"
#include "http/request.h"
#include "http/response.h"

namespace warta::http {

struct PreparedResponse {
  enum Coding { kIdentity = 0, kGzip = 1, kBrotli = 2 };
  struct Variant {
    // "200 OK\r\nETag: ...\r\n...Content-Length: N\r\n": after "HTTP/1.x ",
    // before Date, Connection and the blank line.
    std::string head;
    Body body;  // null when empty
  };
  int status = 200;
  std::array<Variant, 3> variants;  // by Coding; absent codings = identity
  bool has_gzip = false;
  bool has_brotli = false;
  std::string not_modified_head;  // the 304 answer's, in the same form
  std::string etag;               // "" when the response has none
  Timestamp last_modified = 0;
  bool has_last_modified = false;
  // What it was built from: sent the ordinary way to methods other than GET
  // and HEAD.
  Response source;
};

// Serializes `response` (a 2xx or 3xx with a body; not a stream). Returns
// nullptr when it cannot be prepared (a stream, a 1xx/204/304 status).
// Compresses on the fly once when `response` has no pre-compressed body but
// would be compressed when sent, unless options.compress_on_the_fly is
// false: then a missing coding's variant is the body as is (or another
// coding it has), with Vary as for the others.
std::shared_ptr<const PreparedResponse> PrepareResponse(
    const Response& response, const OutgoingOptions& options = {});

// What to send for one GET or HEAD request: the conditional headers and
// Accept-Encoding picked as PrepareOutgoing would. Allocates nothing.
struct PreparedChoice {
  int status = 200;
  std::string_view head;  // see Variant::head
  std::string_view body;  // empty for HEAD and 304
};
PreparedChoice ChoosePrepared(const PreparedResponse& prepared,
                              const Request& request);

// "Date: Fri, 04 Dec 2026 13:00:00 GMT\r\n" for `now`, formatted once a
// second per thread. The view is valid until the calling thread's next call.
std::string_view DateField(Timestamp now);

}  // namespace warta::http

#endif  // WARTA_HTTP_PREPARED_H_
