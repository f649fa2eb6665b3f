// The admin API as outside checks use it: sessions and CSRF, the login
// rate limit, 409 on stale edits, trash and restore, scheduling (by the
// server's clock, across a restart), API tokens, the first-run page, image
// uploads and live settings.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <limits>
#include <thread>

#include "admin_client.h"
#include "base/time.h"
#include "test_png.h"

namespace warta::testing {
namespace {

std::string Png(int w, int h) {
  std::string png("\x89PNG\r\n\x1a\n", 8);
  png += std::string("\0\0\0\x0dIHDR", 8);
  for (int v : {w, h}) {
    for (int shift : {24, 16, 8, 0})
      png += static_cast<char>((v >> shift) & 0xff);
  }
  png += std::string("\x08\x02\0\0\0\x90\x77\x53\xde", 9);
  return png;
}

class NewsroomApiTest : public AdminSiteTest {
 protected:
  std::int64_t NewArticle(const json& extra = json::object()) {
    json body = {{"title", "Banjir surut di Jakarta"},
                 {"body", "Air **surut** pagi ini."},
                 {"category", "Metropolitan"},
                 {"tags", {"Banjir", "Jakarta"}},
                 {"dateline_city", "Jakarta"}};
    body.update(extra);
    Reply r = admin_->Post("/api/admin/articles", body);
    EXPECT_EQ(r.status, 201) << r.text;
    return r.body.value("id", std::int64_t{0});
  }
  int PublicStatus(const std::string& path) {
    auto r = server_->Get(path);
    return r.ok() ? r->status : -1;
  }
};

TEST_F(NewsroomApiTest, SessionCookieIsHttpOnlyLaxAndNeedsCsrf) {
  AdminClient c(*server_);
  Reply login = c.Login(kEmail, kPassword);
  ASSERT_EQ(login.status, 200);
  std::string cookie = login.raw.Header("set-cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "http site";
  EXPECT_EQ(login.body["user"]["role"], "admin");
  EXPECT_FALSE(login.body["csrf_token"].get<std::string>().empty());
  EXPECT_EQ(login.raw.Header("set-cookie").find(c.csrf()), std::string::npos);

  EXPECT_EQ(AdminClient(*server_).Get("/api/admin/articles").status, 401);
  EXPECT_EQ(c.Get("/api/admin/articles").status, 200);
  // A cross-site page cannot send the header: without it, 403.
  std::string csrf = c.csrf();
  c.DropCsrf();
  EXPECT_EQ(c.Post("/api/admin/articles", {{"title", "x"}}).status, 403);
  EXPECT_EQ(c.Call(http::Method::kPost, "/api/admin/articles",
                   R"({"title":"x"})", {{"X-CSRF-Token", "salah"}})
                .status,
            403);
  EXPECT_EQ(
      c.Call(http::Method::kPost, "/api/admin/articles", R"({"title":"x"})",
             {{"X-CSRF-Token", csrf}, {"Origin", "https://jahat.example"}})
          .status,
      403);
  EXPECT_EQ(c.Call(http::Method::kPost, "/api/admin/articles",
                   R"({"title":"Dengan token"})", {{"X-CSRF-Token", csrf}})
                .status,
            201);
  // Logging out ends the session on the server.
  EXPECT_EQ(c.Call(http::Method::kDelete, "/api/admin/session", "",
                   {{"X-CSRF-Token", csrf}})
                .status,
            200);
  EXPECT_EQ(c.Get("/api/admin/articles").status, 401);
}

TEST_F(NewsroomApiTest, WrongPasswordsAreLimitedPerAccountAndPerIp) {
  AdminClient c(*server_);
  EXPECT_EQ(c.Login(kEmail, "salah").status, 401);
  EXPECT_EQ(c.Login("tidak-ada@kabarin.id", kPassword).status, 401);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(c.Login(kEmail, "salah").status, 401);
  Reply limited = c.Login(kEmail, kPassword);  // even the right one now
  EXPECT_EQ(limited.status, 429);
  int retry = std::stoi("0" + limited.raw.Header("retry-after"));
  EXPECT_GT(retry, 0);
  EXPECT_LE(retry, 900);
  // Other accounts from this IP: limited once 20 failures add up.
  AddUser(data_, "editor@kabarin.id", "Editor", "editor", kPassword);
  int failures = 6;
  while (failures < 20) {
    EXPECT_EQ(c.Login("orang" + std::to_string(failures) + "@x.id", "x").status,
              401);
    ++failures;
  }
  EXPECT_EQ(c.Login("editor@kabarin.id", kPassword).status, 429);
  // The session made before the lockout still works.
  EXPECT_EQ(admin_->Get("/api/admin/articles").status, 200);
}

TEST_F(NewsroomApiTest, CreatesReadsAndRejectsStaleEditsWith409) {
  Reply bad = admin_->Post("/api/admin/articles", {{"body", "tanpa judul"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body["field"], "title");
  EXPECT_EQ(admin_->Post("/api/admin/articles", {{"title", 5}}).body["field"],
            "title");
  EXPECT_EQ(
      admin_->Call(http::Method::kPost, "/api/admin/articles", "{nope").status,
      400);

  Reply created =
      admin_->Post("/api/admin/articles", {{"title", "Harga cabai naik"},
                                           {"body", "Harga *cabai* naik."},
                                           {"category", "Ekonomi"},
                                           {"tags", {"Pangan"}},
                                           {"source", "Antara"},
                                           {"editor", "Budi Santoso"},
                                           {"status", "published"}});
  ASSERT_EQ(created.status, 201) << created.text;
  std::int64_t id = created.body["id"];
  EXPECT_EQ(created.body["version"], 1);
  EXPECT_EQ(created.body["status"], "published");
  EXPECT_EQ(created.body["url"], "/berita/harga-cabai-naik");
  EXPECT_EQ(created.body["category"], "Ekonomi");
  EXPECT_EQ(created.body["authors"][0], "Admin Redaksi");
  EXPECT_EQ(created.body["editor"], "Budi Santoso");
  EXPECT_EQ(PublicStatus("/berita/harga-cabai-naik"), 200);

  std::string path = "/api/admin/articles/" + std::to_string(id);
  Reply v2 =
      admin_->Put(path, {{"version", 1}, {"title", "Harga cabai turun"}});
  ASSERT_EQ(v2.status, 200) << v2.text;
  EXPECT_EQ(v2.body["version"], 2);
  // A second editor still on version 1 overwrites nothing.
  Reply stale = admin_->Put(path, {{"version", 1}, {"title", "Tertimpa"}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.body["version"], 2);
  EXPECT_EQ(stale.body["article"]["title"], "Harga cabai turun");
  EXPECT_EQ(admin_->Get(path).body["title"], "Harga cabai turun");
  EXPECT_EQ(admin_->Put(path, {{"title", "x"}}).body["field"], "version");

  Reply list = admin_->Get("/api/admin/articles?q=CABAI&category=ekonomi");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.body["articles"].size(), 1u);
  EXPECT_EQ(list.body["meta"]["total"], 1);
  EXPECT_EQ(
      admin_->Get("/api/admin/articles?status=draft").body["articles"].size(),
      0u);
  // Revisions: newest first; restoring makes a new one.
  Reply revs = admin_->Get(path + "/revisions");
  ASSERT_EQ(revs.body["revisions"].size(), 2u);
  std::int64_t first = revs.body["revisions"][1]["id"];
  Reply back =
      admin_->Post(path + "/revisions/" + std::to_string(first) + "/restore",
                   {{"version", 2}});
  ASSERT_EQ(back.status, 200) << back.text;
  EXPECT_EQ(back.body["title"], "Harga cabai naik");
  EXPECT_EQ(back.body["version"], 3);
  EXPECT_EQ(admin_->Get(path + "/revisions").body["revisions"].size(), 3u);
}

TEST_F(NewsroomApiTest, TrashHidesFromTheSiteUntilRestored) {
  std::int64_t id = NewArticle({{"status", "published"}});
  std::string path = "/api/admin/articles/" + std::to_string(id);
  std::string page = "/berita/banjir-surut-di-jakarta";
  ASSERT_EQ(PublicStatus(page), 200);
  Reply trashed = admin_->Delete(path);
  ASSERT_EQ(trashed.status, 200);
  EXPECT_EQ(trashed.body["trashed"], true);
  EXPECT_EQ(PublicStatus(page), 404);
  EXPECT_EQ(server_->Get("/")->body.find("Banjir surut"), std::string::npos);
  EXPECT_EQ(admin_->Get("/api/admin/articles").body["articles"].size(), 0u);
  EXPECT_EQ(
      admin_->Get("/api/admin/articles?status=trash").body["articles"].size(),
      1u);
  EXPECT_EQ(admin_->Get(path).body["trashed"], true);
  EXPECT_EQ(admin_->Put(path, {{"version", 1}, {"title", "x"}}).status, 404);
  Reply restored = admin_->Post(path + "/restore");
  ASSERT_EQ(restored.status, 200);
  EXPECT_EQ(restored.body["status"], "published");
  EXPECT_EQ(PublicStatus(page), 200);
  EXPECT_EQ(admin_->Post(path + "/restore").status, 404);
}

TEST_F(NewsroomApiTest, SubmitAndReturnWithANote) {
  std::int64_t id = NewArticle();
  std::string path = "/api/admin/articles/" + std::to_string(id);
  EXPECT_EQ(admin_->Post(path + "/submit").body["review_state"], "submitted");
  Reply queue = admin_->Get("/api/admin/articles?review=submitted");
  ASSERT_EQ(queue.body["articles"].size(), 1u);
  // Every newsroom page tells the desk how many wait.
  auto waiting = [&] {
    std::string page = admin_->Get("/admin/articles").text;
    auto at = page.find("data-review-count>");
    return at == std::string::npos ? std::string("none")
                                   : page.substr(at + 18, 1);
  };
  EXPECT_EQ(waiting(), "1");
  // The review banner says who submitted it, and when.
  std::string editor =
      admin_->Get("/admin/articles/" + std::to_string(id)).text;
  EXPECT_NE(editor.find("class=\"review-who\">(Admin Redaksi · "),
            std::string::npos)
      << editor;
  EXPECT_EQ(admin_->Post(path + "/return").body["field"], "note");
  Reply returned = admin_->Post(path + "/return", {{"note", "Cek angka."}});
  EXPECT_EQ(returned.body["review_state"], "returned");
  EXPECT_EQ(returned.body["review_note"], "Cek angka.");
  EXPECT_EQ(waiting(), "none");
  Reply published = admin_->Post(path + "/publish");
  EXPECT_EQ(published.body["status"], "published");
  EXPECT_EQ(published.body["review_state"], "");
  // Nobody typed an editor credit: the one who published it gets it.
  EXPECT_EQ(published.body["editor"], "Admin Redaksi");
}

TEST_F(NewsroomApiTest, SchedulesByTheServersClockAndAcrossRestarts) {
  EXPECT_EQ(admin_
                ->Post("/api/admin/articles",
                       {{"title", "Lalu"},
                        {"status", "scheduled"},
                        {"published_at", "2001-01-01T00:00:00Z"}})
                .body["field"],
            "published_at");
  auto at = [](int seconds) {
    return FormatIso8601Utc(
        std::chrono::duration_cast<std::chrono::seconds>(
            std::chrono::system_clock::now().time_since_epoch())
            .count() +
        seconds);
  };
  std::int64_t soon = NewArticle({{"title", "Terbit sebentar lagi"},
                                  {"status", "scheduled"},
                                  {"published_at", at(2)}});
  std::int64_t later = NewArticle({{"title", "Terbit setelah restart"},
                                   {"status", "scheduled"},
                                   {"published_at", at(4)}});
  EXPECT_EQ(PublicStatus("/berita/terbit-sebentar-lagi"), 404);
  // No visits: only the API is asked, which never publishes anything.
  std::string state;
  for (int i = 0; i < 80 && state != "published"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    state = admin_->Get("/api/admin/articles/" + std::to_string(soon))
                .body.value("status", "");
  }
  EXPECT_EQ(state, "published");
  EXPECT_EQ(PublicStatus("/berita/terbit-sebentar-lagi"), 200);
  // Down while the other one falls due; it publishes at start-up.
  ASSERT_EQ(server_->Stop(SIGTERM), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(4500));
  Start();
  Reply r = admin_->Get("/api/admin/articles/" + std::to_string(later));
  EXPECT_EQ(r.body["status"], "published");
  EXPECT_EQ(PublicStatus("/berita/terbit-setelah-restart"), 200);
  std::string log = server_->StderrText();
  EXPECT_NE(log.find("published 1 overdue article(s) at start-up"),
            std::string::npos)
      << log;
}

TEST_F(NewsroomApiTest, ApiTokensAreScopedAndRevocable) {
  Reply made = admin_->Post(
      "/api/admin/tokens",
      json{{"name", "CMS lama"}, {"scopes", json::array({"articles:read"})}});
  ASSERT_EQ(made.status, 201) << made.text;
  ASSERT_TRUE(made.body["token"].is_string()) << made.text;
  std::string token = made.body["token"];
  EXPECT_EQ(token.rfind("warta_", 0), 0u);
  EXPECT_EQ(admin_
                ->Post("/api/admin/tokens",
                       json{{"name", "x"}, {"scopes", json::array({"root"})}})
                .body["field"],
            "scopes");
  AdminClient bot(*server_);
  bot.UseToken(token);
  EXPECT_EQ(bot.Get("/api/admin/articles").status, 200);
  // No cookie, no CSRF header: a token's writes are judged by its scopes.
  EXPECT_EQ(bot.Post("/api/admin/articles", {{"title", "x"}}).status, 403);
  Reply writer = admin_->Post("/api/admin/tokens",
                              {{"name", "Penulis otomatis"},
                               {"scopes", "articles:read, articles:write"}});
  ASSERT_EQ(writer.status, 201) << writer.text;
  AdminClient bot2(*server_);
  bot2.UseToken(writer.body["token"]);
  EXPECT_EQ(
      bot2.Post("/api/admin/articles", {{"title", "Dari integrasi"}}).status,
      201);
  EXPECT_EQ(bot2.Post("/api/admin/articles",
                      {{"title", "Terbit"}, {"status", "published"}})
                .status,
            403);
  std::int64_t id = made.body["id"];
  EXPECT_EQ(admin_->Delete("/api/admin/tokens/" + std::to_string(id)).status,
            200);
  EXPECT_EQ(bot.Get("/api/admin/articles").status, 401);
  AdminClient forged(*server_);
  forged.UseToken("warta_bukan-token");
  EXPECT_EQ(forged.Get("/api/admin/articles").status, 401);
}

// F2 (issue 15): a read token changed its user's password; a `tokens`
// token minted broader ones; tokens outlived a password change.
TEST_F(NewsroomApiTest, TokenScopesCannotBeEscaped) {
  auto mint = [&](AdminClient& c, const json& scopes) {
    return c.Post("/api/admin/tokens", {{"name", "t"}, {"scopes", scopes}});
  };
  Reply me = admin_->Get("/api/admin/session");
  std::int64_t my_id = me.body["user"].value("id", std::int64_t{0});
  ASSERT_GT(my_id, 0) << me.text;
  const std::string self = "/api/admin/users/" + std::to_string(my_id);

  Reply read = mint(*admin_, json::array({"articles:read"}));
  ASSERT_EQ(read.status, 201) << read.text;
  AdminClient reader(*server_);
  reader.UseToken(read.body["token"]);
  EXPECT_EQ(reader.Put(self, {{"password", "dicuri-lewat-token"}}).status, 403);
  EXPECT_EQ(reader.Put(self, {{"email", "penyerang@jahat.example"}}).status,
            403);
  EXPECT_EQ(reader.Get(self).status, 403);
  EXPECT_EQ(AdminClient(*server_).Login(kEmail, kPassword).status, 200)
      << "the password is unchanged";

  Reply tok = mint(*admin_, json::array({"tokens"}));
  ASSERT_EQ(tok.status, 201) << tok.text;
  AdminClient minter(*server_);
  minter.UseToken(tok.body["token"]);
  EXPECT_EQ(mint(minter, json::array({"users", "settings"})).status, 403);
  EXPECT_EQ(mint(minter, json::array({"tokens", "articles:publish"})).status,
            403);
  EXPECT_EQ(mint(minter, json::array({"tokens"})).status, 201);

  Reply acct = mint(*admin_, json::array({"account", "articles:read"}));
  ASSERT_EQ(acct.status, 201) << acct.text;
  AdminClient owner(*server_);
  owner.UseToken(acct.body["token"]);
  EXPECT_EQ(owner.Get(self).status, 200);
  EXPECT_EQ(owner.Put(self, {{"role", "editor"}}).status, 403)
      << "roles need users.manage";
  // A new password ends every token, the one that set it included.
  EXPECT_EQ(admin_->Put(self, {{"password", "kata-sandi-baru-2"}}).status, 200);
  EXPECT_EQ(owner.Get("/api/admin/articles").status, 401);
  EXPECT_EQ(reader.Get("/api/admin/articles").status, 401);
  EXPECT_EQ(minter.Get("/api/admin/tokens").status, 401);
  EXPECT_EQ(admin_->Get("/api/admin/articles").status, 200)
      << "the session that changed it stays";
}

// F3 (issue 15): published_at accepted any integer; -2^63 left a NULL month
// in the sitemap index and /sitemap.xml answered 500 for good.
TEST_F(NewsroomApiTest, AbsurdDatesAreRefusedAndTheSitemapStands) {
  for (const json& when :
       {json(std::numeric_limits<std::int64_t>::min()),
        json(std::numeric_limits<std::uint64_t>::max()), json(-2208988801LL),
        json(253402300800LL), json("0001-01-01T00:00:00Z")}) {
    Reply r = admin_->Post("/api/admin/articles", {{"title", "Tanggal aneh"},
                                                   {"body", "Isi."},
                                                   {"status", "published"},
                                                   {"published_at", when}});
    EXPECT_EQ(r.status, 400) << when.dump() << " " << r.text;
    EXPECT_EQ(r.body["field"], "published_at") << r.text;
  }
  NewArticle({{"status", "published"}, {"published_at", 1759115700}});
  EXPECT_EQ(PublicStatus("/sitemap.xml"), 200);
}

// F7 (issue 15): an ordinary agency link with an apostrophe was refused.
TEST_F(NewsroomApiTest, LinksWithApostrophesAreKeptEncoded) {
  Reply r = admin_->Post(
      "/api/admin/articles",
      {{"title", "Tautan"},
       {"source_url", "https://ok.example/berita/jum'at-ini?id=1"}});
  ASSERT_EQ(r.status, 201) << r.text;
  EXPECT_EQ(r.body["source_url"],
            "https://ok.example/berita/jum%27at-ini?id=1");
  EXPECT_EQ(admin_
                ->Post("/api/admin/articles",
                       {{"title", "Jahat"}, {"feature_image", "javascript:x"}})
                .body["field"],
            "feature_image");
}

TEST_F(NewsroomApiTest, UploadsImagesCheckedByContent) {
  const std::string png = TestPng(1600, 900);
  Reply up = admin_->Call(http::Method::kPost, "/api/admin/images", png,
                          {{"Content-Type", "image/png"}});
  ASSERT_EQ(up.status, 201) << up.text;
  std::string url = up.body["url"];
  EXPECT_NE(url.find("-1600x900-o.png"), std::string::npos) << url;
  auto img = server_->Get(url);
  ASSERT_TRUE(img.ok());
  EXPECT_EQ(img->status, 200);
  EXPECT_EQ(img->Header("content-type"), "image/png");
  EXPECT_EQ(img->body.substr(0, 8), png.substr(0, 8));  // re-encoded PNG
  EXPECT_NE(img->Header("cache-control").find("immutable"), std::string::npos);
  // Variants: 320 to 1600 wide, PNG and WebP, each served with its type.
  ASSERT_EQ(up.body["variants"].size(), 10u) << up.text;
  for (const auto& v : up.body["variants"]) {
    auto got = server_->Get(v["url"].get<std::string>());
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->status, 200) << v.dump();
    EXPECT_EQ(got->Header("content-type"), v["content_type"]) << v.dump();
    EXPECT_EQ(got->body.size(), v["bytes"].get<size_t>());
  }
  EXPECT_EQ(up.body["variants"][0]["width"], 320);
  EXPECT_EQ(up.body["variants"][0]["height"], 180);
  EXPECT_EQ(up.body["variants"][9]["content_type"], "image/webp");
  // A script named like an image is refused; so is a huge one.
  EXPECT_EQ(
      admin_
          ->Call(http::Method::kPost, "/api/admin/images",
                 "<script>alert(1)</script>", {{"Content-Type", "image/png"}})
          .status,
      400);
  EXPECT_EQ(admin_
                ->Call(http::Method::kPost, "/api/admin/images",
                       Png(100000, 10), {{"Content-Type", "image/png"}})
                .status,
            400);
  // A decompression bomb: 9000x9000 declared in a few dozen bytes.
  Reply bomb = admin_->Call(http::Method::kPost, "/api/admin/images",
                            Png(9000, 9000), {{"Content-Type", "image/png"}});
  EXPECT_EQ(bomb.status, 400);
  EXPECT_NE(bomb.text.find("\"error\""), std::string::npos) << bomb.text;
  const std::int64_t id =
      NewArticle({{"status", "published"},
                  {"feature_image", url},
                  {"feature_image_alt", "Pompa air"},
                  {"feature_image_credit", "WARTA/Rina Wulandari"},
                  {"feature_image_focal_x", 0.25},
                  {"feature_image_focal_y", 0.75}});
  std::string html = server_->Get("/berita/banjir-surut-di-jakarta")->body;
  const std::string stem = url.substr(0, url.size() - 6);  // "-o.png"
  EXPECT_NE(html.find("<picture><source type=\"image/webp\" srcset=\"" + stem +
                      "-320w.webp 320w"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<img src=\"" + stem + "-1280w.png\" srcset=\"" + stem +
                      "-320w.png 320w"),
            std::string::npos);
  EXPECT_NE(html.find("alt=\"Pompa air\" width=\"1280\" height=\"720\" "
                      "fetchpriority=\"high\""),
            std::string::npos);
  EXPECT_NE(html.find("Foto: WARTA/Rina Wulandari"), std::string::npos);
  // Shared as a raster variant at least 1200 wide, never the SVG icon.
  EXPECT_NE(html.find("<meta property=\"og:image\" content=\"http"),
            std::string::npos);
  EXPECT_NE(html.find(stem + "-1280w.png\">"), std::string::npos);
  EXPECT_EQ(html.find(".svg\">\n<meta property=\"og:image:alt"),
            std::string::npos);
  // Cards elsewhere crop around the focal point; every image URL a page
  // lists answers with its type.
  for (const std::string page : {"/berita/banjir-surut-di-jakarta", "/"}) {
    std::string body = server_->Get(page)->body;
    size_t n = 0;
    for (size_t at = body.find("/media/"); at != std::string::npos;
         at = body.find("/media/", at + 1)) {
      size_t end = body.find_first_of(" \",", at);
      std::string media = body.substr(at, end - at);
      auto got = server_->Get(media);
      ASSERT_TRUE(got.ok());
      EXPECT_EQ(got->status, 200) << media;
      EXPECT_EQ(got->Header("content-type").rfind("image/", 0), 0u) << media;
      ++n;
    }
    EXPECT_GT(n, 5u) << page;
  }
  EXPECT_NE(server_->Get("/")->body.find("object-position: 25.0% 75.0%"),
            std::string::npos);
  Reply read = admin_->Get("/api/admin/articles/" + std::to_string(id));
  EXPECT_NE(read.text.find("\"feature_image_credit\":\"WARTA/Rina Wulandari\""),
            std::string::npos)
      << read.text;
  // The media library: newest uploads, and search by caption or credit.
  Reply library = admin_->Get("/api/admin/images");
  ASSERT_EQ(library.status, 200) << library.text;
  ASSERT_GE(library.body["images"].size(), 1u) << library.text;
  EXPECT_EQ(library.body["images"][0]["url"], url);
  EXPECT_EQ(library.body["images"][0]["credit"], "WARTA/Rina Wulandari");
  EXPECT_EQ(library.body["images"][0]["thumb"], stem + "-320w.png");
  EXPECT_EQ(admin_->Get("/api/admin/images?q=rina").body["images"].size(), 1u);
  EXPECT_EQ(admin_->Get("/api/admin/images?q=tidak-ada").body["images"].size(),
            0u);
  EXPECT_EQ(PublicStatus("/media/../warta.db"), 404);
}

TEST_F(NewsroomApiTest, SettingsApplyAtOnce) {
  Reply bad =
      admin_->Put("/api/admin/settings", {{"timezone", "Europe/Paris"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body["field"], "timezone");
  Reply ok = admin_->Put("/api/admin/settings",
                         {{"name", "KABARIN"}, {"locale", "en"}});
  ASSERT_EQ(ok.status, 200) << ok.text;
  EXPECT_EQ(ok.body["name"], "KABARIN");
  std::string home;
  for (int i = 0; i < 50 && home.find("KABARIN") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto r = server_->Get("/");
    if (r.ok()) home = r->body;
  }
  EXPECT_NE(home.find("KABARIN"), std::string::npos);
  EXPECT_NE(home.find("lang=\"en\""), std::string::npos);
  // Still logged in (sessions live in the store), and kept across restarts.
  EXPECT_EQ(admin_->Get("/api/admin/settings").body["locale"], "en");
  ASSERT_EQ(server_->Stop(SIGTERM), 0);
  Start();
  EXPECT_EQ(admin_->Get("/api/admin/settings").body["name"], "KABARIN");
}

// F10 (issue 15): concurrent settings changes dropped connections: each
// reload closed the listening socket and bound a new one. The next server
// now takes over the socket, so requests meanwhile wait instead of failing.
TEST_F(NewsroomApiTest, SettingsChangesDropNoConnections) {
  std::atomic<bool> done{false};
  std::atomic<int> served{0}, failed{0};
  std::string first_error;
  std::thread reader([&] {
    while (!done) {
      auto r = server_->Get("/healthz");
      if (r.ok() && r->status == 200) {
        ++served;
      } else if (failed++ == 0) {
        first_error =
            r.ok() ? std::to_string(r->status) : r.status().ToString();
      }
    }
  });
  auto change = [&](const std::string& prefix, int* ok) {
    AdminClient c(*server_);
    if (c.Login(kEmail, kPassword).status != 200) return;
    for (int i = 0; i < 5; ++i) {
      Reply r = c.Put("/api/admin/settings",
                      {{"name", prefix + " " + std::to_string(i)}});
      *ok += r.status == 200;
    }
  };
  int ok_a = 0, ok_b = 0;
  std::thread a(change, "Kabar A", &ok_a);
  std::thread b(change, "Kabar B", &ok_b);
  a.join();
  b.join();
  done = true;
  reader.join();
  EXPECT_EQ(ok_a + ok_b, 10);
  EXPECT_GT(served.load(), 0);
  // On a failure, the end of the server's log (its reloads, the access log)
  // says which server dropped the request.
  std::string log = failed.load() ? server_->StderrText() : "";
  if (log.size() > 6000) log.erase(0, log.size() - 6000);
  EXPECT_EQ(failed.load(), 0) << first_error << "\nserver log:\n" << log;
}

TEST_F(NewsroomApiTest, UsersChangeTheirOwnPasswordButNotTheirRole) {
  AddUser(data_, "penulis@kabarin.id", "Penulis", "penulis", kPassword);
  AdminClient other_device(*server_);
  ASSERT_EQ(other_device.Login("penulis@kabarin.id", kPassword).status, 200);
  AdminClient me(*server_);
  Reply login = me.Login("penulis@kabarin.id", kPassword);
  ASSERT_EQ(login.status, 200);
  std::string path =
      "/api/admin/users/" + std::to_string(login.body["user"]["id"].get<int>());
  EXPECT_EQ(me.Put(path, {{"role", "admin"}}).status, 403);
  EXPECT_EQ(me.Put(path, {{"password", "pendek"}}).body["field"], "password");
  EXPECT_EQ(me.Put(path, {{"password", "sandi-baru-panjang"}}).status, 200);
  // This session goes on; the other device's ends; the new password works.
  EXPECT_EQ(me.Get("/api/admin/articles").status, 200);
  EXPECT_EQ(other_device.Get("/api/admin/articles").status, 401);
  EXPECT_EQ(AdminClient(*server_)
                .Login("penulis@kabarin.id", "sandi-baru-panjang")
                .status,
            200);
  EXPECT_EQ(me.Put("/api/admin/users/1", {{"name", "Bukan saya"}}).status, 403);
}

TEST(NewsroomSetupTest, FirstAdminOnlyFromThisMachineAndOnlyOnce) {
  TempDir dir;
  auto server = WartaServer::Start(dir.path() + "/data");
  ASSERT_NE(server, nullptr);
  auto login = server->Get("/admin/login");
  ASSERT_TRUE(login.ok());
  EXPECT_EQ(login->status, 303);
  EXPECT_EQ(login->Header("location"), "/admin/setup");
  EXPECT_EQ(server->Get("/admin/setup")->status, 200);
  AdminClient c(*server);
  json admin = {{"email", "pertama@kabarin.id"},
                {"name", "Admin Pertama"},
                {"password", "kata-sandi-1"}};
  // Through a proxy it does not exist.
  EXPECT_EQ(c.Call(http::Method::kPost, "/api/admin/setup", admin.dump(),
                   {{"X-Forwarded-For", "203.0.113.9"}})
                .status,
            404);
  EXPECT_EQ(c.Post("/api/admin/setup",
                   {{"email", "x@y.id"}, {"name", "X"}, {"password", "pendek"}})
                .body["field"],
            "password");
  Reply made = c.Post("/api/admin/setup", admin);
  ASSERT_EQ(made.status, 201) << made.text;
  EXPECT_EQ(made.body["user"]["role"], "admin");
  EXPECT_EQ(c.Post("/api/admin/setup", admin).status, 404);
  EXPECT_EQ(server->Get("/admin/setup")->status, 404);
  EXPECT_EQ(
      AdminClient(*server).Login("pertama@kabarin.id", "kata-sandi-1").status,
      200);
}

}  // namespace
}  // namespace warta::testing
