// Test support for the several-node tests: an admin account, and polling a
// node (or the load balancer) until a page shows what a write put there.
#ifndef WARTA_TESTS_POSTGRES_NODE_CHECKS_H_
#define WARTA_TESTS_POSTGRES_NODE_CHECKS_H_

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "warta_process.h"

namespace warta::testing {

// Polls `path` on `node` (anything with Get(path): a WartaServer, Haproxy)
// until its body holds `text` with status 200, or `seconds` pass.
template <typename Node>
bool Shows(const Node& node, const std::string& path, const std::string& text,
           double seconds) {
  auto until = std::chrono::steady_clock::now() +
               std::chrono::milliseconds(static_cast<int>(seconds * 1000));
  while (std::chrono::steady_clock::now() < until) {
    auto r = node.Get(path);
    if (r.ok() && r->status == 200 && r->body.find(text) != std::string::npos)
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

// `warta user add` of an admin into the store at `url`.
inline void AddAdmin(const std::string& data, const std::string& url,
                     const std::string& email, const std::string& password) {
  CommandResult r =
      RunWarta({"user", "add", "--data", data, "--store", url, "--email", email,
                "--name", "Redaksi", "--role", "admin", "--password-stdin"},
               password + "\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

inline constexpr char kAdminEmail[] = "redaksi@contoh.id";
inline constexpr char kAdminPassword[] = "kata-sandi-yang-panjang";

// Two `warta serve` nodes on the store at `url`, each with a data directory
// of its own holding `conf` as warta.conf, after `warta user add` of
// kAdminEmail (an admin).
struct TwoNodes {
  TempDir a_dir, b_dir;
  std::unique_ptr<WartaServer> a, b;
};
// nullptr (with a test failure) when either node does not start.
inline std::unique_ptr<TwoNodes> StartTwoNodes(const std::string& url,
                                               const std::string& conf = "",
                                               bool wait_for_search = true) {
  auto n = std::make_unique<TwoNodes>();
  for (const TempDir* d : {&n->a_dir, &n->b_dir})
    if (!conf.empty()) d->Write("warta.conf", conf);
  AddAdmin(n->a_dir.path(), url, kAdminEmail, kAdminPassword);
  if (::testing::Test::HasFatalFailure()) return nullptr;
  n->a = WartaServer::Start(n->a_dir.path(), {"--store", url}, wait_for_search);
  n->b = WartaServer::Start(n->b_dir.path(), {"--store", url}, wait_for_search);
  if (!n->a || !n->b) return nullptr;
  return n;
}

}  // namespace warta::testing

#endif  // WARTA_TESTS_POSTGRES_NODE_CHECKS_H_
