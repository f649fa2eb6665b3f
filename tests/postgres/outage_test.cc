// What two nodes behind HAProxy do while their database is unreachable
// (docs/scaling.md): pages in their page caches keep being served through
// the balancer, writes answer 503 with a JSON error, nothing acknowledged
// is lost, and the nodes take writes again once the database is back. The
// test stops and restarts a cluster of its own (scripts/pg-cluster halt /
// resume), not the fixture's that other tests share.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <set>

#include "admin_client.h"
#include "haproxy.h"
#include "node_checks.h"
#include "warta_process.h"

namespace warta::testing {
namespace {

// Runs `scripts/pg-cluster CMD DIR`; its exit code, and stdout in *out.
int PgCluster(const std::string& cmd, const std::string& dir,
              std::string* out = nullptr) {
  const std::string line = std::string(WARTA_SOURCE_DIR) +
                           "/scripts/pg-cluster " + cmd + " " + dir + " 2>&1";
  FILE* p = ::popen(line.c_str(), "r");
  if (!p) return -1;
  std::string text;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) text.append(buf, n);
  int status = ::pclose(p);
  if (out) *out = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A cluster of the test's own, removed at the end.
class OwnCluster {
 public:
  // Beside the fixture's, straight under /tmp: as root, the cluster runs as
  // the postgres user, who cannot enter a TempDir (mode 0700).
  OwnCluster() : dir_("/tmp/warta-pg-outage-" + std::to_string(::getpid())) {}
  ~OwnCluster() {
    if (started_) PgCluster("stop", dir_);
  }
  // The cluster's URL, or "" (skipped, or failed when CI=true).
  std::string Start() {
    std::string out;
    int rc = PgCluster("start", dir_, &out);
    if (rc != 0) {
      const char* ci = std::getenv("CI");
      if (ci && std::string(ci) == "true") {
        ADD_FAILURE() << "scripts/pg-cluster start failed and CI=true: " << out;
      } else {
        [&] { GTEST_SKIP() << "no PostgreSQL to test on: " << out; }();
      }
      return "";
    }
    started_ = true;
    while (!out.empty() && (out.back() == '\n' || out.back() == ' '))
      out.pop_back();
    return out.substr(out.rfind('\n') + 1);
  }
  bool Halt() { return PgCluster("halt", dir_) == 0; }
  bool Resume() { return PgCluster("resume", dir_) == 0; }

