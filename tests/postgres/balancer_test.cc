// The whole of issue 11's deployment: PostgreSQL (the ctest fixture's
// cluster), two `warta serve` nodes and Debian's HAProxy in front of them
// (tests/postgres/haproxy.h, health checks on /healthz). Through the
// balancer: a login made on one node works on the other, writes through one
// node show on the other within 2 s, and the site keeps answering when one
// node is killed with SIGKILL.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <set>

#include "admin_client.h"
#include "haproxy.h"
#include "node_checks.h"
#include "store/postgres/testing/pg_test_db.h"
#include "warta_process.h"

namespace warta::testing {
namespace {

TEST(BalancerTest, TwoNodesBehindHaproxyActAsOneSite) {
  const std::string haproxy = Haproxy::Binary();
  if (haproxy.empty()) return;  // skipped (or failed when CI=true)
  const std::string url =
      pg::TestDatabaseUrl("balancer-" + std::to_string(::getpid()));
  if (url.empty()) return;
  auto nodes = StartTwoNodes(url);
  ASSERT_TRUE(nodes);
  auto& a = nodes->a;
  auto& b = nodes->b;
  auto lb = Haproxy::Start(haproxy, {{"a", a->port()}, {"b", b->port()}});
  ASSERT_TRUE(lb);

  // A login through the balancer lands on one node; the session works on
  // both, directly and through the balancer (which alternates nodes).
  AdminClient via_lb([&lb](const std::string& p) { return lb->Url(p); });
  Reply login = via_lb.Login(kAdminEmail, kAdminPassword);
  ASSERT_EQ(login.status, 200) << login.text;
  const std::string login_node = login.raw.Header("x-served-by");
  EXPECT_TRUE(login_node == "a" || login_node == "b") << login_node;
  AdminClient on_a(*a), on_b(*b);
  on_a.ShareSessionOf(via_lb);
  on_b.ShareSessionOf(via_lb);
  EXPECT_EQ(on_a.Get("/api/admin/articles").status, 200);
  EXPECT_EQ(on_b.Get("/api/admin/articles").status, 200);

  // Writes through the balancer, on both nodes in turn.
  std::set<std::string> writers;
  std::vector<std::string> slugs;
  for (int i = 1; i <= 4; ++i) {
    const std::string title = "Kabar balai kota nomor " + std::to_string(i);
    Reply made = via_lb.Post("/api/admin/articles",
                             {{"title", title}, {"body", "Isi " + title}});
    ASSERT_EQ(made.status, 201) << made.text;
    writers.insert(made.raw.Header("x-served-by"));
    Reply pub = via_lb.Post(
        "/api/admin/articles/" +
        std::to_string(made.body["id"].get<std::int64_t>()) + "/publish");
    ASSERT_EQ(pub.status, 200) << pub.text;
    writers.insert(pub.raw.Header("x-served-by"));
    slugs.push_back(pub.body["slug"].get<std::string>());
  }
  EXPECT_EQ(writers, (std::set<std::string>{"a", "b"}));

  // A write through a shows on b within 2 s, and one through b on a.
  for (auto [writer, reader] : {std::pair{&on_a, b.get()}, {&on_b, a.get()}}) {
    const std::string title =
        "Ditulis lewat simpul " + std::to_string(reader == b.get() ? 1 : 2);
    Reply made = writer->Post("/api/admin/articles",
                              {{"title", title}, {"body", "Isi tulisan."}});
    ASSERT_EQ(made.status, 201) << made.text;
    Reply pub = writer->Post(
        "/api/admin/articles/" +
        std::to_string(made.body["id"].get<std::int64_t>()) + "/publish");
    ASSERT_EQ(pub.status, 200) << pub.text;
    const std::string path = "/berita/" + pub.body["slug"].get<std::string>();
    EXPECT_TRUE(Shows(*reader, path, "Isi tulisan.", 2)) << path;
    EXPECT_TRUE(Shows(*reader, "/feed.json", title, 2)) << title;
    EXPECT_TRUE(Shows(*reader, "/cari?q=simpul", path, 2)) << path;
  }
  // Every page through the balancer, from either node.
  std::set<std::string> readers;
  for (const std::string& slug : slugs) {
    for (int i = 0; i < 2; ++i) {
      auto r = lb->Get("/berita/" + slug);
      ASSERT_TRUE(r.ok());
      EXPECT_EQ(r->status, 200) << slug;
      readers.insert(r->Header("x-served-by"));
    }
  }
  EXPECT_EQ(readers, (std::set<std::string>{"a", "b"}));

  // Node a dies (SIGKILL); the site keeps answering through the balancer:
  // not one request fails, from the moment of the kill on.
  a->Stop(SIGKILL);
  int failed = 0, from_a = 0;
  for (int i = 0; i < 30; ++i) {
    auto r = lb->Get("/berita/" + slugs[i % slugs.size()]);
    if (!r.ok() || r->status != 200) ++failed;
    if (r.ok() && r->Header("x-served-by") == "a") ++from_a;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(failed, 0) << lb->Log();
  EXPECT_EQ(from_a, 0);
  // Writes too, and the session made before still holds.
  Reply after =
      via_lb.Post("/api/admin/articles", {{"title", "Setelah simpul a mati"}});
  EXPECT_EQ(after.status, 201) << after.text;
  EXPECT_EQ(after.raw.Header("x-served-by"), "b");
}

}  // namespace
}  // namespace warta::testing
