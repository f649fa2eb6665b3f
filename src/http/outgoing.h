// Outgoing: the step between a handler's Response and the bytes on the wire.
// Applies conditional GET (304), HEAD, content-coding negotiation (pre-
// compressed bodies or on-the-fly gzip/brotli), Vary, Date and Server, and
// drops header fields the server owns. Knows nothing of sockets, so it is
// tested on its own. Pure function, thread-safe.
#ifndef WARTA_HTTP_OUTGOING_H_
#define WARTA_HTTP_OUTGOING_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "http/request.h"
#include "http/response.h"

namespace warta::http {

struct Outgoing {
  int status = 200;
  // Header fields to send, in order. Never holds Content-Length,
  // Transfer-Encoding or Connection: the session derives those from the
  // fields below and from keep-alive.
  std::vector<std::pair<std::string, std::string>> headers;
  Body body;  // the bytes to send (maybe encoded), or null
  std::uint64_t content_length = 0;  // size of `body`, also for HEAD
  bool has_length = true;            // false for 1xx/204/304 and streams
  bool chunked = false;              // a stream (also for HEAD: header only)
  bool send_body = true;             // false for HEAD and body-less statuses
  BodyStream stream;                 // set: a chunked body (GET only)
  bool gzip_stream = false;          // gzip the stream's chunks on the fly
  std::string_view Header(std::string_view name) const;
};

struct OutgoingOptions {
  std::size_t compress_min_bytes = 1024;  // smaller bodies are sent as is
  int gzip_level = 6;
  int brotli_quality = 5;
  // False: a coding the response has no pre-compressed body for is not
  // made here (the body goes as is, or in a coding it has), though Vary
  // still says the resource varies. For responses that gain their other
  // codings later (site/page_cache.h).
  bool compress_on_the_fly = true;
};

// Turns `response` to `request` into what is sent. `now` fills the Date
// field. May compress (CPU work proportional to the body size).
Outgoing PrepareOutgoing(const Request& request, Response response,
                         const OutgoingOptions& options, Timestamp now);

}  // namespace warta::http

#endif  // WARTA_HTTP_OUTGOING_H_
