// `warta import` as the foundation issue specifies it: one URL path per
// article on stdout, clear errors naming file and line, nothing half
// imported, the other files still imported, non-zero exit on failure.
#include <gtest/gtest.h>

#include "html_helpers.h"
#include "warta_process.h"

namespace warta::testing {
namespace {

TEST(ImportCliTest, GoodFilesImportAndBadOnesAreNamed) {
  TempDir dir;
  std::string data = dir.path() + "/data";
  std::string good =
      dir.Write("baik.txt", "Kabar baik\n\nBandung (WARTA) - Isi.\n");
  std::string empty = dir.Write("kosong.txt", "\n\n");
  std::string bad_md = dir.Write(
      "rusak.md", "---\ntitle: Rusak\npublished_at: kemarin\n---\nIsi\n");
  std::string jsonl =
      dir.Write("campur.jsonl",
                "{\"title\":\"Satu\",\"body\":\"Isi satu.\"}\n"
                "{\"title\":\"Dua\"\n"
                "{\"title\":\"Tiga\",\"body\":\"Isi tiga.\"}\n");
  CommandResult r = RunWarta({"import", "--data", data, good, empty, bad_md,
                              jsonl, dir.path() + "/tidak-ada.txt"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "/berita/kabar-baik\n/berita/satu\n/berita/tiga\n");
  EXPECT_NE(r.err.find(empty + ":1: the file is empty"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(bad_md + ":3: published_at: not an ISO 8601 date"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(jsonl + ":2: not valid JSON"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(dir.path() + "/tidak-ada.txt: no such file"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("3 created, 0 updated, 0 unchanged, 4 failed"),
            std::string::npos)
      << r.err;

  auto server = WartaServer::Start(data);
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(server->Get("/berita/rusak")->status, 404)
      << "nothing half-imported";
  EXPECT_EQ(server->Get("/berita/dua")->status, 404);
  EXPECT_EQ(server->Get("/berita/tiga")->status, 200);
}

TEST(ImportCliTest, FlagsAndUsageErrors) {
  TempDir dir;
  CommandResult r = RunWarta({"import", "--data", dir.path() + "/d"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("files"), std::string::npos) << r.err;
  r = RunWarta({"import", "--data", dir.path() + "/d", "--status", "live",
                dir.Write("a.txt", "A\n\nB\n")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--status"), std::string::npos);
  r = RunWarta({"import", "--data", dir.path() + "/d", "--category", "Ekonomi",
                "--status", "draft",
                dir.Write("b.txt", "Judul B\n\nIsi B.\n")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto server = WartaServer::Start(dir.path() + "/d");
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(server->Get("/berita/judul-b")->status, 404)
      << "imported as a draft";
}

}  // namespace
}  // namespace warta::testing
