// Auth: logs newsroom users in and tells who sent a request. Browser
// sessions live in the store (a random cookie token, kept as its hash),
// so they survive restarts and work across nodes; the cookie is HttpOnly,
// SameSite=Lax and Secure when the site is served over https. Every
// state-changing request made with the cookie must carry X-CSRF-Token
// (derived from the session) and, when it sends Origin, come from the same
// host. API tokens (Authorization: Bearer) need neither. Failed logins are
// rate limited per IP and per account, counted in the store (so across
// nodes). Thread-safe.
#ifndef WARTA_ADMIN_AUTH_H_
#define WARTA_ADMIN_AUTH_H_

#include <cstdint>
#include <string>

#include "admin/policy.h"
#include "admin/rate_limiter.h"
#include "base/clock.h"
#include "http/request.h"
#include "store/user_store.h"

namespace warta::admin {

inline constexpr char kSessionCookie[] = "warta_session";

struct AuthOptions {
  int limit_account = 5;  // failed logins per account per window
  int limit_ip = 20;      // failed logins per IP per window
  int window_seconds = 900;
  int session_days = 14;
  bool secure_cookie = false;  // the site URL is https
};

struct LoginResult {
  User user;
  std::string session_token;  // goes into the cookie only
  std::string csrf_token;
  Timestamp expires_at = 0;
};

class Auth {
 public:
  // `store` and `clock` must outlive the Auth.
  Auth(UserStore& store, const Clock& clock, AuthOptions options);

  // Checks the rate limits, then the password. kResourceExhausted (with
  // *retry_after set to seconds) when limited, kUnauthenticated on wrong
  // credentials or a disabled account.
  Result<LoginResult> Login(std::string_view email, std::string_view password,
                            std::string_view ip, std::int64_t* retry_after);

  // A new session for `user` (after the first-run page, or Login).
  Result<LoginResult> StartSession(const User& user);
  // Ends the session of `who` (no-op for tokens).
  Status Logout(const Principal& who);

  // The principal behind the request's bearer token or session cookie;
  // kUnauthenticated when there is none or it is invalid, expired, revoked
  // or its user disabled.
  Result<Principal> Authenticate(const http::Request& req);

  // For state-changing requests: OK for tokens and safe methods; else the
  // X-CSRF-Token header must match and Origin (when sent) must be this
  // host. PermissionDenied otherwise.
  Status CheckCsrf(const http::Request& req, const Principal& who) const;

  // Set-Cookie values.
  std::string SessionCookie(const LoginResult& login) const;
  std::string ClearCookie() const;

  const AuthOptions& options() const { return options_; }

 private:
  UserStore& store_;
  const Clock& clock_;
  AuthOptions options_;
  RateLimiter per_account_;
  RateLimiter per_ip_;
};

// True when the request comes straight from this machine (loopback peer,
// no proxy headers): the first-run page is only served then.
bool IsLocalRequest(const http::Request& req);

// Whether Origin (when present) names the Host the request was sent to.
bool SameOrigin(const http::Request& req);

}  // namespace warta::admin

#endif  // WARTA_ADMIN_AUTH_H_
