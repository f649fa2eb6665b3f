// Request-target parsing for the server: splits "/a%20b?x=1" into a
// percent-decoded path and a raw query. Pure functions, thread-safe.
#ifndef WARTA_HTTP_TARGET_H_
#define WARTA_HTTP_TARGET_H_

#include <string>
#include <string_view>

namespace warta::http {

// Splits an origin-form target ("/path?query") or an absolute-form one
// ("http://host/path?query", as sent to proxies) into the decoded path and the
// raw query (without '?'; the fragment, if any, is dropped). Returns false for
// anything else, for a '%' not followed by two hex digits, and for a path that
// contains or decodes to NUL. Nothing else is changed: no dot-segment removal,
// no slash collapsing, '+' stays '+'.
bool ParseTarget(std::string_view target, std::string* path,
                 std::string* query);

// Decodes %XX escapes strictly: false on a bad escape or a decoded NUL.
bool StrictPercentDecode(std::string_view in, std::string* out);

}  // namespace warta::http

#endif  // WARTA_HTTP_TARGET_H_
