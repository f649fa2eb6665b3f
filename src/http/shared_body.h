// SharedBody: a Beast Body type whose value is the shared, immutable string of
// a Response, so a cached page is written without a copy. Serializing only.
// Internal to the server.
#ifndef WARTA_HTTP_SHARED_BODY_H_
#define WARTA_HTTP_SHARED_BODY_H_

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional.hpp>
#include <cstdint>
#include <utility>

#include "http/response.h"

namespace warta::http {

struct SharedBody {
  using value_type = Body;

  static std::uint64_t size(const value_type& body) {
    return body ? body->size() : 0;
  }

  class writer {
   public:
    using const_buffers_type = boost::asio::const_buffer;

    template <bool isRequest, class Fields>
    writer(const boost::beast::http::header<isRequest, Fields>&,
           const value_type& body)
        : body_(body) {}

    void init(boost::beast::error_code& ec) { ec = {}; }

    boost::optional<std::pair<const_buffers_type, bool>> get(
        boost::beast::error_code& ec) {
      ec = {};
      if (done_ || !body_ || body_->empty()) return boost::none;
      done_ = true;
      return {{const_buffers_type(body_->data(), body_->size()), false}};
    }

   private:
    const value_type& body_;
    bool done_ = false;
  };
};

}  // namespace warta::http

#endif  // WARTA_HTTP_SHARED_BODY_H_
