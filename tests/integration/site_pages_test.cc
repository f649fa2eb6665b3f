// Home, list pages with pagination, 404, assets, escaping and slug renames,
// over HTTP against the real binary.
#include <gtest/gtest.h>

#include <regex>

#include "html_helpers.h"
#include "warta_process.h"

namespace warta::testing {
namespace {

std::string Story(int i, const std::string& category, const std::string& tags) {
  char date[40];
  std::snprintf(date, sizeof date, "2026-10-%02dT%02d:00:00+07:00", 1 + i % 28,
                6 + i % 12);
  return "---\ntitle: \"Laporan uji nomor " + std::to_string(i) +
         "\"\ncategory: " + category + "\ntags: [" + tags +
         "]\nauthors: [Dewi Anggraini]\ndateline: Bandung\n"
         "published_at: " +
         date + "\n---\nParagraf isi laporan nomor " + std::to_string(i) +
         " dengan kata yang cukup.\n";
}

class SitePagesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    std::vector<std::string> args = {"import", "--data",
                                     dir_->path() + "/data"};
    for (int i = 1; i <= 25; ++i) {
      args.push_back(dir_->Write("s" + std::to_string(i) + ".md",
                                 Story(i, i <= 22 ? "Ekonomi" : "Olahraga",
                                       i % 2 ? "Pasar, Harga" : "Pasar")));
    }
    args.push_back(dir_->Write(
        "escape.txt",
        "Harga <b>cabai</b> & bawang \"melonjak\"\n\n"
        "Jakarta (WARTA) - Isi <script>alert(1)</script> tetap teks.\n"));
    args.push_back(dir_->Write(
        "draft.md",
        "---\ntitle: Naskah belum terbit\nstatus: draft\n---\nIsi.\n"));
    CommandResult r = RunWarta(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    server_ = WartaServer::Start(dir_->path() + "/data").release();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  void SetUp() override { ASSERT_NE(server_, nullptr); }

  static http::ClientResponse Get(const std::string& path) {
    auto r = server_->Get(path);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : http::ClientResponse();
  }

  static TempDir* dir_;
  static WartaServer* server_;
};
TempDir* SitePagesTest::dir_ = nullptr;
WartaServer* SitePagesTest::server_ = nullptr;

TEST_F(SitePagesTest, HomeShowsLatestAndCategorySections) {
  auto r = Get("/");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find(">Terkini</h2>"), std::string::npos);
  EXPECT_NE(r.body.find("href=\"/kategori/ekonomi\">Ekonomi</a></h2>"),
            std::string::npos);
  // Olahraga's three stories are all among the latest: no section repeats them.
  EXPECT_EQ(r.body.find("href=\"/kategori/olahraga\">Olahraga</a></h2>"),
            std::string::npos);
  EXPECT_EQ(Count(r.body, "Laporan uji nomor 25<"), 1);
  EXPECT_EQ(r.body.find("Naskah belum terbit"), std::string::npos)
      << "a draft is public";
  EXPECT_NE(r.body.find("<main id=\"konten\""), std::string::npos);
  EXPECT_NE(r.body.find("<html lang=\"id\">"), std::string::npos);
}

TEST_F(SitePagesTest, CategoryPagesPaginate) {
  auto p1 = Get("/kategori/ekonomi");
  ASSERT_EQ(p1.status, 200);
  EXPECT_NE(p1.body.find("<h1>Ekonomi</h1>"), std::string::npos);
  EXPECT_EQ(Count(p1.body, "<li class=\"card\">"), 20);
  EXPECT_NE(p1.body.find("Halaman 1 dari 2"), std::string::npos);
  EXPECT_NE(p1.body.find("rel=\"next\" href=\"/kategori/ekonomi?page=2\""),
            std::string::npos);
  auto p2 = Get("/kategori/ekonomi?page=2");
  ASSERT_EQ(p2.status, 200);
  EXPECT_EQ(Count(p2.body, "<li class=\"card\">"), 2);
  EXPECT_NE(p2.body.find("rel=\"prev\" href=\"/kategori/ekonomi\""),
            std::string::npos);
  EXPECT_EQ(Get("/kategori/ekonomi?page=3").status, 404);
  EXPECT_EQ(Get("/kategori/ekonomi?page=nol").status, 404);
  EXPECT_EQ(Get("/kategori/tidak-ada").status, 404);
}

TEST_F(SitePagesTest, TagAndAuthorPages) {
  auto tag = Get("/tag/harga");
  ASSERT_EQ(tag.status, 200);
  EXPECT_NE(tag.body.find("<h1>Harga</h1>"), std::string::npos);
  EXPECT_EQ(Count(tag.body, "<li class=\"card\">"), 13);
  auto author = Get("/penulis/dewi-anggraini");
  ASSERT_EQ(author.status, 200);
  EXPECT_NE(author.body.find("<h1>Dewi Anggraini</h1>"), std::string::npos);
  EXPECT_NE(author.body.find("25 artikel"), std::string::npos);
  EXPECT_EQ(Get("/penulis/dewi-anggraini?page=2").status, 200);
}

TEST_F(SitePagesTest, NotFoundIsAThemed404) {
  auto r = Get("/tidak/ada/halaman");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("Halaman tidak ditemukan"), std::string::npos);
  EXPECT_NE(r.body.find("noindex"), std::string::npos);
  EXPECT_EQ(Get("/berita/naskah-belum-terbit").status, 404)
      << "drafts are not public";
  EXPECT_EQ(Get("/berita/tidak-ada").status, 404);
}

