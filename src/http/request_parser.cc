#include "http/request_parser.h"

namespace warta::http {

void RequestParser::on_request_impl(verb, string_view method_str,
                                    string_view target, int version,
                                    error_code&) {
  method_name_->assign(method_str.data(), method_str.size());
  request_->method = MethodFromName(*method_name_);
  request_->target.assign(target.data(), target.size());
  version_ = version == 10 ? 10 : 11;
  fields_ = 0;
}

void RequestParser::on_field_impl(field, string_view name_string,
                                  string_view value, error_code&) {
  auto& headers = request_->headers;
  if (fields_ == headers.size()) headers.emplace_back();
  auto& [name, text] = headers[fields_++];
  name.assign(name_string.data(), name_string.size());
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  text.assign(value.data(), value.size());
}

void RequestParser::on_header_impl(error_code&) {
  request_->headers.resize(fields_);
}

void RequestParser::on_body_init_impl(
    const boost::optional<std::uint64_t>& content_length, error_code&) {
  request_->body.clear();
  // The server has compared a Content-Length with the body limit by now.
  if (content_length) request_->body.reserve(*content_length);
}

std::size_t RequestParser::on_body_impl(string_view body, error_code&) {
  request_->body.append(body.data(), body.size());
  return body.size();
}

std::size_t RequestParser::on_chunk_body_impl(std::uint64_t, string_view body,
                                              error_code&) {
  request_->body.append(body.data(), body.size());
  return body.size();
}

void RequestParser::on_finish_impl(error_code&) {
  request_->headers.resize(fields_);  // with the trailers
}

}  // namespace warta::http
