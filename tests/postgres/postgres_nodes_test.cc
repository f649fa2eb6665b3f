// Two `warta serve` nodes on one PostgreSQL database (scripts/pg-cluster,
// started by ctest): the CLI writes to it, a session made on one node works
// on the other, a write through one shows on the other, an image uploaded
// through one is served by the other, and killing one leaves the other
// serving.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include "admin_client.h"
#include "node_checks.h"
#include "store/postgres/testing/pg_test_db.h"
#include "test_png.h"
#include "warta_process.h"

namespace warta::testing {
namespace {

TEST(PostgresNodesTest, TwoNodesActAsOneSite) {
  const std::string url =
      pg::TestDatabaseUrl("nodes-" + std::to_string(::getpid()));
  if (url.empty()) return;  // skipped (or failed when CI=true)
  TempDir a_dir, b_dir, files;
  const std::string a_data = a_dir.path() + "/data";
  const std::string b_data = b_dir.path() + "/data";

  CommandResult user =
      RunWarta({"user", "add", "--data", a_data, "--store", url, "--email",
                "redaksi@contoh.id", "--name", "Redaksi", "--role", "admin",
                "--password-stdin"},
               "kata-sandi-yang-panjang\n");
  ASSERT_EQ(user.exit_code, 0) << user.err;
  std::string jsonl =
      files.Write("impor.jsonl",
                  "{\"title\":\"Banjir rob di pesisir\",\"body\":\"Isi satu.\","
                  "\"status\":\"published\"}\n");
  CommandResult imported =
      RunWarta({"import", "--data", a_data, "--store", url, jsonl});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;

  auto a = WartaServer::Start(a_data, {"--store", url});
  auto b = WartaServer::Start(b_data, {"--store", url});
  ASSERT_TRUE(a && b);
  // What the CLI wrote, both nodes serve (node b has an empty data dir).
  EXPECT_TRUE(Shows(*b, "/", "Banjir rob di pesisir", 2));
  EXPECT_TRUE(Shows(*a, "/berita/banjir-rob-di-pesisir", "Isi satu.", 2));

  // A session made on a is good on b; a write through b shows on a.
  AdminClient on_a(*a), on_b(*b);
  ASSERT_EQ(on_a.Login("redaksi@contoh.id", "kata-sandi-yang-panjang").status,
            200);
  on_b.ShareSessionOf(on_a);
  Reply created =
      on_b.Post("/api/admin/articles",
                {{"title", "Gempa di Maluku"}, {"body", "Isi gempa."}});
  ASSERT_EQ(created.status, 201) << created.text;
  const std::string path = "/api/admin/articles/" +
                           std::to_string(created.body["id"].get<int64_t>());
  Reply published = on_b.Post(path + "/publish");
  ASSERT_EQ(published.status, 200) << published.text;
  EXPECT_TRUE(Shows(*a, "/feed.json", "Gempa di Maluku", 2));
  EXPECT_TRUE(Shows(*a, "/cari?q=maluku", "/berita/gempa-di-maluku", 2));
  EXPECT_TRUE(Shows(*a, "/berita/gempa-di-maluku", "Isi gempa.", 2));

  // An image uploaded through b is served by a (from the store; then from
  // a's disk copy), byte for byte.
  std::string png = TestPng(1600, 900);
  Reply up = on_b.Call(http::Method::kPost, "/api/admin/images", png,
                       {{"Content-Type", "image/png"}});
  ASSERT_EQ(up.status, 201) << up.text;
  // a's media library lists it before a has a copy on its disk.
  Reply library = on_a.Get("/api/admin/images");
  ASSERT_EQ(library.status, 200) << library.text;
  ASSERT_FALSE(library.body["images"].empty()) << library.text;
  EXPECT_EQ(library.body["images"][0]["url"], up.body["url"]);
  for (const std::string& url :
       {up.body["url"].get<std::string>(),
        up.body["variants"][0]["url"].get<std::string>()}) {
    auto on_b_bytes = b->Get(url);
    ASSERT_TRUE(on_b_bytes.ok());
    for (int i = 0; i < 2; ++i) {
      auto r = a->Get(url);
      ASSERT_TRUE(r.ok()) << url;
      EXPECT_EQ(r->status, 200) << url;
      EXPECT_EQ(r->body, on_b_bytes->body) << url;
    }
  }
  EXPECT_EQ(a->Get("/media/2026/12/0000000000000000-1x1-o.png")->status, 404);

  // Node a dies; b keeps serving, reads and writes.
  a->Stop(SIGKILL);
  EXPECT_TRUE(Shows(*b, "/berita/gempa-di-maluku", "Isi gempa.", 2));
  Reply edited = on_b.Put(path, {{"title", "Gempa di Maluku Utara"},
                                 {"body", "Isi gempa."},
                                 {"version", published.body["version"]}});
  EXPECT_EQ(edited.status, 200) << edited.text;
}

// The login rate limits are the site's, not a node's: failures through a
// count on b (admin.login_limit_account = 3).
TEST(PostgresNodesTest, FailedLoginsOnOneNodeCountOnTheOther) {
  const std::string url =
      pg::TestDatabaseUrl("limits-" + std::to_string(::getpid()));
  if (url.empty()) return;
  auto nodes = StartTwoNodes(url, "admin.login_limit_account = 3\n", false);
  ASSERT_TRUE(nodes);
  AdminClient on_a(*nodes->a), on_b(*nodes->b);
  ASSERT_EQ(on_b.Login(kAdminEmail, "salah-sandi-satu").status, 401);
  for (int i = 0; i < 2; ++i)
    ASSERT_EQ(on_a.Login(kAdminEmail, "salah-sandi-lagi").status, 401);
  // Three failures among both nodes: both refuse the account now, even
  // with the right password.
  for (AdminClient* c : {&on_a, &on_b}) {
    Reply limited = c->Login(kAdminEmail, kAdminPassword);
    EXPECT_EQ(limited.status, 429) << limited.text;
    EXPECT_FALSE(limited.raw.Header("retry-after").empty());
  }
}

}  // namespace
}  // namespace warta::testing
