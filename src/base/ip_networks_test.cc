#include "base/ip_networks.h"

#include <gtest/gtest.h>

namespace warta {
namespace {

TEST(IpNetworksTest, ContainsBlocksAndBareAddresses) {
  auto n = IpNetworks::Parse("10.1.0.0/16, 2001:db8::/32,192.0.2.7", "x");
  ASSERT_TRUE(n.ok());
  EXPECT_TRUE(n->Contains("10.1.200.3"));
  EXPECT_FALSE(n->Contains("10.2.0.1"));
  EXPECT_TRUE(n->Contains("192.0.2.7"));
  EXPECT_FALSE(n->Contains("192.0.2.8"));
  EXPECT_TRUE(n->Contains("2001:db8:ffff::1"));
  EXPECT_FALSE(n->Contains("2001:db9::1"));
  EXPECT_TRUE(n->Contains("::ffff:10.1.0.1"));  // v4-mapped
  EXPECT_FALSE(n->Contains("not an address"));
  EXPECT_FALSE(n->Contains(""));
}

TEST(IpNetworksTest, EmptyListHoldsNothing) {
  auto n = IpNetworks::Parse(" , ", "x");
  ASSERT_TRUE(n.ok());
  EXPECT_TRUE(n->empty());
  EXPECT_FALSE(n->Contains("127.0.0.1"));
}

TEST(IpNetworksTest, ZeroPrefixIsEveryAddressOfItsFamily) {
  auto n = IpNetworks::Parse("0.0.0.0/0", "x");
  ASSERT_TRUE(n.ok());
  EXPECT_TRUE(n->Contains("203.0.113.1"));
  EXPECT_FALSE(n->Contains("2001:db8::1"));
}

TEST(IpNetworksTest, RejectsWhatIsNotANetworkNamingTheSetting) {
  for (const char* bad : {"10.0.0.0/33", "::/129", "10.0.0.0/x", "example.com",
                          "10.0.0.0/", "[::1]"}) {
    auto n = IpNetworks::Parse(bad, "server.trusted_proxies");
    ASSERT_FALSE(n.ok()) << bad;
    EXPECT_NE(n.status().message().find("server.trusted_proxies"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace warta
