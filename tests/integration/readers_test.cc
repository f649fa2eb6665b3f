// Issue 13 as readers and a desk see it, against the real binary: views
// counted for browsers (cached pages too) and not for Googlebot or
// prefetches, /api/popular and the home page's Terpopuler, counts kept
// across restarts, "Diperbarui" and "Koreksi" after edits through the admin
// API, 410 for a withdrawn story, search by a word only in a tag, /indeks,
// tags merged and deleted by the desk.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <ctime>
#include <fstream>
#include <functional>
#include <thread>

#include "admin_client.h"

namespace warta::testing {
namespace {

constexpr const char* kBrowser =
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
constexpr const char* kGooglebot =
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

class ReadersTest : public AdminSiteTest {
 protected:
  void BeforeStart() override {
    std::ofstream(data_ + "/warta.conf")
        << "site.views_flush = 1\nsite.popular_refresh = 2\n";
  }
  json Publish(const std::string& title, const json& extra = json::object()) {
    json body = {{"title", title},
                 {"body", "Isi berita " + title + "."},
                 {"category", "Metropolitan"},
                 {"status", "published"}};
    body.update(extra);
    Reply r = admin_->Post("/api/admin/articles", body);
    EXPECT_EQ(r.status, 201) << r.text;
    return r.body;
  }
  http::ClientResponse Fetch(
      const std::string& path, const std::string& ua,
      std::vector<std::pair<std::string, std::string>> headers = {}) {
    http::ClientRequest req;
    req.url = server_->Url(path);
    req.headers = std::move(headers);
    req.headers.push_back({"User-Agent", ua});
    auto r = http::Fetch(req);
    EXPECT_TRUE(r.ok()) << path;
    return r.ok() ? *r : http::ClientResponse{};
  }
  // Polls /api/popular until `pred` holds (up to `seconds`).
  json PopularWhen(const std::function<bool(const json&)>& pred,
                   double seconds = 8) {
    json j;
    auto end = std::chrono::steady_clock::now() +
               std::chrono::milliseconds(int(seconds * 1000));
    while (std::chrono::steady_clock::now() < end) {
      auto r = server_->Get("/api/popular?window=24h&limit=10");
      if (r.ok() && r->status == 200) {
        j = json::parse(r->body, nullptr, false);
        if (pred(j)) return j;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return j;
  }
  static std::int64_t ViewsOf(const json& popular, std::int64_t id) {
    if (!popular.contains("articles")) return -1;
    for (const json& a : popular["articles"])
      if (a["id"] == id) return a["views"].get<std::int64_t>();
    return 0;
  }
};

TEST_F(ReadersTest, BrowsersCountCrawlersAndPrefetchesDoNot) {
  json a = Publish("Banjir rob di pesisir utara");
  json b = Publish("Kemacetan di tol dalam kota");
  std::int64_t a_id = a["id"], b_id = b["id"];
  std::string a_url = a["url"], b_url = b["url"];
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Fetch(a_url, kBrowser).status, 200);
  EXPECT_EQ(Fetch(a_url, kBrowser).Header("x-cache"), "hit");
  EXPECT_EQ(Fetch(b_url, kBrowser).status, 200);
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(Fetch(b_url, kGooglebot).status, 200);
    Fetch(b_url, kBrowser, {{"Sec-Purpose", "prefetch"}});
    Fetch(b_url, kBrowser, {{"Purpose", "prefetch"}});
  }
  json p = PopularWhen([&](const json& j) { return ViewsOf(j, a_id) == 4; });
  ASSERT_EQ(ViewsOf(p, a_id), 4) << p.dump();
  EXPECT_EQ(ViewsOf(p, b_id), 1) << p.dump();
  EXPECT_EQ(p["articles"][0]["id"], a_id);
  EXPECT_EQ(p["window"], "24h");

