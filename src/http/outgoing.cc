#include "http/outgoing.h"

#include <algorithm>

#include "base/strings.h"
#include "base/time.h"
#include "http/compression.h"
#include "http/conditional.h"
#include "http/prepared.h"

namespace warta::http {
namespace {

// Fields a 304 keeps from the 200 it stands for (RFC 7232 section 4.1).
bool KeptOn304(std::string_view name) {
  for (std::string_view keep :
       {"etag", "cache-control", "last-modified", "expires", "vary",
        "content-location", "date", "server"}) {
    if (EqualsIgnoreAsciiCase(name, keep)) return true;
  }
  return false;
}

// Fields the server sets itself from the framing it chooses.
bool OwnedByServer(std::string_view name) {
  return EqualsIgnoreAsciiCase(name, "content-length") ||
         EqualsIgnoreAsciiCase(name, "transfer-encoding") ||
         EqualsIgnoreAsciiCase(name, "connection") ||
         EqualsIgnoreAsciiCase(name, "keep-alive");
}

// Removes CR, LF and NUL so a handler cannot split the header.
std::string Clean(std::string s) {
  std::erase_if(s, [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
  return s;
}

bool HasToken(std::string_view list, std::string_view token) {
  for (std::string_view item : Split(list, ',')) {
    if (EqualsIgnoreAsciiCase(Trim(item), token)) return true;
  }
  return false;
}

void AddVaryAcceptEncoding(Outgoing& out) {
  for (auto& [k, v] : out.headers) {
    if (!EqualsIgnoreAsciiCase(k, "vary")) continue;
    if (!HasToken(v, "accept-encoding") && !HasToken(v, "*")) {
      v += ", Accept-Encoding";
    }
    return;
  }
  out.headers.emplace_back("Vary", "Accept-Encoding");
}

bool IsBodylessStatus(int status) {
  return status < 200 || status == 204 || status == 304;
}

// Picks the body to send and its coding. Returns kIdentity when `body` is
// sent as is; otherwise `*chosen` is the encoded bytes.
Coding ChooseCoding(const Request& request, const Response& response,
                    const OutgoingOptions& options, bool on_the_fly_ok,
                    Body* chosen) {
  std::string_view accept = request.Header("accept-encoding");
  double q_br = CodingQuality(accept, "br");
  double q_gzip = CodingQuality(accept, "gzip");
  bool br_ok = q_br > 0 && response.body_brotli;
  bool gzip_ok = q_gzip > 0 && response.body_gzip;
  if (br_ok && (!gzip_ok || q_br >= q_gzip)) {
    *chosen = response.body_brotli;
    return Coding::kBrotli;
  }
  if (gzip_ok) {
    *chosen = response.body_gzip;
    return Coding::kGzip;
  }
  if (!on_the_fly_ok || !options.compress_on_the_fly) return Coding::kIdentity;
  std::string_view data = *response.body;
  if (q_br > 0 && q_br >= q_gzip) {
    *chosen = std::make_shared<const std::string>(
        BrotliCompress(data, options.brotli_quality));
    return Coding::kBrotli;
  }
  if (q_gzip > 0) {
    *chosen = std::make_shared<const std::string>(
        GzipCompress(data, options.gzip_level));
    return Coding::kGzip;
  }
  return Coding::kIdentity;
}

}  // namespace

std::string_view Outgoing::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (EqualsIgnoreAsciiCase(k, name)) return v;
  }
  return {};
}

Outgoing PrepareOutgoing(const Request& request, Response response,
                         const OutgoingOptions& options, Timestamp now) {
  if (response.prepared) {
    std::shared_ptr<const PreparedResponse> prepared =
        std::move(response.prepared);
    response = prepared->source;
  }
  Outgoing out;
  // Interim (1xx) and out-of-range codes cannot be a final answer here.
  out.status =
      response.status >= 200 && response.status <= 599 ? response.status : 500;
  bool not_modified = IsNotModified(request, response);
  if (not_modified) out.status = 304;
  bool bodyless = IsBodylessStatus(out.status);
  bool head = request.method == Method::kHead;

  bool has_content_type = false;
  bool has_encoding = false;
  for (auto& [k, v] : response.headers) {
    if (OwnedByServer(k) || (not_modified && !KeptOn304(k))) continue;
    if (EqualsIgnoreAsciiCase(k, "content-type")) has_content_type = true;
    if (EqualsIgnoreAsciiCase(k, "content-encoding")) has_encoding = true;
    out.headers.emplace_back(Clean(std::move(k)), Clean(std::move(v)));
  }
  if (out.Header("date").empty()) {
    out.headers.emplace_back("Date", FormatHttpDate(now));
  }
  if (out.Header("server").empty()) out.headers.emplace_back("Server", "warta");
  if (!bodyless && !has_content_type && !response.content_type.empty()) {
    out.headers.emplace_back("Content-Type", Clean(response.content_type));
  }

  std::size_t size = response.body ? response.body->size() : 0;
  std::string_view content_type = has_content_type
                                      ? out.Header("content-type")
                                      : std::string_view(response.content_type);
  bool text_like = response.compressible && !has_encoding &&
                   IsCompressibleType(content_type);
  bool precompressed =
      !has_encoding && (response.body_gzip || response.body_brotli);
  bool on_the_fly_ok = text_like && response.body && !response.stream &&
                       size >= options.compress_min_bytes;
  // Would some client get a different coding of this resource?
  bool varies = response.stream ? text_like : precompressed || on_the_fly_ok;
  if (varies && (!bodyless || not_modified)) AddVaryAcceptEncoding(out);

  if (bodyless) {
    out.has_length = false;
    out.send_body = false;
    return out;
  }

  if (response.stream) {
    out.has_length = false;
    out.chunked = true;
    out.send_body = !head;
    bool gzip = text_like &&
                CodingQuality(request.Header("accept-encoding"), "gzip") > 0;
    if (gzip) out.headers.emplace_back("Content-Encoding", "gzip");
    out.gzip_stream = gzip && !head;
    if (out.send_body) out.stream = std::move(response.stream);
    return out;
  }

  out.body = response.body;
  if (varies) {
    Body encoded;
    Coding coding =
        ChooseCoding(request, response, options, on_the_fly_ok, &encoded);
    if (coding != Coding::kIdentity) {
      out.body = std::move(encoded);
      out.headers.emplace_back("Content-Encoding",
                               std::string(CodingName(coding)));
    }
  }
  out.content_length = out.body ? out.body->size() : 0;
  out.send_body = !head;
  if (head) out.body = nullptr;
  return out;
}

}  // namespace warta::http
