// The desk's day (issue 13) through the admin API of the real binary: the
// revision history records publish / unpublish / schedule / restore with
// who and when, marks the live revision and diffs any revision against it;
// the SEO title and description reach <title>, the meta description, the
// og:/twitter: tags and JSON-LD, falling back to the headline and excerpt.
#include <gtest/gtest.h>

#include <ctime>

#include "admin_client.h"
#include "base/time.h"
#include "html_helpers.h"

namespace warta::testing {
namespace {

class DeskTest : public AdminSiteTest {
 protected:
  std::string Page(const std::string& path) {
    auto r = server_->Get(path);
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->body : "";
  }
  // The kinds of the article's revisions, newest first.
  std::vector<std::string> Kinds(const json& revisions) {
    std::vector<std::string> out;
    for (const json& r : revisions) out.push_back(r["kind"]);
    return out;
  }
};

TEST_F(DeskTest, RevisionHistoryRecordsEventsAndMarksTheLiveVersion) {
  Reply created =
      admin_->Post("/api/admin/articles",
                   {{"title", "Jembatan dibuka"}, {"body", "Isi pertama."}});
  ASSERT_EQ(created.status, 201) << created.text;
  const std::int64_t id = created.body["id"];
  const std::string path = "/api/admin/articles/" + std::to_string(id);
  // The draft autosaved, then "Terbitkan sekarang" (a save with status).
  ASSERT_EQ(
      admin_
          ->Put(path,
                {{"version", 1}, {"autosave", true}, {"body", "Isi kedua."}})
          .status,
      200);
  Reply live = admin_->Put(path, {{"version", 2}, {"status", "published"}});
  ASSERT_EQ(live.status, 200) << live.text;
  Reply revs = admin_->Get(path + "/revisions");
  ASSERT_EQ(revs.status, 200);
  EXPECT_EQ(Kinds(revs.body["revisions"]),
            (std::vector<std::string>{"publish", "autosave", "save"}));
  const json published = revs.body["revisions"][0];
  EXPECT_EQ(published["user"], "Admin Redaksi");
  EXPECT_TRUE(published["event"]);
  EXPECT_TRUE(published["live"]);
  EXPECT_EQ(revs.body["live_id"], published["id"]);
  EXPECT_FALSE(revs.body["revisions"][1]["live"]);

  // An autosave of the live story waits beside it: not live, not applied.
  Reply kept = admin_->Put(path, {{"version", 3},
                                  {"autosave", true},
                                  {"body", "Isi ketiga belum tayang."}});
  ASSERT_EQ(kept.status, 202) << kept.text;
  revs = admin_->Get(path + "/revisions");
  const json pending = revs.body["revisions"][0];
  EXPECT_EQ(pending["kind"], "autosave");
  EXPECT_FALSE(pending["applied"]);
  EXPECT_FALSE(pending["live"]);
  EXPECT_EQ(revs.body["live_id"], published["id"]);
  // Its diff against the live version: what saving it would change.
  const std::string pending_path =
      path + "/revisions/" + std::to_string(pending["id"].get<std::int64_t>());
  Reply diff = admin_->Get(pending_path + "?against=live");
  ASSERT_EQ(diff.status, 200) << diff.text;
  EXPECT_EQ(diff.body["against"], "live");
  EXPECT_EQ(diff.body["previous_id"], published["id"]);
  ASSERT_EQ(diff.body["changes"].size(), 1u) << diff.text;
  EXPECT_EQ(diff.body["changes"][0]["field"], "body");
  std::string inserted, deleted;
  for (const json& p : diff.body["changes"][0]["parts"]) {
    if (p["op"] == "insert") inserted += p["text"].get<std::string>();
    if (p["op"] == "delete") deleted += p["text"].get<std::string>();
  }
  EXPECT_NE(inserted.find("ketiga"), std::string::npos) << diff.text;
  EXPECT_NE(deleted.find("kedua"), std::string::npos) << diff.text;
  EXPECT_EQ(admin_->Get(pending_path + "?against=nothing").status, 400);

  // Saving that same text records what went live.
  Reply saved =
      admin_->Put(path, {{"version", 3}, {"body", "Isi ketiga belum tayang."}});
  ASSERT_EQ(saved.status, 200) << saved.text;
  revs = admin_->Get(path + "/revisions");
  EXPECT_EQ(revs.body["revisions"][0]["kind"], "save");
  EXPECT_TRUE(revs.body["revisions"][0]["live"]);
  EXPECT_EQ(revs.body["live_id"], revs.body["revisions"][0]["id"]);
  // The live revision against itself: nothing changed.
  Reply same =
      admin_->Get(path + "/revisions/" +
                  std::to_string(revs.body["live_id"].get<std::int64_t>()) +
                  "?against=live");
  ASSERT_EQ(same.status, 200);
  EXPECT_TRUE(same.body["changes"].empty()) << same.text;

  // Unpublish, schedule and restore are events too; nothing is live then.
  ASSERT_EQ(admin_->Post(path + "/unpublish", {{"version", 4}}).status, 200);
  const std::string later = FormatIso8601Utc(std::time(nullptr) + 86400);
  Reply scheduled = admin_->Put(
      path, {{"version", 5}, {"status", "scheduled"}, {"published_at", later}});
  ASSERT_EQ(scheduled.status, 200) << scheduled.text;
  revs = admin_->Get(path + "/revisions");
  const std::int64_t first = revs.body["revisions"].back()["id"];
  Reply restored =
      admin_->Post(path + "/revisions/" + std::to_string(first) + "/restore",
                   {{"version", 6}});
  ASSERT_EQ(restored.status, 200) << restored.text;
  revs = admin_->Get(path + "/revisions");
  EXPECT_EQ(
      Kinds(revs.body["revisions"]),
      (std::vector<std::string>{"restore", "schedule", "unpublish", "save",
                                "autosave", "publish", "autosave", "save"}));
  EXPECT_TRUE(revs.body["live_id"].is_null());
  for (const json& r : revs.body["revisions"]) EXPECT_FALSE(r["live"]);
  EXPECT_EQ(admin_->Get(pending_path + "?against=live").status, 409);

  // The history page names the events and marks the live revision.
  ASSERT_EQ(admin_->Post(path + "/publish", {{"version", 7}}).status, 200);
  Reply page =
      admin_->Get("/admin/articles/" + std::to_string(id) + "/revisions");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(Count(page.text, " data-live"), 1) << page.text;
  EXPECT_NE(page.text.find("data-kind=\"schedule\""), std::string::npos);
  EXPECT_NE(page.text.find("dijadwalkan"), std::string::npos);
  EXPECT_NE(page.text.find("ditarik"), std::string::npos);
  EXPECT_NE(page.text.find("Admin Redaksi"), std::string::npos);
  // An older revision offers the comparison with the live version.
  Reply older = admin_->Get("/admin/articles/" + std::to_string(id) +
                            "/revisions?rev=" + std::to_string(first));
  EXPECT_NE(older.text.find("&amp;against=live"), std::string::npos);
  Reply compared =
      admin_->Get("/admin/articles/" + std::to_string(id) +
                  "/revisions?rev=" + std::to_string(first) + "&against=live");
  ASSERT_EQ(compared.status, 200);
  EXPECT_NE(compared.text.find("dibandingkan dengan versi live"),
            std::string::npos);
}

TEST_F(DeskTest, SeoTitleAndDescriptionReachThePageAndFallBack) {
  Reply created =
      admin_->Post("/api/admin/articles",
                   {{"title", "Banjir surut di Jakarta"},
                    {"body", "Air surut pagi ini di dua belas RT."},
                    {"custom_excerpt", "Ringkasan untuk pembaca."},
                    {"meta_title", "Banjir Jakarta Surut, Warga Pulang"},
                    {"meta_description", "Genangan di 12 RT surut Senin pagi."},
                    {"status", "published"}});
  ASSERT_EQ(created.status, 201) << created.text;
  EXPECT_EQ(created.body["meta_title"], "Banjir Jakarta Surut, Warga Pulang");
  EXPECT_EQ(created.body["meta_description"],
            "Genangan di 12 RT surut Senin pagi.");
  const std::string url = created.body["url"];
  std::string html = Page(url);
  EXPECT_NE(html.find("<title>Banjir Jakarta Surut, Warga Pulang</title>"),
            std::string::npos)
      << html.substr(0, 2000);
  EXPECT_NE(html.find("<meta name=\"description\" content=\"Genangan di 12 RT "
                      "surut Senin pagi.\">"),
            std::string::npos);
  for (const char* tag : {"property=\"og:title\" content=\"Banjir Jakarta "
                          "Surut, Warga Pulang\"",
                          "name=\"twitter:title\" content=\"Banjir Jakarta "
                          "Surut, Warga Pulang\"",
                          "property=\"og:description\" content=\"Genangan di "
                          "12 RT surut Senin pagi.\"",
                          "name=\"twitter:description\" content=\"Genangan "
                          "di 12 RT surut Senin pagi.\""}) {
    EXPECT_NE(html.find(tag), std::string::npos) << tag;
  }
  EXPECT_NE(html.find("\"headline\":\"Banjir Jakarta Surut, Warga Pulang\""),
            std::string::npos);
  EXPECT_NE(html.find("\"alternativeHeadline\":\"Banjir surut di Jakarta\""),
            std::string::npos);
  // The headline on the page stays the headline.
  EXPECT_NE(html.find(">Banjir surut di Jakarta</h1>"), std::string::npos);

  // Bounded: 70 and 160 characters (code points, not bytes).
  const std::string path =
      "/api/admin/articles/" + std::to_string(created.body["id"].get<int>());
  Reply long_title =
      admin_->Put(path, {{"version", 1}, {"meta_title", std::string(71, 'a')}});
  EXPECT_EQ(long_title.status, 400);
  EXPECT_EQ(long_title.body["field"], "meta_title");
  std::string seventy;
  for (int i = 0; i < 70; ++i) seventy += "é";  // 140 bytes
  EXPECT_EQ(admin_->Put(path, {{"version", 1}, {"meta_title", seventy}}).status,
            200);
  Reply long_desc = admin_->Put(
      path, {{"version", 2}, {"meta_description", std::string(161, 'b')}});
  EXPECT_EQ(long_desc.body["field"], "meta_description");

  // Cleared: the headline with the site's name and the excerpt again.
  Reply cleared = admin_->Put(
      path, {{"version", 2}, {"meta_title", ""}, {"meta_description", ""}});
  ASSERT_EQ(cleared.status, 200) << cleared.text;
  html = Page(url);
  EXPECT_NE(html.find("<title>Banjir surut di Jakarta - "), std::string::npos);
  EXPECT_NE(html.find("property=\"og:title\" content=\"Banjir surut di "
                      "Jakarta\""),
            std::string::npos);
  EXPECT_NE(html.find("<meta name=\"description\" content=\"Ringkasan untuk "
                      "pembaca.\">"),
            std::string::npos);
  EXPECT_EQ(html.find("alternativeHeadline"), std::string::npos);
  // The editor offers both fields with their bounds and the share card.
  Reply editor = admin_->Get("/admin/articles/" +
                             std::to_string(created.body["id"].get<int>()));
  EXPECT_NE(editor.text.find("id=\"meta_title\""), std::string::npos);
  EXPECT_NE(editor.text.find("maxlength=\"70\""), std::string::npos);
  EXPECT_NE(editor.text.find("maxlength=\"160\""), std::string::npos);
  EXPECT_NE(editor.text.find("data-share-preview"), std::string::npos);
}

// A "Baca juga" line without a link points to the site's search route, as
// the URL service builds it (the markup module knows no routes).
TEST_F(DeskTest, ReadAlsoLinksToTheSitesSearch) {
  Reply created = admin_->Post("/api/admin/articles",
                               {{"title", "Pompa air dipasang"},
                                {"body",
                                 "Tiga pompa dipasang.\n\nBaca juga: "
                                 "Banjir Surut"},
                                {"status", "published"}});
  ASSERT_EQ(created.status, 201) << created.text;
  std::string html = Page(created.body["url"]);
  EXPECT_NE(html.find("<a href=\"/cari?q=Banjir%20Surut\">Banjir Surut</a>"),
            std::string::npos)
      << html.substr(0, 4000);
}

TEST_F(DeskTest, LiveReportsShowTheirUpdatesNewestFirstAtOnce) {
  Reply created =
      admin_->Post("/api/admin/articles", {{"title", "Banjir Jakarta hari ini"},
                                           {"body", "Isi berita utama."},
                                           {"category", "Metropolitan"},
                                           {"live_report", true},
                                           {"status", "published"}});
  ASSERT_EQ(created.status, 201) << created.text;
  EXPECT_EQ(created.body["live_report"], true);
  const std::string url = created.body["url"];
  const std::string updates = "/api/admin/articles/" +
                              std::to_string(created.body["id"].get<int>()) +
                              "/updates";
  // Cached before any update: each update must drop the cached page.
  std::string html = Page(url);
  EXPECT_NE(html.find("class=\"live-label live-label-big\">LANGSUNG<"),
            std::string::npos);
  EXPECT_EQ(html.find("data-live-updates"), std::string::npos);
  Reply first = admin_->Post(updates, {{"body", "Pukul 06.00: air naik."}});
  ASSERT_EQ(first.status, 201) << first.text;
  EXPECT_EQ(first.body["user"], "Admin Redaksi");
  html = Page(url);
  ASSERT_NE(html.find("Pukul 06.00: air naik."), std::string::npos);
  ASSERT_EQ(admin_
                ->Post(updates, {{"body",
                                  "Pukul 07.00: pompa menyala.\n"
                                  "Warga mengungsi."}})
                .status,
            201);
  html = Page(url);
  const size_t newer = html.find(
      "<p>Pukul 07.00: pompa menyala.</p><p>Warga "
      "mengungsi.</p>");
  const size_t older = html.find("Pukul 06.00: air naik.");
  const size_t story = html.find("<div class=\"article-body");
  ASSERT_NE(newer, std::string::npos) << html;
  EXPECT_LT(newer, older) << "newest first";
  EXPECT_LT(older, story) << "at the top of the story";
  // The cards say it too.
  std::string home = Page("/");
  EXPECT_NE(home.find("<span class=\"live-label\">LANGSUNG</span>"),
            std::string::npos);
  Reply list = admin_->Get(updates);
  ASSERT_EQ(list.body["updates"].size(), 2u);
  // Deleting one takes it off the page; an ordinary story takes none.
  const std::int64_t gone = first.body["id"];
  EXPECT_EQ(admin_->Delete(updates + "/" + std::to_string(gone)).status, 200);
  EXPECT_EQ(Page(url).find("Pukul 06.00"), std::string::npos);
  Reply plain = admin_->Post(
      "/api/admin/articles",
      {{"title", "Berita biasa"}, {"body", "x"}, {"status", "published"}});
  Reply refused =
      admin_->Post("/api/admin/articles/" +
                       std::to_string(plain.body["id"].get<int>()) + "/updates",
                   {{"body", "tidak boleh"}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.body["code"], "not_live_report");
  EXPECT_EQ(admin_->Post(updates, {{"body", "  "}}).body["code"], "required");
}

// Errors carry a stable code and its params beside the message.
TEST_F(DeskTest, ErrorsCarryAStableCode) {
  Reply empty = admin_->Post("/api/admin/articles", {{"body", "tanpa judul"}});
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(empty.body["code"], "title_empty");
  EXPECT_EQ(empty.body["error"], "title: must not be empty");
  Reply created =
      admin_->Post("/api/admin/articles", {{"title", "Satu"}, {"body", "x"}});
  const std::string path =
      "/api/admin/articles/" + std::to_string(created.body["id"].get<int>());
  Reply stale = admin_->Put(path, {{"version", 7}, {"title", "Dua"}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.body["code"], "version_conflict");
  Reply slug = admin_->Put(path, {{"version", 1}, {"slug", "Dua Kata"}});
  EXPECT_EQ(slug.body["code"], "slug_invalid");
  EXPECT_EQ(slug.body["params"]["slug"], "Dua Kata");
  Reply missing = admin_->Get("/api/admin/articles/999999");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body["code"], "not_found");
  AdminClient stranger(*server_);
  Reply anon = stranger.Get("/api/admin/articles");
  EXPECT_EQ(anon.status, 401);
  EXPECT_EQ(anon.body["code"], "not_logged_in");
}

}  // namespace
}  // namespace warta::testing