TEST_F(SitePagesTest, AssetsAreCachedForAYear) {
  auto home = Get("/");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      home.body, m,
      std::regex("href=\"(/assets/style\\.css\\?v=[0-9a-f]+)\"")));
  auto css = Get(m[1]);
  ASSERT_EQ(css.status, 200);
  EXPECT_EQ(css.Header("content-type"), "text/css; charset=utf-8");
  EXPECT_NE(css.Header("cache-control").find("max-age=31536000"),
            std::string::npos);
  EXPECT_NE(css.Header("cache-control").find("immutable"), std::string::npos);
  EXPECT_EQ(Get("/assets/nope.css").status, 404);
}

TEST_F(SitePagesTest, TitlesAndBodiesAreEscaped) {
  auto r = Get("/berita/harga-b-cabai-b-bawang-melonjak");
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 200);
  EXPECT_NE(r.body.find(
                "<h1 id=\"judul\">Harga &lt;b&gt;cabai&lt;/b&gt; &amp; bawang "
                "&quot;melonjak&quot;</h1>"),
            std::string::npos);
  EXPECT_EQ(r.body.find("<b>cabai"), std::string::npos);
  EXPECT_EQ(r.body.find("<script>alert"), std::string::npos);
  EXPECT_NE(r.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"),
            std::string::npos);
}

TEST_F(SitePagesTest, TrailingSlashRedirectsToCanonical) {
  auto r = Get("/kategori/ekonomi/");
  EXPECT_EQ(r.status, 301);
  EXPECT_EQ(r.Header("location"), "/kategori/ekonomi");
  // F8 (issue 15): the query went into the path (%3Fpage%3D2, then 404).
  auto q = Get("/kategori/ekonomi/?page=2");
  EXPECT_EQ(q.status, 301);
  EXPECT_EQ(q.Header("location"), "/kategori/ekonomi?page=2");
}

TEST_F(SitePagesTest, ConditionalGetAndCompression) {
  auto r = Get("/");
  std::string etag = r.Header("etag");
  ASSERT_FALSE(etag.empty());
  http::ClientRequest req;
  req.url = server_->Url("/");
  req.headers = {{"If-None-Match", etag}};
  auto again = http::Fetch(req);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->status, 304);
  req.headers = {{"Accept-Encoding", "br, gzip"}};
  auto br = http::Fetch(req);
  ASSERT_TRUE(br.ok());
  EXPECT_EQ(br->Header("content-encoding"), "br");
  EXPECT_LT(br->body.size(), r.body.size() / 2);
}

// A renamed article: the old slug answers 301 with the new path.
TEST(SlugRenameTest, OldSlugRedirects) {
  TempDir dir;
  std::string data = dir.path() + "/data";
  std::string file = dir.Write(
      "kabar.md", "---\ntitle: Kabar awal\nslug: kabar-awal\n---\nIsi.\n");
  CommandResult r = RunWarta({"import", "--data", data, file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "/berita/kabar-awal\n");
  dir.Write(
      "kabar.md",
      "---\ntitle: Kabar diperbarui\nslug: kabar-diperbarui\n---\nIsi.\n");
  r = RunWarta({"import", "--data", data, file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "/berita/kabar-diperbarui\n");
  auto server = WartaServer::Start(data);
  ASSERT_NE(server, nullptr);
  auto old = server->Get("/berita/kabar-awal");
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->status, 301);
  EXPECT_EQ(old->Header("location"), "/berita/kabar-diperbarui");
  EXPECT_EQ(server->Get("/berita/kabar-diperbarui")->status, 200);
}

}  // namespace
}  // namespace warta::testing