  // The home page's Terpopuler within the refresh time.
  std::string home;
  for (int i = 0; i < 40; ++i) {
    home = Fetch("/", kBrowser).body;
    if (home.find("Terpopuler") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  auto box = home.find("Terpopuler");
  ASSERT_NE(box, std::string::npos);
  EXPECT_LT(home.find("Banjir rob", box), home.find("Kemacetan di tol", box));

  // The admin list and article show the counts.
  Reply list = admin_->Get("/api/admin/articles");
  ASSERT_EQ(list.status, 200);
  bool found = false;
  for (const json& item : list.body["articles"]) {
    if (item["id"] != a_id) continue;
    found = true;
    EXPECT_EQ(item["views"]["today"], 4);
    EXPECT_EQ(item["views"]["week"], 4);
    EXPECT_EQ(item["views"]["total"], 4);
  }
  EXPECT_TRUE(found);
}

TEST_F(ReadersTest, ARestartKeepsTheCounts) {
  json a = Publish("Harga cabai melonjak");
  std::int64_t id = a["id"];
  std::string url = a["url"];
  for (int i = 0; i < 5; ++i) Fetch(url, kBrowser);
  // A crash after a flush interval loses nothing flushed.
  std::this_thread::sleep_for(std::chrono::milliseconds(1600));
  server_->Stop(SIGKILL);
  Start();
  json p = PopularWhen([&](const json& j) { return ViewsOf(j, id) == 5; });
  EXPECT_EQ(ViewsOf(p, id), 5) << p.dump();
  // A clean stop flushes what it counted.
  for (int i = 0; i < 2; ++i) Fetch(url, kBrowser);
  EXPECT_EQ(server_->Stop(SIGTERM), 0);
  Start();
  p = PopularWhen([&](const json& j) { return ViewsOf(j, id) == 7; });
  EXPECT_EQ(ViewsOf(p, id), 7) << p.dump();
}

TEST_F(ReadersTest, CorrectionAndWithdrawal) {
  json a = Publish("Kebakaran pasar tradisional");
  std::string url = a["url"];
  std::string path =
      "/api/admin/articles/" + std::to_string(a["id"].get<int>());
  Reply edit = admin_->Put(
      path,
      {{"version", a["version"]},
       {"correction", "Sebelumnya tertulis 40 kios; yang benar 14 kios."}});
  ASSERT_EQ(edit.status, 200) << edit.text;
  EXPECT_EQ(edit.body["correction"],
            "Sebelumnya tertulis 40 kios; yang benar 14 kios.");
  std::string page = Fetch(url, kBrowser).body;
  auto box = page.find("class=\"correction");
  ASSERT_NE(box, std::string::npos) << page;
  EXPECT_NE(page.find("Koreksi", box), std::string::npos);
  EXPECT_NE(page.find("yang benar 14 kios", box), std::string::npos);
  std::string log = Fetch("/koreksi", kBrowser).body;
  EXPECT_NE(log.find("yang benar 14 kios"), std::string::npos);
  EXPECT_NE(log.find("Kebakaran pasar tradisional"), std::string::npos);

  Reply off = admin_->Post(path + "/unpublish",
                           {{"reason", "Menunggu konfirmasi pemadam."}});
  ASSERT_EQ(off.status, 200) << off.text;
  auto gone = Fetch(url, kBrowser);
  EXPECT_EQ(gone.status, 410);
  EXPECT_NE(gone.body.find("ditarik"), std::string::npos);
  EXPECT_NE(gone.body.find("Menunggu konfirmasi pemadam."), std::string::npos);
  EXPECT_EQ(Fetch("/berita/tidak-pernah-ada", kBrowser).status, 404);
}

TEST_F(ReadersTest, DiperbaruiWithoutGrace) {
  server_->Stop(SIGTERM);
  std::ofstream(data_ + "/warta.conf") << "site.update_grace = 0\n";
  Start();
  json a = Publish("Jalan tol baru dibuka");
  std::string url = a["url"];
  EXPECT_EQ(Fetch(url, kBrowser).body.find("Diperbarui"), std::string::npos);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  std::string path =
      "/api/admin/articles/" + std::to_string(a["id"].get<int>());
  Reply edit = admin_->Put(path, {{"version", a["version"]},
                                  {"body", "Isi berita yang diperbarui."}});
  ASSERT_EQ(edit.status, 200) << edit.text;
  std::string page = Fetch(url, kBrowser).body;
  auto at = page.find("Diperbarui: ");
  ASSERT_NE(at, std::string::npos);
  EXPECT_NE(page.find(" WIB", at), std::string::npos);
  EXPECT_NE(page.find("\"dateModified\""), std::string::npos);
}

TEST_F(ReadersTest, SearchFindsAWordOnlyInATagAndIndeksListsToday) {
  json a = Publish("Genangan di Kemang setinggi lutut",
                   {{"tags", {"Banjir"}},
                    {"body", "Genangan air merendam jalan utama sejak pagi."}});
  std::string url = a["url"];
  bool found = false;
  for (int i = 0; i < 50 && !found; ++i) {
    auto r = server_->Get("/api/search?q=banjir");
    if (r.ok() && r->status == 200) {
      json j = json::parse(r->body, nullptr, false);
      for (const json& item : j["results"]) found |= item["url"] == url;
    }
    if (!found) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(found) << "a word only in a tag finds the article";
  // A category name too.
  auto r = server_->Get("/api/search?q=metropolitan");
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->body.find(url), std::string::npos);

  auto index = Fetch("/indeks", kBrowser);
  EXPECT_EQ(index.status, 200);
  EXPECT_NE(index.body.find("Genangan di Kemang"), std::string::npos);
  EXPECT_NE(index.body.find("type=\"date\""), std::string::npos);
  EXPECT_EQ(Fetch("/indeks?tanggal=2026-02-30", kBrowser).status, 404);
  EXPECT_EQ(Fetch("/indeks?tanggal=2020-01-01", kBrowser)
                .body.find("Genangan di Kemang"),
            std::string::npos);
  EXPECT_NE(Fetch("/indeks?kategori=metropolitan", kBrowser)
                .body.find("Genangan di Kemang"),
            std::string::npos);
  // The visible breadcrumb.
  std::string page = Fetch(url, kBrowser).body;
  EXPECT_NE(page.find("class=\"breadcrumb\""), std::string::npos);
}

TEST_F(ReadersTest, BreakingNewsReachesCachedPagesWithinASecond) {
  json a = Publish("Gempa magnitudo 5 guncang Cianjur");
  std::string url = a["url"];
  for (const std::string& p : {std::string("/"), url}) {
    Fetch(p, kBrowser);
    ASSERT_EQ(Fetch(p, kBrowser).Header("x-cache"), "hit") << p;
  }
  Reply set = admin_->Put("/api/admin/breaking",
                          {{"text", "Gempa susulan terasa di Bandung"},
                           {"url", url},
                           {"minutes", 30}});
  ASSERT_EQ(set.status, 200) << set.text;
  EXPECT_EQ(set.body["active"], true);
  for (const std::string& p : {std::string("/"), url}) {
    auto start = std::chrono::steady_clock::now();
    std::string body;
    while (std::chrono::steady_clock::now() - start < std::chrono::seconds(3)) {
      body = Fetch(p, kBrowser).body;
      if (body.find("Gempa susulan terasa") != std::string::npos) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    double took =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    EXPECT_NE(body.find("class=\"breaking-news\""), std::string::npos) << p;
    EXPECT_LT(took, 1.0) << p;
  }
  // Expiry removes it from cached pages too.
  Reply soon = admin_->Put("/api/admin/breaking",
                           {{"text", "Peringatan dini cuaca"},
                            {"expires_at", std::time(nullptr) + 2}});
  ASSERT_EQ(soon.status, 200) << soon.text;
  std::string home;
  for (int i = 0; i < 50; ++i) {
    home = Fetch("/", kBrowser).body;
    if (home.find("Peringatan dini cuaca") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_NE(home.find("Peringatan dini cuaca"), std::string::npos);
  std::this_thread::sleep_for(std::chrono::milliseconds(3200));
  EXPECT_EQ(Fetch("/", kBrowser).body.find("breaking-news"), std::string::npos);
  EXPECT_EQ(admin_->Put("/api/admin/breaking", {{"text", ""}}).status, 400);
  EXPECT_EQ(admin_->Delete("/api/admin/breaking").status, 200);
}

TEST_F(ReadersTest, AKontributorsNewTagWaitsForTheEditor) {
  AddUser(data_, "kontri@kabarin.id", "Kontributor Daerah", "kontributor",
          kPassword);
  AdminClient kontri(*server_);
  ASSERT_EQ(kontri.Login("kontri@kabarin.id", kPassword).status, 200);
  Publish("Rapat warga", {{"tags", {"Lingkungan"}}});  // the tag exists
  Reply saved = kontri.Post("/api/admin/articles",
                            {{"title", "Warga gotong royong bersihkan kali"},
                             {"body", "Isi berita."},
                             {"tags", {"Lingkungan", "Kerja Bakti"}}});
  ASSERT_EQ(saved.status, 201) << saved.text;
  EXPECT_EQ(saved.body["tags"], json({"Lingkungan"}));
  EXPECT_EQ(saved.body["pending_tags"], json({"Kerja Bakti"}));
  std::string path =
      "/api/admin/articles/" + std::to_string(saved.body["id"].get<int>());
  // Autosave keeps the suggestion; it never fails for it.
  Reply again = kontri.Put(path, {{"version", saved.body["version"]},
                                  {"autosave", true},
                                  {"tags", {"Lingkungan", "Kerja Bakti"}}});
  ASSERT_EQ(again.status, 200) << again.text;
  EXPECT_EQ(again.body["pending_tags"], json({"Kerja Bakti"}));
  EXPECT_EQ(admin_->Get("/api/admin/tags").text.find("Kerja Bakti"),
            std::string::npos)
      << "not created yet";

  Reply accepted = admin_->Post(path + "/tags/accept");
  ASSERT_EQ(accepted.status, 200) << accepted.text;
  EXPECT_EQ(accepted.body["tags"], json({"Lingkungan", "Kerja Bakti"}));
  EXPECT_EQ(accepted.body["pending_tags"], json::array());
  EXPECT_EQ(kontri.Post(path + "/tags/accept").status, 403);

  // A kontributor has no API tokens: the menu says "Akun", the page keeps
  // the password and no token form.
  std::string menu = kontri.Get("/admin/articles").text;
  EXPECT_NE(menu.find("/admin/tokens\">Akun<"), std::string::npos) << menu;
  EXPECT_EQ(menu.find("Token API"), std::string::npos);
  std::string account = kontri.Get("/admin/tokens").text;
  EXPECT_NE(account.find("new-password"), std::string::npos);
  EXPECT_EQ(account.find("POST /api/admin/tokens"), std::string::npos);
  EXPECT_EQ(kontri.Post("/api/admin/tokens", {{"name", "x"}}).status, 403);
  std::string editor_menu = admin_->Get("/admin/articles").text;
  EXPECT_NE(editor_menu.find("Token API"), std::string::npos);
}

TEST_F(ReadersTest, TheDeskMergesAndDeletesTags) {
  json a = Publish("Hujan deras semalaman", {{"tags", {"Banjr", "Cuaca"}}});
  json b = Publish("Tanggul jebol di hulu", {{"tags", {"Banjir"}}});
  std::string url = a["url"];
  // Cached first: the merge must reach pages already in the page cache.
  EXPECT_EQ(Fetch("/tag/banjr", kBrowser).status, 200);
  EXPECT_NE(Fetch(url, kBrowser).body.find("/tag/banjr"), std::string::npos);
  auto tag_id = [&](const std::string& slug) -> std::int64_t {
    json tags = admin_->Get("/api/admin/tags").body["tags"];
    for (const json& t : tags)
      if (t["slug"] == slug) return t["id"];
    return 0;
  };
  std::int64_t typo = tag_id("banjr");
  ASSERT_NE(typo, 0);
  std::string tag_path = "/api/admin/tags/" + std::to_string(typo);

  EXPECT_EQ(admin_->Post(tag_path + "/merge", {{"into", "Tidak Ada"}}).status,
            404);
  Reply merged = admin_->Post(tag_path + "/merge", {{"into", "Banjir"}});
  ASSERT_EQ(merged.status, 200) << merged.text;
  EXPECT_EQ(merged.body["articles"], 1);
  // Pages cached before follow the change log (within a second or two).
  auto within =
      [&](const std::string& path,
          const std::function<bool(const http::ClientResponse&)>& pred) {
        for (int i = 0; i < 30; ++i) {
          if (pred(Fetch(path, kBrowser))) return true;
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return false;
      };
  auto shows = [](const std::string& text) {
    return [text](const http::ClientResponse& r) {
      return r.body.find(text) != std::string::npos;
    };
  };
  auto gone = [](const http::ClientResponse& r) { return r.status == 404; };
  EXPECT_TRUE(within("/tag/banjr", gone));
  EXPECT_TRUE(within("/tag/banjir", shows("Hujan deras")));
  EXPECT_NE(Fetch("/tag/banjir", kBrowser).body.find("Tanggul jebol"),
            std::string::npos);
  EXPECT_TRUE(within(url, shows("/tag/banjir")));
  EXPECT_EQ(Fetch(url, kBrowser).body.find("/tag/banjr"), std::string::npos);

  std::int64_t cuaca = tag_id("cuaca");
  Reply deleted = admin_->Delete("/api/admin/tags/" + std::to_string(cuaca));
  ASSERT_EQ(deleted.status, 200) << deleted.text;
  EXPECT_TRUE(within("/tag/cuaca", gone));
  json article = admin_
                     ->Get("/api/admin/articles/" +
                           std::to_string(a["id"].get<std::int64_t>()))
                     .body;
  EXPECT_EQ(article["tags"], json({"Banjir"}));
  EXPECT_EQ(admin_->Delete("/api/admin/tags/" + std::to_string(cuaca)).status,
            404);
}

}  // namespace
}  // namespace warta::testing