 private:
  std::string dir_;
  bool started_ = false;
};

TEST(OutageTest, NodesServeCachedPagesAndRefuseWritesWhileTheDatabaseIsDown) {
  const std::string haproxy = Haproxy::Binary();
  if (haproxy.empty()) return;
  OwnCluster cluster;
  const std::string url = cluster.Start();
  if (url.empty()) return;
  // Bounded-age pages (the home page) come due for a refresh after 1 s:
  // the outage outlasts it.
  auto nodes = StartTwoNodes(url, "server.page_max_stale = 1\n");
  ASSERT_TRUE(nodes);
  auto& a = nodes->a;
  auto& b = nodes->b;
  auto lb = Haproxy::Start(haproxy, {{"a", a->port()}, {"b", b->port()}});
  ASSERT_TRUE(lb);
  AdminClient via_lb([&lb](const std::string& p) { return lb->Url(p); });
  ASSERT_EQ(via_lb.Login(kAdminEmail, kAdminPassword).status, 200);

  // Acknowledged writes before the outage: two published, one draft.
  std::vector<std::int64_t> acknowledged;
  std::vector<std::string> pages;
  for (const char* title : {"Sebelum padam pertama", "Sebelum padam kedua"}) {
    Reply made =
        via_lb.Post("/api/admin/articles",
                    {{"title", title}, {"body", "Isi sebelum padam."}});
    ASSERT_EQ(made.status, 201) << made.text;
    std::int64_t id = made.body["id"].get<std::int64_t>();
    Reply pub =
        via_lb.Post("/api/admin/articles/" + std::to_string(id) + "/publish");
    ASSERT_EQ(pub.status, 200) << pub.text;
    acknowledged.push_back(id);
    pages.push_back("/berita/" + pub.body["slug"].get<std::string>());
  }
  Reply draft = via_lb.Post("/api/admin/articles", {{"title", "Draf diam"}});
  ASSERT_EQ(draft.status, 201) << draft.text;
  acknowledged.push_back(draft.body["id"].get<std::int64_t>());
  // Both nodes have the pages in their caches.
  pages.push_back("/");
  for (const WartaServer* node : {a.get(), b.get()}) {
    EXPECT_TRUE(Shows(*node, "/", "Sebelum padam kedua", 2));
    for (const std::string& page : pages)
      EXPECT_TRUE(Shows(*node, page, "Sebelum padam", 2)) << page;
  }

  ASSERT_TRUE(cluster.Halt());
  // Past the home page's refresh time: its refresh fails, the copy stays.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  std::set<std::string> served_by;
  int failed = 0;
  for (int i = 0; i < 12; ++i) {
    const std::string& page = pages[i % pages.size()];
    auto r = lb->Get(page);
    if (!r.ok() || r->status != 200 ||
        r->body.find("Sebelum padam") == std::string::npos) {
      ++failed;
      ADD_FAILURE() << page << ": "
                    << (r.ok() ? std::to_string(r->status) + " " +
                                     r->body.substr(0, 200)
                               : r.status().ToString());
    } else {
      served_by.insert(r->Header("x-served-by"));
    }
  }
  EXPECT_EQ(failed, 0);
  EXPECT_EQ(served_by, (std::set<std::string>{"a", "b"}))
      << "the balancer took a node out while the database was down";
  // /healthz (the balancer's check) says the node serves, and what is
  // wrong; /readyz says it is not ready.
  auto health = a->Get("/healthz");
  ASSERT_TRUE(health.ok());
  EXPECT_EQ(health->status, 200);
  EXPECT_NE(health->body.find("\"store\":\"unavailable\""), std::string::npos)
      << health->body;
  EXPECT_EQ(a->Get("/readyz")->status, 503);
  // A page no node has cached: 503, not 500.
  EXPECT_EQ(lb->Get("/kategori/belum-pernah-dibuka")->status, 503);
  // Writes answer 503 with a JSON error naming the database, on both nodes.
  for (int i = 0; i < 2; ++i) {
    Reply refused =
        via_lb.Post("/api/admin/articles",
                    {{"title", "Ditolak saat padam " + std::to_string(i)}});
    EXPECT_EQ(refused.status, 503) << refused.text;
    ASSERT_TRUE(refused.body.is_object()) << refused.text;
    EXPECT_NE(refused.body.value("error", "").find("database"),
              std::string::npos)
        << refused.text;
    EXPECT_EQ(refused.raw.Header("content-type").rfind("application/json", 0),
              0u);
    EXPECT_FALSE(refused.raw.Header("retry-after").empty());
  }

  // The database comes back: both nodes take writes again (within a few
  // seconds), and a write through one shows on the other within 2 s.
  ASSERT_TRUE(cluster.Resume());
  AdminClient on_a(*a), on_b(*b);
  on_a.ShareSessionOf(via_lb);
  on_b.ShareSessionOf(via_lb);
  auto recovered = [](AdminClient& c, const std::string& title) {
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    Reply r;
    while (std::chrono::steady_clock::now() < until) {
      r = c.Post("/api/admin/articles",
                 {{"title", title}, {"body", "Isi setelah pulih."}});
      if (r.status == 201) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return r;
  };
  Reply on_a_again = recovered(on_a, "Setelah pulih di a");
  ASSERT_EQ(on_a_again.status, 201) << on_a_again.text;
  Reply on_b_again = recovered(on_b, "Setelah pulih di b");
  ASSERT_EQ(on_b_again.status, 201) << on_b_again.text;
  Reply pub = on_a.Post(
      "/api/admin/articles/" +
      std::to_string(on_a_again.body["id"].get<std::int64_t>()) + "/publish");
  ASSERT_EQ(pub.status, 200) << pub.text;
  EXPECT_TRUE(Shows(*b, "/feed.json", "Setelah pulih di a", 2));
  EXPECT_TRUE(Shows(*b, "/", "Setelah pulih di a", 2));
  // Nothing acknowledged was lost; nothing refused was written.
  for (std::int64_t id : acknowledged) {
    Reply r = on_b.Get("/api/admin/articles/" + std::to_string(id));
    EXPECT_EQ(r.status, 200) << id << ": " << r.text;
  }
  Reply list = on_b.Get("/api/admin/articles?limit=100");
  ASSERT_EQ(list.status, 200) << list.text;
  EXPECT_EQ(list.text.find("Ditolak saat padam"), std::string::npos);
  EXPECT_NE(list.text.find("Draf diam"), std::string::npos);
}

}  // namespace
}  // namespace warta::testing
