#include "http/prepared.h"

#include <algorithm>
#include <cstring>

#include "base/strings.h"
#include "base/time.h"
#include "http/compression.h"
#include "http/conditional.h"

namespace warta::http {
namespace {

// "200 OK\r\n" and the fields of `out` but Date, then Content-Length.
std::string SerializeHead(const Outgoing& out) {
  std::string head = std::to_string(out.status);
  head += ' ';
  head += ReasonPhrase(out.status);
  head += "\r\n";
  for (const auto& [k, v] : out.headers) {
    if (k.empty() || EqualsIgnoreAsciiCase(k, "date")) continue;
    head += k;
    head += ": ";
    head += v;
    head += "\r\n";
  }
  if (out.has_length) {
    head += "Content-Length: ";
    head += std::to_string(out.content_length);
    head += "\r\n";
  }
  return head;
}

Request ProbeRequest(std::string_view header, std::string_view value) {
  Request r;
  r.method = Method::kGet;
  if (!header.empty()) r.headers.emplace_back(header, value);
  return r;
}

bool NotModified(const PreparedResponse& p, const Request& request) {
  if (p.status != 200) return false;
  if (request.HasHeader("if-none-match")) {
    return !p.etag.empty() &&
           IfNoneMatchMatches(request.Header("if-none-match"), p.etag);
  }
  std::string_view since = request.Header("if-modified-since");
  if (since.empty() || !p.has_last_modified) return false;
  Result<Timestamp> since_t = ParseHttpDate(since);
  return since_t.ok() && p.last_modified <= *since_t;
}

}  // namespace

Response::Response(std::shared_ptr<const PreparedResponse> p)
    : content_type(), prepared(std::move(p)) {
  status = prepared->source.status;
  body = prepared->source.body;
  body_gzip = prepared->source.body_gzip;
  body_brotli = prepared->source.body_brotli;
}

std::shared_ptr<const PreparedResponse> PrepareResponse(
    const Response& response, const OutgoingOptions& options) {
  if (response.stream || response.status < 200 || response.status == 204 ||
      response.status == 304 || response.status > 599) {
    return nullptr;
  }
  auto p = std::make_shared<PreparedResponse>();
  p->status = response.status;
  p->source = response;
  p->etag = std::string(response.Header("ETag"));
  if (std::string_view lm = response.Header("Last-Modified"); !lm.empty()) {
    if (Result<Timestamp> t = ParseHttpDate(lm); t.ok()) {
      p->last_modified = *t;
      p->has_last_modified = true;
    }
  }
  constexpr std::string_view kProbe[] = {"identity", "gzip", "br"};
  for (int i = 0; i < 3; ++i) {
    Outgoing out = PrepareOutgoing(ProbeRequest("accept-encoding", kProbe[i]),
                                   response, options, 0);
    std::string_view coding = out.Header("content-encoding");
    if (i == PreparedResponse::kGzip) p->has_gzip = coding == "gzip";
    if (i == PreparedResponse::kBrotli) p->has_brotli = coding == "br";
    p->variants[i].head = SerializeHead(out);
    p->variants[i].body = out.body;
  }
  Request conditional =
      !p->etag.empty()
          ? ProbeRequest("if-none-match", p->etag)
          : ProbeRequest("if-modified-since", response.Header("Last-Modified"));
  Outgoing not_modified = PrepareOutgoing(conditional, response, options, 0);
  if (not_modified.status == 304) {
    p->not_modified_head = SerializeHead(not_modified);
  }
  return p;
}

PreparedChoice ChoosePrepared(const PreparedResponse& p,
                              const Request& request) {
  PreparedChoice choice;
  if (!p.not_modified_head.empty() && NotModified(p, request)) {
    choice.status = 304;
    choice.head = p.not_modified_head;
    return choice;
  }
  // As PrepareOutgoing's ChooseCoding: brotli when preferred, then gzip.
  std::string_view accept = request.Header("accept-encoding");
  int pick = PreparedResponse::kIdentity;
  if (!accept.empty()) {
    double q_br = p.has_brotli ? CodingQuality(accept, "br") : 0;
    double q_gzip = p.has_gzip ? CodingQuality(accept, "gzip") : 0;
    if (q_br > 0 && (q_gzip <= 0 || q_br >= q_gzip)) {
      pick = PreparedResponse::kBrotli;
    } else if (q_gzip > 0) {
      pick = PreparedResponse::kGzip;
    }
  }
  const PreparedResponse::Variant& v = p.variants[pick];
  choice.status = p.status;
  choice.head = v.head;
  if (request.method != Method::kHead && v.body) {
    choice.body = *v.body;
  }
  return choice;
}

std::string_view DateField(Timestamp now) {
  struct Cached {
    Timestamp second = -1;
    char text[64];
    std::size_t size = 0;
  };
  thread_local Cached cached;
  if (cached.second != now) {
    constexpr std::string_view kName = "Date: ";
    std::memcpy(cached.text, kName.data(), kName.size());
    std::size_t n = kName.size();
    n += FormatHttpDate(now, cached.text + n, sizeof cached.text - n - 2);
    cached.text[n++] = '\r';
    cached.text[n++] = '\n';
    cached.size = n;
    cached.second = now;
  }
  return {cached.text, cached.size};
}

}  // namespace warta::http
