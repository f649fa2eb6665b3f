// Restart is a load, not a rebuild: the real binary writes its search index
// under DATA/index, maps it again on the next start, catches up with what
// changed while it was down, and rebuilds damaged files in the background
// while pages keep serving.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "warta_process.h"

namespace warta::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string Story(const std::string& title, const std::string& body, int day) {
  return "---\ntitle: \"" + title +
         "\"\ncategory: Daerah\ntags: [Cuaca]\nauthors: [Dewi "
         "Anggraini]\npublished_at: 2026-10-" +
         (day < 10 ? "0" : "") + std::to_string(day) +
         "T08:00:00+07:00\n---\n" + body + "\n";
}

// Waits until /api/search?q=... answers 200 and returns its total; on the
// way every answer is a 200 or the "being built" 503.
int SearchTotal(WartaServer& server, const std::string& q) {
  for (int i = 0; i < 300; ++i) {
    auto r = server.Get("/api/search?q=" + q);
    EXPECT_TRUE(r.ok());
    if (!r.ok()) return -1;
    if (r->status == 200) return json::parse(r->body)["total"].get<int>();
    EXPECT_EQ(r->status, 503) << r->body;
    json j = json::parse(r->body, nullptr, false);
    EXPECT_EQ(j["error"], "search index is being built") << r->body;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ADD_FAILURE() << "search never became ready";
  return -1;
}

std::string SegmentFile(const std::string& dir) {
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().filename().string().rfind("seg-", 0) == 0)
      return e.path().string();
  }
  return "";
}

TEST(IndexRestartTest, LoadsCatchesUpAndRebuildsDamagedFiles) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  std::vector<std::string> args = {"import", "--data", data};
  for (int i = 1; i <= 12; ++i) {
    args.push_back(dir.Write(
        "s" + std::to_string(i) + ".md",
        Story("Banjir kloter " + std::to_string(i) + " surut",
              "Air banjir di kloter " + std::to_string(i) +
                  " mulai surut dan warga kembali membersihkan rumah.",
              i)));
  }
  ASSERT_EQ(RunWarta(args).exit_code, 0);

  // First start: no index files yet; built, then written.
  {
    auto server = WartaServer::Start(data, {}, false);
    ASSERT_NE(server, nullptr);
    EXPECT_EQ(SearchTotal(*server, "banjir"), 12);
    EXPECT_EQ(server->Stop(SIGTERM), 0);
    EXPECT_NE(server->StderrText().find("building it in the background"),
              std::string::npos)
        << server->StderrText();
  }
  ASSERT_TRUE(fs::exists(data + "/index/MANIFEST"));

  // While the server is down, one more article comes in.
  ASSERT_EQ(
      RunWarta({"import", "--data", data,
                dir.Write("new.md", Story("Kereta cepat tambah jadwal",
                                          "Operator kereta cepat menambah "
                                          "jadwal perjalanan akhir pekan.",
                                          20))})
          .exit_code,
      0);

  // Restart: loaded, not rebuilt, and the new article is found at once.
  {
    auto server = WartaServer::Start(data, {}, false);
    ASSERT_NE(server, nullptr);
    auto r = server->Get("/api/search?q=kereta");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(json::parse(r->body)["total"], 1);
    EXPECT_EQ(SearchTotal(*server, "banjir"), 12);
    EXPECT_EQ(server->Stop(SIGTERM), 0);
    const std::string err = server->StderrText();
    EXPECT_NE(err.find("loaded from"), std::string::npos) << err;
    EXPECT_EQ(err.find("building it in the background"), std::string::npos)
        << err;
  }

  // A damaged segment file: detected, and rebuilt while pages serve.
  const std::string seg = SegmentFile(data + "/index");
  ASSERT_FALSE(seg.empty());
  fs::resize_file(seg, fs::file_size(seg) - 64);
  {
    auto server = WartaServer::Start(data, {}, false);
    ASSERT_NE(server, nullptr);
    auto home = server->Get("/");
    ASSERT_TRUE(home.ok());
    EXPECT_EQ(home->status, 200);
    EXPECT_EQ(SearchTotal(*server, "kereta"), 1);
    EXPECT_EQ(SearchTotal(*server, "banjir"), 12);
    EXPECT_EQ(server->Stop(SIGTERM), 0);
    const std::string err = server->StderrText();
    EXPECT_NE(err.find("building it in the background"), std::string::npos)
        << err;
    EXPECT_NE(err.find("index file"), std::string::npos) << err;
  }
  // ... and the next start loads the rebuilt files.
  {
    auto server = WartaServer::Start(data, {}, false);
    ASSERT_NE(server, nullptr);
    EXPECT_EQ(SearchTotal(*server, "banjir"), 12);
    EXPECT_EQ(server->Stop(SIGTERM), 0);
    EXPECT_NE(server->StderrText().find("loaded from"), std::string::npos);
  }
}

}  // namespace
}  // namespace warta::testing
