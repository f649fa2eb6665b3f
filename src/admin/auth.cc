#include "admin/auth.h"

#include "admin/crypto.h"
#include "base/strings.h"
#include "metrics/metrics.h"

namespace warta::admin {
namespace {

constexpr std::int64_t kTouchEverySeconds = 60;

std::string_view BearerToken(const http::Request& req) {
  std::string_view h = Trim(req.Header("authorization"));
  if (!StartsWithIgnoreAsciiCase(h, "bearer ")) return {};
  return Trim(h.substr(7));
}

}  // namespace

Auth::Auth(UserStore& store, const Clock& clock, AuthOptions options)
    : store_(store),
      clock_(clock),
      options_(options),
      per_account_(store, clock, options.limit_account, options.window_seconds),
      per_ip_(store, clock, options.limit_ip, options.window_seconds) {}

Result<LoginResult> Auth::Login(std::string_view email_in,
                                std::string_view password, std::string_view ip,
                                std::int64_t* retry_after) {
  std::string email = AsciiLower(Trim(email_in));
  std::string account_key = "account:" + email;
  std::string ip_key = "ip:" + std::string(ip);
  WARTA_ASSIGN_OR_RETURN(std::int64_t ip_wait, per_ip_.RetryAfter(ip_key));
  WARTA_ASSIGN_OR_RETURN(std::int64_t account_wait,
                         per_account_.RetryAfter(account_key));
  const std::int64_t wait = std::max(ip_wait, account_wait);
  if (wait > 0) {
    static metrics::Counter& limited = metrics::Registry::Default().GetCounter(
        "warta_login_rate_limited_total",
        "Logins refused because of too many failed attempts.");
    limited.Inc();
    if (retry_after) *retry_after = wait;
    const std::string seconds = std::to_string(wait);
    return Status::ResourceExhausted("too many failed logins; try again in " +
                                     seconds + " s")
        .WithReason("login_throttled", {{"seconds", seconds}});
  }
  auto user = store_.GetUserByEmail(email);
  if (!user.ok() && !user.status().IsNotFound()) return user.status();
  bool good = false;
  if (user.ok()) {
    good = VerifyPassword(password, user->password_hash) && !user->disabled;
  } else {
    VerifyDummyPassword(password);
  }
  if (!good) {
    static metrics::Counter& failures = metrics::Registry::Default().GetCounter(
        "warta_login_failures_total",
        "Failed logins (wrong e-mail or password).");
    failures.Inc();
    WARTA_RETURN_IF_ERROR(per_ip_.RecordFailure(ip_key));
    WARTA_RETURN_IF_ERROR(per_account_.RecordFailure(account_key));
    return Status::Unauthenticated("wrong e-mail or password")
        .WithReason("login_wrong");
  }
  WARTA_RETURN_IF_ERROR(per_account_.Reset(account_key));
  return StartSession(*user);
}

Result<LoginResult> Auth::StartSession(const User& user) {
  LoginResult out;
  out.user = user;
  out.session_token = RandomToken(32);
  out.csrf_token = CsrfTokenFor(out.session_token);
  Timestamp now = clock_.Now();
  out.expires_at = now + std::int64_t{options_.session_days} * 86400;
  WARTA_RETURN_IF_ERROR(store_.AddSession(
      {TokenHash(out.session_token), user.id, now, out.expires_at}));
  // Now and then, sweep sessions that ran out.
  if (RandomToken(1)[0] == 'A') (void)store_.DeleteExpiredSessions(now);
  return out;
}

Status Auth::Logout(const Principal& who) {
  if (who.via_token || who.session_hash.empty()) return Status::Ok();
  return store_.DeleteSession(who.session_hash);
}

Result<Principal> Auth::Authenticate(const http::Request& req) {
  Timestamp now = clock_.Now();
  Principal p;
  std::string_view bearer = BearerToken(req);
  if (!bearer.empty()) {
    auto token = store_.GetApiTokenByHash(TokenHash(bearer));
    if (!token.ok()) {
      if (token.status().IsNotFound())
        return Status::Unauthenticated("unknown API token")
            .WithReason("token_invalid");
      return token.status();
    }
    if (token->revoked_at)
      return Status::Unauthenticated("the API token was revoked")
          .WithReason("token_invalid");
    auto user = store_.GetUser(token->user_id);
    if (!user.ok() && !user.status().IsNotFound()) return user.status();
    if (!user.ok() || user->disabled) {
      return Status::Unauthenticated("the token's user is disabled")
          .WithReason("account_disabled");
    }
    if (!token->last_used_at ||
        *token->last_used_at + kTouchEverySeconds <= now)
      (void)store_.TouchApiToken(token->id, now);
    p.user = std::move(*user);
    p.via_token = true;
    p.scopes = token->scopes;
    return p;
  }
  auto cookie = req.Cookie(kSessionCookie);
  if (!cookie || cookie->empty())
    return Status::Unauthenticated("not logged in").WithReason("not_logged_in");
  std::string hash = TokenHash(*cookie);
  auto session = store_.GetSession(hash);
  if (!session.ok()) {
    if (session.status().IsNotFound())
      return Status::Unauthenticated("the session ended; log in again")
          .WithReason("session_expired");
    return session.status();
  }
  if (session->expires_at <= now) {
    (void)store_.DeleteSession(hash);
    return Status::Unauthenticated("the session expired; log in again")
        .WithReason("session_expired");
  }
  auto user = store_.GetUser(session->user_id);
  if (!user.ok() && !user.status().IsNotFound()) return user.status();
  if (!user.ok() || user->disabled) {
    return Status::Unauthenticated("the account is disabled")
        .WithReason("account_disabled");
  }
  p.user = std::move(*user);
  p.session_hash = hash;
  p.csrf_token = CsrfTokenFor(*cookie);
  return p;
}

Status Auth::CheckCsrf(const http::Request& req, const Principal& who) const {
  if (who.via_token || req.IsSafeMethod()) return Status::Ok();
  if (!SameOrigin(req)) {
    return Status::PermissionDenied("cross-origin request refused")
        .WithReason("cross_origin");
  }
  std::string_view sent = Trim(req.Header("x-csrf-token"));
  if (sent.empty() || !SecureEquals(sent, who.csrf_token))
    return Status::PermissionDenied("missing or wrong X-CSRF-Token")
        .WithReason("csrf");
  return Status::Ok();
}

std::string Auth::SessionCookie(const LoginResult& login) const {
  std::string c = std::string(kSessionCookie) + "=" + login.session_token +
                  "; Path=/; Max-Age=" +
                  std::to_string(std::int64_t{options_.session_days} * 86400) +
                  "; HttpOnly; SameSite=Lax";
  if (options_.secure_cookie) c += "; Secure";
  return c;
}

std::string Auth::ClearCookie() const {
  std::string c = std::string(kSessionCookie) +
                  "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax";
  if (options_.secure_cookie) c += "; Secure";
  return c;
}

bool IsLocalRequest(const http::Request& req) {
  const std::string& ip = req.remote_ip;
  bool loopback = ip == "::1" || ip.rfind("127.", 0) == 0 ||
                  ip.rfind("::ffff:127.", 0) == 0;
  return loopback && !req.HasHeader("x-forwarded-for") &&
         !req.HasHeader("forwarded") && !req.HasHeader("x-real-ip");
}

bool SameOrigin(const http::Request& req) {
  std::string_view origin = Trim(req.Header("origin"));
  if (origin.empty()) return true;
  size_t scheme = origin.find("://");
  if (scheme == std::string_view::npos) return false;  // "null" and the like
  std::string_view host = origin.substr(scheme + 3);
  return EqualsIgnoreAsciiCase(host, Trim(req.Header("host")));
}

}  // namespace warta::admin
