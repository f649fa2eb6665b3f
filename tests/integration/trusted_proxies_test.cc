// server.trusted_proxies against the real binary: behind a trusted proxy
// the login limit per IP counts each reader's forwarded address; without
// the setting a forged X-Forwarded-For changes nothing.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "admin_client.h"

namespace warta::testing {
namespace {

// Three failed logins per address, many per account.
constexpr const char* kLimits =
    "admin.login_limit_ip = 3\nadmin.login_limit_account = 50\n";

class LoginAddressTest : public AdminSiteTest {
 protected:
  // A login sent as if a proxy had forwarded it for `from`.
  int LoginFrom(const std::string& from, const std::string& email,
                const std::string& password) {
    AdminClient c(*server_);
    return c
        .Call(http::Method::kPost, "/api/admin/session",
              json{{"email", email}, {"password", password}}.dump(),
              {{"X-Forwarded-For", from}})
        .status;
  }
  void FailThreeTimesFrom(const std::string& from) {
    for (int i = 0; i < 3; ++i) {
      EXPECT_EQ(LoginFrom(from, "tamu" + std::to_string(i) + "@x.id", "salah"),
                401);
    }
  }
};

class BehindTrustedProxyTest : public LoginAddressTest {
 protected:
  void BeforeStart() override {
    std::ofstream(data_ + "/warta.conf")
        << kLimits << "server.trusted_proxies = 127.0.0.1, ::1\n";
  }
};

TEST_F(BehindTrustedProxyTest, LimitsEachForwardedReader) {
  FailThreeTimesFrom("203.0.113.7");
  EXPECT_EQ(LoginFrom("203.0.113.7", kEmail, kPassword), 429);
  // Another reader behind the same balancer is not locked out ...
  EXPECT_EQ(LoginFrom("203.0.113.8", kEmail, kPassword), 200);
  // ... nor is the proxy's own address.
  EXPECT_EQ(LoginFrom("", kEmail, kPassword), 200);
  // A reader cannot get round the limit by prepending an address of their
  // own: the rightmost untrusted entry is the one the proxy saw.
  EXPECT_EQ(LoginFrom("198.51.100.1, 203.0.113.7", kEmail, kPassword), 429);
}

class NoTrustedProxyTest : public LoginAddressTest {
 protected:
  void BeforeStart() override {
    std::ofstream(data_ + "/warta.conf") << kLimits;
  }
};

TEST_F(NoTrustedProxyTest, ForgedForwardingHeadersAreIgnored) {
  FailThreeTimesFrom("203.0.113.7");
  // Every attempt counted against the connection's own address, whatever
  // the header said.
  EXPECT_EQ(LoginFrom("203.0.113.8", kEmail, kPassword), 429);
  EXPECT_EQ(LoginFrom("", kEmail, kPassword), 429);
}

}  // namespace
}  // namespace warta::testing
