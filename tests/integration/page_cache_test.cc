// Precise invalidation as a newsroom sees it (issue 10): a write re-renders
// the pages whose content it changes and leaves the others cached, whether
// it comes through the admin API or from `warta import` in another process.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "admin_client.h"

namespace warta::testing {
namespace {

class PageCacheTest : public AdminSiteTest {
 protected:
  json Publish(const std::string& title, const std::string& category) {
    Reply r = admin_->Post("/api/admin/articles",
                           {{"title", title},
                            {"body", "Isi berita " + title + "."},
                            {"category", category},
                            {"status", "published"}});
    EXPECT_EQ(r.status, 201) << r.text;
    return r.body;
  }
  // The page's body and whether it came from the page cache.
  std::pair<std::string, bool> Page(const std::string& path) {
    auto r = server_->Get(path);
    EXPECT_TRUE(r.ok());
    if (!r.ok()) return {"", false};
    EXPECT_EQ(r->status, 200) << path;
    return {r->body, r->Header("x-cache") == "hit"};
  }
  // Polls `path` until its body holds `text`; the time it took.
  double WaitFor(const std::string& path, const std::string& text) {
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 300; ++i) {
      if (Page(path).first.find(text) != std::string::npos) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                         start)
        .count();
  }
};

TEST_F(PageCacheTest, AWriteLeavesUnrelatedPagesCached) {
  json a = Publish("Sidang kabinet membahas anggaran", "Politik");
  json b = Publish("Timnas menang tipis di Bandung", "Olahraga");
  std::string a_url = a["url"], b_url = b["url"];
  for (const std::string& p : {a_url, b_url, std::string("/kategori/politik"),
                               std::string("/kategori/olahraga")}) {
    Page(p);
    EXPECT_TRUE(Page(p).second) << p << " is cached after a first view";
  }

  // Through the admin API: the article and its category change at once.
  std::string path =
      "/api/admin/articles/" + std::to_string(a["id"].get<int>());
  Reply edit =
      admin_->Put(path, {{"version", a["version"]},
                         {"title", "Sidang kabinet menyetujui anggaran"}});
  ASSERT_EQ(edit.status, 200) << edit.text;
  EXPECT_LT(WaitFor("/kategori/politik", "menyetujui anggaran"), 1.0);
  EXPECT_NE(Page(a_url).first.find("menyetujui anggaran"), std::string::npos);
  EXPECT_TRUE(Page(b_url).second) << "an unrelated article stays cached";
  EXPECT_TRUE(Page("/kategori/olahraga").second)
      << "an unrelated category stays cached";

  // From another process: `warta import` of one more Politik story.
  std::string file = dir_.Write(
      "satu.jsonl",
      R"({"title":"Menteri baru dilantik","body":"Isi.","category":"Politik",)"
      R"("status":"published"})"
      "\n");
  CommandResult r = RunWarta({"import", "--data", data_, file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_LT(WaitFor("/kategori/politik", "Menteri baru dilantik"), 1.0);
  EXPECT_LT(WaitFor("/", "Menteri baru dilantik"), 1.0);
  EXPECT_TRUE(Page(b_url).second) << "an unrelated article stays cached";
  EXPECT_TRUE(Page("/kategori/olahraga").second);
}

}  // namespace
}  // namespace warta::testing
