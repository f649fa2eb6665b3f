// Crypto, the login rate limiter and the same-origin checks.
#include <gtest/gtest.h>

#include "admin/auth.h"
#include "admin/crypto.h"
#include "admin/rate_limiter.h"
#include "store/sqlite/testing/temp_sqlite_store.h"

namespace warta::admin {
namespace {

TEST(CryptoTest, HashesWithArgon2idAndVerifies) {
  ASSERT_TRUE(InitCrypto().ok());
  auto h = HashPassword("kata-sandi-rahasia");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u) << *h;
  EXPECT_TRUE(VerifyPassword("kata-sandi-rahasia", *h));
  EXPECT_FALSE(VerifyPassword("kata-sandi-rahasiA", *h));
  EXPECT_FALSE(VerifyPassword("x", "not a hash"));
  EXPECT_NE(*HashPassword("kata-sandi-rahasia"), *h) << "salted";
  EXPECT_EQ(HashPassword("pendek").status().code(),
            StatusCode::kInvalidArgument);
}

TEST(CryptoTest, TokensAreRandomAndHashedStably) {
  ASSERT_TRUE(InitCrypto().ok());
  std::string a = RandomToken(), b = RandomToken();
  EXPECT_EQ(a.size(), 43u);  // 32 bytes, base64url without padding
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_of("+/="), std::string::npos);
  EXPECT_EQ(TokenHash(a), TokenHash(a));
  EXPECT_EQ(TokenHash(a).size(), 64u);
  EXPECT_NE(TokenHash(a), TokenHash(b));
  EXPECT_NE(CsrfTokenFor(a), CsrfTokenFor(b));
  EXPECT_EQ(CsrfTokenFor(a).find(a), std::string::npos);
  EXPECT_TRUE(SecureEquals("abc", "abc"));
  EXPECT_FALSE(SecureEquals("abc", "abd"));
  EXPECT_FALSE(SecureEquals("abc", "ab"));
}

TEST(RateLimiterTest, LimitsFailuresInASlidingWindow) {
  FakeClock clock(1000);
  TempSqliteStore store(clock);
  RateLimiter limiter(store.store(), clock, 3, 60);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(*limiter.RetryAfter("a"), 0);
    ASSERT_TRUE(limiter.RecordFailure("a").ok());
    clock.Advance(10);
  }
  // Failures at 1000, 1010, 1020; now 1030: free at 1060.
  EXPECT_EQ(*limiter.RetryAfter("a"), 30);
  EXPECT_EQ(*limiter.RetryAfter("b"), 0) << "other keys unaffected";
  // Another process or node on the same store counts with this one.
  RateLimiter elsewhere(store.store(), clock, 3, 60);
  EXPECT_EQ(*elsewhere.RetryAfter("a"), 30);
  clock.Advance(30);
  EXPECT_EQ(*limiter.RetryAfter("a"), 0);
  ASSERT_TRUE(elsewhere.RecordFailure("a").ok());
  EXPECT_EQ(*limiter.RetryAfter("a"), 10);  // 1010 + 60 - 1060
  ASSERT_TRUE(limiter.Reset("a").ok());
  EXPECT_EQ(*elsewhere.RetryAfter("a"), 0);
}

TEST(OriginTest, LocalAndSameOriginChecks) {
  http::Request r;
  r.remote_ip = "127.0.0.1";
  EXPECT_TRUE(IsLocalRequest(r));
  r.headers.push_back({"x-forwarded-for", "203.0.113.1"});
  EXPECT_FALSE(IsLocalRequest(r));
  r.headers.clear();
  r.remote_ip = "192.0.2.4";
  EXPECT_FALSE(IsLocalRequest(r));
  r.remote_ip = "::1";
  EXPECT_TRUE(IsLocalRequest(r));

  r.headers = {{"host", "kabarin.id"}};
  EXPECT_TRUE(SameOrigin(r)) << "no Origin: not a browser cross-site request";
  r.headers.push_back({"origin", "https://kabarin.id"});
  EXPECT_TRUE(SameOrigin(r));
  r.headers.back().second = "https://jahat.example";
  EXPECT_FALSE(SameOrigin(r));
  r.headers.back().second = "null";
  EXPECT_FALSE(SameOrigin(r));
}

}  // namespace
}  // namespace warta::admin
