// `warta ingest --data DIR --feed NAME [--trusted] SOURCE...` as issue 5
// specifies it, and what it leaves behind: drafts by default, published
// for trusted feeds, one line per article created or updated, idempotent,
// near-duplicates linked, malformed feeds changing nothing, feed status
// for editors, polling by `warta serve`.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "admin_client.h"
#include "warta_process.h"

namespace warta::testing {
namespace {

std::string Fixture(const std::string& name) {
  return std::string(WARTA_SOURCE_DIR) + "/tests/data/feeds/" + name;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int CountLines(const std::string& s, const std::regex& re) {
  int n = 0;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);)
    n += std::regex_match(line, re);
  return n;
}

TEST(IngestCliTest, DraftsThenIdempotentThenUpdatedThenLinked) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  const std::regex admin_path("/admin/articles/[0-9]+");
  CommandResult r = RunWarta({"ingest", "--data", data, "--feed",
                              "Kantor Contoh", Fixture("wire-rss2.xml")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(CountLines(r.out, admin_path), 2) << r.out;
  EXPECT_NE(r.err.find("2 items, 2 created"), std::string::npos) << r.err;

  // The same feed again: nothing new, nothing printed.
  r = RunWarta({"ingest", "--data", data, "--feed", "Kantor Contoh",
                Fixture("wire-rss2.xml")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("0 created, 0 updated, 2 unchanged"), std::string::npos)
      << r.err;

  // A changed item: its article is updated (one line).
  std::string changed = ReadFile(Fixture("wire-rss2.xml"));
  changed.replace(changed.find("lolos ke semifinal"), 18,
                  "melaju ke semifinal");
  std::string changed_path = dir.Write("changed.xml", changed);
  r = RunWarta(
      {"ingest", "--data", data, "--feed", "Kantor Contoh", changed_path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(CountLines(r.out, admin_path), 1) << r.out;
  EXPECT_NE(r.err.find("1 updated"), std::string::npos) << r.err;

  // The same stories from another agency: linked, not duplicated.
  r = RunWarta({"ingest", "--data", data, "--feed", "Agensi Lain", "--trusted",
                Fixture("wire-rss2.xml")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("2 linked"), std::string::npos) << r.err;

  // Drafts are not public.
  auto server = WartaServer::Start(data);
  ASSERT_NE(server, nullptr);
  auto rss = server->Get("/rss.xml");
  ASSERT_TRUE(rss.ok());
  EXPECT_EQ(rss->body.find("<item>"), std::string::npos) << rss->body;
}

// Issue 15: a feed holding the same guid twice (a corrected re-send)
// reported "0 created, 2 updated, 1 unchanged" on every run of the same file
// and added a revision each time. One item per guid: the later one.
TEST(IngestCliTest, RepeatedGuidIsTakenOnceAndAnUnchangedFeedChangesNothing) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  auto item = [](const std::string& title) {
    return "<item><guid>ulang-1</guid><title>" + title +
           "</title><link>https://wire.example/ulang-1</link>"
           "<description>Isi berita yang dikirim ulang oleh kantor berita "
           "dengan koreksi pada judulnya.</description>"
           "<pubDate>Mon, 29 Sep 2025 10:15:00 +0700</pubDate></item>";
  };
  std::string feed = dir.Write(
      "ulang.xml",
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>W"
      "</title>" +
          item("Judul awal") + item("Judul koreksi") + "</channel></rss>");
  CommandResult r =
      RunWarta({"ingest", "--data", data, "--feed", "Ulang", feed});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("1 items, 1 created, 0 updated"), std::string::npos)
      << r.err;
  for (int run = 0; run < 2; ++run) {
    r = RunWarta({"ingest", "--data", data, "--feed", "Ulang", feed});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("0 created, 0 updated, 1 unchanged"),
              std::string::npos)
        << r.err;
  }
}

TEST(IngestCliTest, TrustedFeedsPublishAndPrintPublicPaths) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  CommandResult r =
      RunWarta({"ingest", "--data", data, "--feed", "Lama", "--trusted",
                Fixture("wire-rss091.xml"), Fixture("wire-atom.xml")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "/berita/festival-kopi-gayo-digelar-di-takengon\n"
            "/berita/gempa-m5-1-guncang-maluku-sekitarnya\n");
  auto server = WartaServer::Start(data);
  ASSERT_NE(server, nullptr);
  auto page = server->Get("/berita/festival-kopi-gayo-digelar-di-takengon");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("caf\xC3\xA9 dan kopi Gayo"), std::string::npos);
  EXPECT_NE(page->body.find("\"sourceOrganization\":{\"@type\":"
                            "\"NewsMediaOrganization\",\"name\":\"Lama\"}"),
            std::string::npos);
  EXPECT_NE(page->body.find("\"isBasedOn\":\"http://old.example/kopi\""),
            std::string::npos);
  auto gempa = server->Get("/berita/gempa-m5-1-guncang-maluku-sekitarnya");
  ASSERT_TRUE(gempa.ok());
  EXPECT_NE(gempa->body.find("Gempa M5,1 guncang Maluku &amp; sekitarnya"),
            std::string::npos);
  EXPECT_NE(gempa->body.find("Andi Wijaya"), std::string::npos);
}

TEST(IngestCliTest, MalformedFeedChangesNothingAndIsShownToEditors) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  CommandResult r = RunWarta({"ingest", "--data", data, "--feed", "Rusak",
                              "--trusted", Fixture("malformed.xml")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("malformed.xml: line 12: expected </title>, found "
                       "</item>"),
            std::string::npos)
      << r.err;
  r = RunWarta({"ingest", "--data", data, "--feed", "Rusak"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no SOURCE"), std::string::npos);

  AddUser(data, "editor@kabarin.id", "Editor", "editor", "rahasia-panjang-1");
  AddUser(data, "penulis@kabarin.id", "Penulis", "penulis",
          "rahasia-panjang-2");
  auto server = WartaServer::Start(data);
  ASSERT_NE(server, nullptr);
  auto rss = server->Get("/rss.xml");
  ASSERT_TRUE(rss.ok());
  EXPECT_EQ(rss->body.find("<item>"), std::string::npos) << "nothing changed";
  // Editors only.
  EXPECT_EQ(server->Get("/admin/feeds.json")->status, 401);
  EXPECT_EQ(server->Get("/admin/feeds")->status, 303);
  AdminClient penulis(*server);
  ASSERT_EQ(penulis.Login("penulis@kabarin.id", "rahasia-panjang-2").status,
            200);
  EXPECT_EQ(penulis.Get("/admin/feeds.json").status, 403);
  AdminClient editor(*server);
  ASSERT_EQ(editor.Login("editor@kabarin.id", "rahasia-panjang-1").status, 200);
  Reply status = editor.Get("/admin/feeds.json");
  EXPECT_EQ(status.status, 200);
  EXPECT_NE(status.text.find("\"name\":\"Rusak\""), std::string::npos)
      << status.text;
  EXPECT_NE(status.text.find("\"ok\":false"), std::string::npos);
  EXPECT_NE(status.text.find("line 12"), std::string::npos);
  EXPECT_EQ(editor.Get("/api/admin/feeds").text, status.text);
  // The page is part of the admin app: its layout, with the feeds entry in
  // the navigation.
  Reply page = editor.Get("/admin/feeds");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.text.find("<strong>Rusak</strong>"), std::string::npos)
      << page.text;
  EXPECT_NE(page.text.find("line 12"), std::string::npos);
  EXPECT_NE(page.text.find("href=\"/admin/feeds\""), std::string::npos);
  EXPECT_NE(page.text.find("href=\"/admin/articles\""), std::string::npos);
  // Like every admin page, kept out of search engines.
  EXPECT_EQ(page.raw.Header("x-robots-tag"), "noindex");
  EXPECT_EQ(penulis.Get("/admin/articles").raw.Header("x-robots-tag"),
            "noindex");
  EXPECT_EQ(penulis.Get("/admin/feeds").status, 403);
  // A writer's navigation has no feeds entry.
  Reply writer_page = penulis.Get("/admin/articles");
  EXPECT_EQ(writer_page.text.find("href=\"/admin/feeds\""), std::string::npos);
}

TEST(IngestCliTest, ServePollsConfiguredFeeds) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  RunWarta({"import", "--data", data, "--quiet",
            dir.Write("a.md", "---\ntitle: Awal\n---\nIsi.\n")});
  AddUser(data, "editor@kabarin.id", "Editor", "editor", "rahasia-panjang-1");
  dir.Write("data/feeds.json",
            "{\"feeds\": [{\"name\": \"Poll\", \"url\": \"" +
                Fixture("wire-atom.xml") +
                "\", \"trusted\": true, \"interval_minutes\": 60, "
                "\"categories\": {\"nasional\": \"Nasional\"}}]}");
  auto server = WartaServer::Start(data);
  ASSERT_NE(server, nullptr);
  bool seen = false;
  for (int i = 0; i < 50 && !seen; ++i) {
    auto page = server->Get("/kategori/nasional/feed.json");
    seen = page.ok() && page->status == 200 &&
           page->body.find("Gempa M5,1") != std::string::npos;
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(seen) << "the polled story reached its mapped category's feed";
  AdminClient editor(*server);
  ASSERT_EQ(editor.Login("editor@kabarin.id", "rahasia-panjang-1").status, 200);
  Reply status = editor.Get("/admin/feeds.json");
  EXPECT_NE(status.text.find("\"name\":\"Poll\""), std::string::npos);
  EXPECT_NE(status.text.find("\"last_created\":1"), std::string::npos)
      << status.text;
}

}  // namespace
}  // namespace warta::testing

namespace warta::testing {
namespace {

TEST(RobotsSwitchApiTest, EditorsSetNoindexAndNoAiThroughTheAdminApi) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  AddUser(data, "editor@kabarin.id", "Editor", "editor", "rahasia-panjang-1");
  auto server = WartaServer::Start(data);
  ASSERT_NE(server, nullptr);
  AdminClient editor(*server);
  ASSERT_EQ(editor.Login("editor@kabarin.id", "rahasia-panjang-1").status, 200);
  Reply created =
      editor.Post("/api/admin/articles", {{"title", "Laporan khusus"},
                                          {"body", "Isi."},
                                          {"status", "published"},
                                          {"no_ai", true}});
  ASSERT_EQ(created.status, 201) << created.text;
  EXPECT_EQ(created.body["no_ai"], true);
  EXPECT_EQ(created.body["noindex"], false);
  EXPECT_EQ(
      editor.Post("/api/admin/articles", {{"title", "x"}, {"noindex", "ya"}})
          .status,
      400);
  auto robots = server->Get("/robots.txt");
  ASSERT_TRUE(robots.ok());
  EXPECT_NE(robots->body.find("Disallow: /berita/laporan-khusus\n"),
            std::string::npos)
      << robots->body;
  std::string path = "/api/admin/articles/" + created.body["id"].dump();
  Reply v2 = editor.Put(path, {{"version", 1}, {"noindex", true}});
  ASSERT_EQ(v2.status, 200) << v2.text;
  auto page = server->Get("/berita/laporan-khusus");
  ASSERT_TRUE(page.ok());
  EXPECT_NE(page->body.find("<meta name=\"robots\" content=\"noindex\">"),
            std::string::npos);
  EXPECT_NE(page->body.find("content=\"noai, noimageai\""), std::string::npos);
}

}  // namespace
}  // namespace warta::testing
