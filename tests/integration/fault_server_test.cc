// Fault injection through a running server (issue 15): the real `warta`
// binary runs with the store's fault shim preloaded
// (src/store/sqlite/testing/fault_vfs.h, LD_PRELOAD of the test-only
// library warta_fault_vfs), and the test switches a full disk, or a
// database another process keeps locked, on and off from outside by
// writing the file FAULT_VFS_FILE names. While the fault lasts, an admin
// API write answers a clear 503 JSON error (Retry-After), cached public pages
// go on answering 200, and nothing is half-written; once it clears, the
// same write succeeds.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "admin_client.h"

namespace warta::testing {
namespace {

class FaultServerTest : public AdminSiteTest,
                        public ::testing::WithParamInterface<const char*> {
 protected:
  void BeforeStart() override {
    fault_file_ = dir_.path() + "/fault";
    setenv("LD_PRELOAD", WARTA_FAULT_VFS, 1);
    setenv("FAULT_VFS_FILE", fault_file_.c_str(), 1);
    // Under AddressSanitizer the preloaded library comes before its
    // runtime in the list of libraries, which ASan refuses by default.
    const char* asan = getenv("ASAN_OPTIONS");
    std::string options = asan ? std::string(asan) + ":" : "";
    saved_asan_ = asan ? asan : "";
    had_asan_ = asan != nullptr;
    setenv("ASAN_OPTIONS", (options + "verify_asan_link_order=0").c_str(), 1);
  }
  void SetUp() override {
    AdminSiteTest::SetUp();
    // Only the server has the shim: later `warta` commands run as usual.
    unsetenv("LD_PRELOAD");
    unsetenv("FAULT_VFS_FILE");
    if (had_asan_) {
      setenv("ASAN_OPTIONS", saved_asan_.c_str(), 1);
    } else {
      unsetenv("ASAN_OPTIONS");
    }
  }
  void SetFault(const std::string& plan) {
    // Written whole, then renamed: the shim never reads half a plan.
    std::ofstream(fault_file_ + ".tmp") << plan << "\n";
    std::filesystem::rename(fault_file_ + ".tmp", fault_file_);
  }
  void ClearFault() { std::filesystem::remove(fault_file_); }
  // A public page: its status and whether the page cache answered.
  std::pair<int, bool> Page(const std::string& path) {
    auto r = server_->Get(path);
    EXPECT_TRUE(r.ok()) << path;
    if (!r.ok()) return {-1, false};
    return {r->status, r->Header("x-cache") == "hit"};
  }

  std::string fault_file_;
  std::string saved_asan_;
  bool had_asan_ = false;
};

TEST_P(FaultServerTest, WritesAnswer503WhileCachedPagesServeAndRecover) {
  const std::string plan = GetParam();
  Reply published =
      admin_->Post("/api/admin/articles", {{"title", "Banjir surut di Jakarta"},
                                           {"body", "Air surut pagi ini."},
                                           {"category", "Metropolitan"},
                                           {"status", "published"}});
  ASSERT_EQ(published.status, 201) << published.text;
  const std::string url = published.body["url"];
  const std::string edit_path =
      "/api/admin/articles/" + std::to_string(published.body["id"].get<int>());
  for (const std::string& p : {url, std::string("/")}) {
    Page(p);
    ASSERT_EQ(Page(p), std::make_pair(200, true)) << p << " cached";
  }
  const json draft = {{"title", "Harga beras naik lagi"},
                      {"body", "Teks yang tidak boleh hilang."},
                      {"category", "Ekonomi"}};
  const json edit = {{"version", published.body["version"]},
                     {"title", "Banjir surut, warga kembali"}};

  SetFault(plan);
  Reply refused = admin_->Post("/api/admin/articles", draft);
  EXPECT_EQ(refused.status, 503) << refused.text;
  ASSERT_TRUE(refused.body.is_object()) << refused.text;
  const std::string error = refused.body.value("error", "");
  if (plan == "full") {
    EXPECT_NE(error.find("free disk space; the write was not made"),
              std::string::npos)
        << refused.text;
  } else {
    EXPECT_NE(error.find("locked"), std::string::npos) << refused.text;
  }
  EXPECT_EQ(refused.raw.Header("retry-after"), "5");
  Reply edit_refused = admin_->Put(edit_path, edit);
  EXPECT_EQ(edit_refused.status, 503) << edit_refused.text;
  // Readers see the site as it was, from the page cache.
  for (int i = 0; i < 3; ++i) {
    for (const std::string& p : {url, std::string("/")})
      EXPECT_EQ(Page(p), std::make_pair(200, true)) << p << " during " << plan;
  }
  // The editor can still read what is there.
  EXPECT_EQ(admin_->Get(edit_path).status, 200);
  ClearFault();

  // Nothing half-written: no new article, the old one as it was.
  Reply list = admin_->Get("/api/admin/articles");
  ASSERT_EQ(list.status, 200) << list.text;
  EXPECT_EQ(list.text.find("Harga beras naik lagi"), std::string::npos);
  Reply kept = admin_->Get(edit_path);
  ASSERT_EQ(kept.status, 200);
  EXPECT_EQ(kept.body["title"], "Banjir surut di Jakarta");
  EXPECT_EQ(kept.body["version"], published.body["version"]);
  // The same writes go through once the fault has cleared.
  Reply created = admin_->Post("/api/admin/articles", draft);
  EXPECT_EQ(created.status, 201) << created.text;
  Reply edited = admin_->Put(edit_path, edit);
  EXPECT_EQ(edited.status, 200) << edited.text;
  EXPECT_EQ(Page(url).first, 200);
  // And the server is healthy.
  EXPECT_EQ(Page("/healthz").first, 200);
}

INSTANTIATE_TEST_SUITE_P(Faults, FaultServerTest,
                         ::testing::Values("full", "busy"),
                         [](const auto& info) {
                           return std::string(info.param);
                         });

}  // namespace
}  // namespace warta::testing
