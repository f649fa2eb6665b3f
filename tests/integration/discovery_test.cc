// Search, related articles and near-duplicates over HTTP against the real
// binary: the JSON contracts of /api/search and /api/related, their 400s,
// the /cari page, updates from another process, and clusters.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "html_helpers.h"
#include "warta_process.h"

namespace warta::testing {
namespace {

using nlohmann::json;

// Our own fixture stories.
std::string Story(const std::string& title, const std::string& category,
                  const std::string& tags, const std::string& date,
                  const std::string& body) {
  return "---\ntitle: \"" + title + "\"\ncategory: " + category + "\ntags: [" +
         tags + "]\nauthors: [Dewi Anggraini]\npublished_at: " + date +
         "\n---\n" + body + "\n";
}

const char kFlood[] =
    "Hujan deras sejak sore membuat sungai meluap dan merendam ratusan rumah "
    "di tiga kecamatan. Warga mengungsi ke masjid dan balai desa sambil "
    "membawa barang berharga.\n\nPetugas dan relawan mengevakuasi lansia "
    "serta anak-anak dengan perahu karet. Dapur umum didirikan di halaman "
    "kantor kecamatan untuk para pengungsi.\n\nKepala badan penanggulangan "
    "bencana daerah meminta warga tetap waspada karena hujan diperkirakan "
    "turun hingga akhir pekan.";

class DiscoveryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    std::vector<std::string> args = {"import", "--data", data()};
    args.push_back(dir_->Write(
        "a.md", Story("Warga menyuarakan penolakan tambang pasir", "Daerah",
                      "Tambang", "2026-10-01T08:00:00+07:00",
                      "Ratusan warga desa berkumpul di balai desa. Mereka "
                      "menyuarakan penolakan terhadap tambang pasir di tepi "
                      "sungai yang merusak sawah.")));
    args.push_back(dir_->Write(
        "b.md", Story("Banjir rendam ratusan rumah", "Daerah", "Banjir",
                      "2026-10-02T08:00:00+07:00", kFlood)));
    // An agency copy of b: new headline and dateline, nearly word for word.
    args.push_back(
        dir_->Write("c.md", Story("Ratusan rumah terendam banjir", "Nasional",
                                  "Banjir", "2026-10-02T10:00:00+07:00",
                                  std::string("Bogor (KABARIN) - ") + kFlood)));
    args.push_back(dir_->Write(
        "d.md", Story("Korea Utara menembakkan rudal balistik", "Dunia",
                      "Korea Utara", "2026-10-03T08:00:00+07:00",
                      "Korut kembali menembakkan rudal balistik ke arah laut. "
                      "Korea Selatan mengecam peluncuran itu.")));
    for (int i = 0; i < 14; ++i) {
      args.push_back(dir_->Write(
          "e" + std::to_string(i) + ".md",
          Story("Pengungsi banjir kloter " + std::to_string(i) +
                    " menerima bantuan",
                "Daerah", "Banjir",
                "2026-09-1" + std::to_string(i % 10) + "T0" +
                    std::to_string(i % 10) + ":00:00+07:00",
                "Bantuan beras dan selimut dibagikan kepada pengungsi banjir "
                "kloter " +
                    std::to_string(i) + " di posko kecamatan.")));
    }
    CommandResult r = RunWarta(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    server_ = WartaServer::Start(data()).release();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  void SetUp() override { ASSERT_NE(server_, nullptr); }
  static std::string data() { return dir_->path() + "/data"; }

  static http::ClientResponse Get(const std::string& path) {
    auto r = server_->Get(path);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : http::ClientResponse();
  }
  static json GetJson(const std::string& path, int status = 200) {
    auto r = Get(path);
    EXPECT_EQ(r.status, status) << path << "\n" << r.body;
    json j = json::parse(r.body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.body;
    return j;
  }
  static std::set<std::string> Keys(const json& j) {
    std::set<std::string> keys;
    for (auto it = j.begin(); it != j.end(); ++it) keys.insert(it.key());
    return keys;
  }

  static TempDir* dir_;
  static WartaServer* server_;
};
TempDir* DiscoveryTest::dir_ = nullptr;
WartaServer* DiscoveryTest::server_ = nullptr;

TEST_F(DiscoveryTest, SearchApiReturnsExactlyTheContract) {
  json j = GetJson("/api/search?q=suara");
  EXPECT_EQ(Keys(j), (std::set<std::string>{"query", "total", "results"}));
  EXPECT_EQ(j["query"], "suara");
  EXPECT_EQ(j["total"], 1);  // "suara" finds "menyuarakan"
  ASSERT_EQ(j["results"].size(), 1u);
  const json& r = j["results"][0];
  EXPECT_EQ(Keys(r), (std::set<std::string>{"url", "title", "snippet",
                                            "published_at", "category"}));
  EXPECT_EQ(r["url"], "/berita/warga-menyuarakan-penolakan-tambang-pasir");
  EXPECT_EQ(r["title"], "Warga menyuarakan penolakan tambang pasir");
  EXPECT_EQ(r["category"], "Daerah");
  EXPECT_EQ(r["published_at"], "2026-10-01T08:00:00+07:00");
  EXPECT_NE(r["snippet"].get<std::string>().find("<mark>menyuarakan</mark>"),
            std::string::npos)
      << r["snippet"];
}

TEST_F(DiscoveryTest, SearchApiPagesAndShowsOneOfEachCluster) {
  json all = GetJson("/api/search?q=banjir&limit=50");
  // 14 "kloter" stories + the flood story and its copy, counted once.
  EXPECT_EQ(all["total"], 15);
  ASSERT_EQ(all["results"].size(), 15u);
  std::set<std::string> urls;
  for (const json& r : all["results"]) urls.insert(r["url"]);
  EXPECT_EQ(urls.count("/berita/banjir-rendam-ratusan-rumah") +
                urls.count("/berita/ratusan-rumah-terendam-banjir"),
            1u);
  json page = GetJson("/api/search?q=banjir&limit=5&offset=10");
  EXPECT_EQ(page["total"], 15);
  ASSERT_EQ(page["results"].size(), 5u);
  EXPECT_EQ(page["results"][0]["url"], all["results"][10]["url"]);
  // Newest first: the newest member of the flood cluster stands for it.
  json newest = GetJson("/api/search?q=banjir&sort=date&limit=2");
  EXPECT_EQ(newest["results"][0]["published_at"], "2026-10-02T10:00:00+07:00");
  EXPECT_EQ(newest["results"][1]["published_at"], "2026-09-19T09:00:00+07:00");
  json in_cat = GetJson("/api/search?q=rudal&category=dunia");
  EXPECT_EQ(in_cat["total"], 1);
  EXPECT_EQ(GetJson("/api/search?q=rudal&category=daerah")["total"], 0);
  // "Korut" finds the long form and the other way round.
  EXPECT_EQ(GetJson("/api/search?q=korut")["total"], 1);
  EXPECT_EQ(GetJson("/api/search?q=%22korea+utara%22")["total"], 1);
}

TEST_F(DiscoveryTest, BadSearchRequestsAre400WithAReason) {
  for (std::string path : std::vector<std::string>{
           "/api/search", "/api/search?q=", "/api/search?q=+++",
           "/api/search?q=" + std::string(201, 'a'),
           "/api/search?q=%22korea+utara", "/api/search?q=abc%FF",
           "/api/search?q=abc%01def", "/api/search?q=banjir&limit=0",
           "/api/search?q=banjir&limit=51", "/api/search?q=banjir&limit=x",
           "/api/search?q=banjir&offset=-1", "/api/search?q=banjir&sort=abc",
           "/api/search?q=banjir&from=kemarin"}) {
    auto r = Get(path);
    EXPECT_EQ(r.status, 400) << path << " " << r.body;
    json j = json::parse(r.body, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << path << " " << r.body;
    EXPECT_FALSE(j["error"].get<std::string>().empty()) << path;
  }
}

TEST_F(DiscoveryTest, SearchPageShowsResultsPagesAndSuggestions) {
  auto r = Get("/cari?q=banjir");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("15 artikel ditemukan"), std::string::npos);
  EXPECT_NE(r.body.find("<mark>"), std::string::npos);
  EXPECT_EQ(Count(r.body, "class=\"search-result\""), 10);
  EXPECT_NE(r.body.find("href=\"/cari?q=banjir&amp;page=2\""),
            std::string::npos);
  auto p2 = Get("/cari?q=banjir&page=2");
  EXPECT_EQ(Count(p2.body, "class=\"search-result\""), 5);
  EXPECT_EQ(Get("/cari?q=banjir&page=9").status, 404);
  // Nothing found: say so, and offer a word the index knows.
  auto none = Get("/cari?q=pengungsu");
  EXPECT_EQ(none.status, 200);
  EXPECT_NE(none.body.find("Tidak ada artikel yang cocok"), std::string::npos);
  EXPECT_NE(none.body.find("Mungkin maksud Anda"), std::string::npos);
  EXPECT_NE(none.body.find("href=\"/cari?q=pengungsi\""), std::string::npos)
      << Between(none.body, "search-suggestion", "</p>");
  auto form = Get("/cari");
  EXPECT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("Tulis kata kunci"), std::string::npos);
  auto bad = Get("/cari?q=%22terbuka");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("search-error"), std::string::npos);
}

TEST_F(DiscoveryTest, RelatedApiIsByContentAndNeverSelfOrCopies) {
  json j = GetJson(
      "/api/related?path=/berita/"
      "pengungsi-banjir-kloter-3-menerima-bantuan&limit=6");
  EXPECT_EQ(Keys(j), (std::set<std::string>{"results"}));
  ASSERT_EQ(j["results"].size(), 6u);
  int copies = 0;
  for (const json& r : j["results"]) {
    EXPECT_EQ(Keys(r), (std::set<std::string>{"url", "title"}));
    EXPECT_NE(r["url"], "/berita/pengungsi-banjir-kloter-3-menerima-bantuan");
    copies += r["url"] == "/berita/banjir-rendam-ratusan-rumah" ||
              r["url"] == "/berita/ratusan-rumah-terendam-banjir";
  }
  EXPECT_LE(copies, 1);
  json flood = GetJson("/api/related?path=/berita/banjir-rendam-ratusan-rumah");
  for (const json& r : flood["results"])
    EXPECT_NE(r["url"], "/berita/ratusan-rumah-terendam-banjir");
  EXPECT_EQ(GetJson("/api/related?path=/berita/tidak-ada", 404).count("error"),
            1u);
  GetJson("/api/related", 400);
  GetJson("/api/related?path=/kategori/daerah", 400);
  GetJson("/api/related?path=/berita/banjir-rendam-ratusan-rumah&limit=0", 400);
  // The article page shows the same list.
  auto page = Get("/berita/banjir-rendam-ratusan-rumah");
  EXPECT_NE(page.body.find("Mungkin Kamu Suka"), std::string::npos);
  EXPECT_EQ(page.body.find("href=\"/berita/ratusan-rumah-terendam-banjir\""),
            std::string::npos);
}

TEST_F(DiscoveryTest, ListsShowOneArticlePerCluster) {
  // The home page shows a story once, in whichever list comes first.
  auto home = Get("/");
  int shown =
      Count(home.body, "href=\"/berita/banjir-rendam-ratusan-rumah\"") +
      Count(home.body, "href=\"/berita/ratusan-rumah-terendam-banjir\"");
  EXPECT_GE(shown, 1);
  EXPECT_EQ(Count(home.body, "href=\"/berita/ratusan-rumah-terendam-banjir\""),
            0);
  auto tag = Get("/tag/banjir");
  EXPECT_EQ(Count(tag.body, "href=\"/berita/ratusan-rumah-terendam-banjir\""),
            0);
  EXPECT_NE(tag.body.find("href=\"/berita/banjir-rendam-ratusan-rumah\""),
            std::string::npos);
  // In its own category the copy is the only member: it shows.
  auto national = Get("/kategori/nasional");
  EXPECT_NE(
      national.body.find("href=\"/berita/ratusan-rumah-terendam-banjir\""),
      std::string::npos);
}

TEST(DiscoveryProcessTest, ImportsFromAnotherProcessShowUpWithinASecond) {
  TempDir dir;
  std::string data = dir.path() + "/data";
  auto server = WartaServer::Start(data);
  ASSERT_NE(server, nullptr);
  auto count = [&](const std::string& q) {
    auto r = server->Get("/api/search?q=" + q);
    if (!r.ok() || r->status != 200) return -1;
    json j = json::parse(r->body, nullptr, false);
    return j.is_discarded() ? -1 : j["total"].get<int>();
  };
  EXPECT_EQ(count("gerhana"), 0);
  std::string file = dir.Write(
      "g.md", Story("Gerhana bulan total terlihat malam ini", "Sains", "Langit",
                    "2026-10-05T19:00:00+07:00",
                    "Warga berkumpul di alun-alun untuk menyaksikan gerhana."));
  CommandResult r = RunWarta({"import", "--data", data, file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto start = std::chrono::steady_clock::now();
  while (count("gerhana") != 1 &&
         std::chrono::steady_clock::now() - start < std::chrono::seconds(5))
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(count("gerhana"), 1);
  // Within a second (the index polls every 250 ms); slack for a busy box.
  EXPECT_LT(took, std::chrono::milliseconds(1500));
  // Unpublish by re-importing as a draft: gone from search too.
  r = RunWarta({"import", "--data", data, "--status", "draft", file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  start = std::chrono::steady_clock::now();
  while (count("gerhana") != 0 &&
         std::chrono::steady_clock::now() - start < std::chrono::seconds(5))
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  EXPECT_EQ(count("gerhana"), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start,
            std::chrono::milliseconds(1500));
}

}  // namespace
}  // namespace warta::testing
