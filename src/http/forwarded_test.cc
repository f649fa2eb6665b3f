#include "http/forwarded.h"

#include <gtest/gtest.h>

namespace warta::http {
namespace {

IpNetworks Trust(std::string_view list) {
  auto n = IpNetworks::Parse(list, "server.trusted_proxies");
  EXPECT_TRUE(n.ok()) << n.status().ToString();
  return n.ok() ? *n : IpNetworks();
}

TEST(ClientAddressTest, WithoutTrustedProxiesTheHeaderIsIgnored) {
  EXPECT_EQ(ClientAddress("127.0.0.1", "203.0.113.9", IpNetworks()),
            "127.0.0.1");
}

TEST(ClientAddressTest, AnUntrustedPeerCannotChooseItsAddress) {
  IpNetworks t = Trust("10.0.0.0/8");
  EXPECT_EQ(ClientAddress("198.51.100.4", "203.0.113.9", t), "198.51.100.4");
}

TEST(ClientAddressTest, ReadsFromTheRightSkippingTrustedHops) {
  IpNetworks t = Trust("10.0.0.0/8, 127.0.0.1");
  // The reader's own proxy may say anything; the rightmost untrusted
  // address is the one our balancer saw.
  EXPECT_EQ(ClientAddress("127.0.0.1", "1.2.3.4, 203.0.113.9", t),
            "203.0.113.9");
  EXPECT_EQ(ClientAddress("127.0.0.1", "203.0.113.9, 10.1.2.3", t),
            "203.0.113.9");
  EXPECT_EQ(ClientAddress("10.0.0.5", " 203.0.113.9 ", t), "203.0.113.9");
}

TEST(ClientAddressTest, AllTrustedGivesTheLeftmost) {
  IpNetworks t = Trust("10.0.0.0/8, 127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "10.0.0.7, 10.0.0.8", t), "10.0.0.7");
}

TEST(ClientAddressTest, NoHeaderFromATrustedProxyIsTheProxy) {
  IpNetworks t = Trust("127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "", t), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", " , ", t), "127.0.0.1");
}

TEST(ClientAddressTest, GarbageStopsAtTheHopThatAddedIt) {
  IpNetworks t = Trust("127.0.0.1, 10.0.0.0/8");
  EXPECT_EQ(ClientAddress("127.0.0.1", "unknown", t), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "nonsense, 10.0.0.2", t), "10.0.0.2");
}

TEST(ClientAddressTest, PortsAndIpv6) {
  IpNetworks t = Trust("::1, 127.0.0.1");
  EXPECT_EQ(ClientAddress("::1", "[2001:db8::7]:4431", t), "2001:db8::7");
  EXPECT_EQ(ClientAddress("::1", "2001:db8::7", t), "2001:db8::7");
  EXPECT_EQ(ClientAddress("127.0.0.1", "203.0.113.9:5555", t), "203.0.113.9");
  // IPv4 peers seen on an IPv6 socket are v4-mapped.
  EXPECT_EQ(ClientAddress("::ffff:127.0.0.1", "203.0.113.9", t), "203.0.113.9");
}

}  // namespace
}  // namespace warta::http
