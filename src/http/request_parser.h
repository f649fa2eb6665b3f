// RequestParser: Beast's HTTP/1.1 request parser (limits, framing, chunked
// coding, keep-alive) writing what it reads straight into a warta Request
// instead of a Beast message: the method, the target, the header fields
// (names lower-cased, in arrival order, trailers appended) and the body. The
// Request's strings and header vector are overwritten in place, so on a
// keep-alive connection whose requests carry the same fields a request is
// parsed without a heap allocation (Beast's own parser allocates a node per
// field). One parser per request; the Request must outlive it.
// Thread-compatible.
#ifndef WARTA_HTTP_REQUEST_PARSER_H_
#define WARTA_HTTP_REQUEST_PARSER_H_

#include <boost/beast/http/basic_parser.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/request.h"

namespace warta::http {

class RequestParser final : public boost::beast::http::basic_parser<true> {
 public:
  // Fills `request` (its path, query, path_params and remote_ip are left
  // alone) and `method_name` (the method as sent). Neither is owned.
  RequestParser(Request* request, std::string* method_name)
      : request_(request), method_name_(method_name) {}

  // 10 or 11 once the request line is read.
  unsigned version() const { return version_; }

 private:
  using string_view = boost::beast::string_view;
  using error_code = boost::beast::error_code;
  using field = boost::beast::http::field;
  using verb = boost::beast::http::verb;

  void on_request_impl(verb method, string_view method_str, string_view target,
                       int version, error_code& ec) override;
  void on_response_impl(int, string_view, int, error_code&) override {}
  void on_field_impl(field name, string_view name_string, string_view value,
                     error_code& ec) override;
  void on_header_impl(error_code& ec) override;
  void on_body_init_impl(const boost::optional<std::uint64_t>& content_length,
                         error_code& ec) override;
  std::size_t on_body_impl(string_view body, error_code& ec) override;
  void on_chunk_header_impl(std::uint64_t, string_view, error_code&) override {}
  std::size_t on_chunk_body_impl(std::uint64_t remain, string_view body,
                                 error_code& ec) override;
  void on_finish_impl(error_code& ec) override;

  Request* request_;
  std::string* method_name_;
  std::size_t fields_ = 0;  // header fields written so far
  unsigned version_ = 11;
};

}  // namespace warta::http

#endif  // WARTA_HTTP_REQUEST_PARSER_H_
