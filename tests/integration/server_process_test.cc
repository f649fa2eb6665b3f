// The process as an operator sees it: access log, limits, graceful shutdown,
// imports while serving, and durability across kill -9.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <thread>

#include "html_helpers.h"
#include "warta_process.h"

namespace warta::testing {
namespace {

std::string Text(const std::string& title) {
  return title + "\n\nJakarta (WARTA) - Isi berita " + title + ".\n";
}

// The binary is linked with the allocator CMake chose (cmake/deps.cmake): a
// link order that let glibc's malloc win would report "system" here.
TEST(ServerProcessTest, ReportsTheAllocatorItWasLinkedWith) {
  CommandResult r = RunWarta({"--version"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("(allocator: " WARTA_EXPECTED_ALLOCATOR ")"),
            std::string::npos)
      << r.out;
}

TEST(ServerProcessTest, LogsEachRequestAndStopsGracefullyOnSigterm) {
  TempDir dir;
  auto server = WartaServer::Start(dir.path() + "/data");
  ASSERT_NE(server, nullptr);
  ASSERT_EQ(server->Get("/")->status, 200);
  ASSERT_EQ(server->Get("/tidak-ada")->status, 404);
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(server->Stop(SIGTERM), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(8));
  std::string log = server->StderrText();
  EXPECT_NE(log.find("\"GET / HTTP/1.1\" 200"), std::string::npos) << log;
  EXPECT_NE(log.find("\"GET /tidak-ada HTTP/1.1\" 404"), std::string::npos)
      << log;
}

TEST(ServerProcessTest, RejectsOversizedHeadersAndBodies) {
  TempDir dir;
  auto server = WartaServer::Start(dir.path() + "/data");
  ASSERT_NE(server, nullptr);
  http::ClientRequest req;
  req.url = server->Url("/");
  for (int i = 0; i < 8; ++i)
    req.headers.push_back(
        {"X-Big-" + std::to_string(i), std::string(4000, 'a')});
  auto big = http::Fetch(req);
  // Either a 431 answer or a closed connection; never a 200.
  if (big.ok()) {
    EXPECT_EQ(big->status, 431);
  }
  req.headers.clear();
  req.method = http::Method::kPost;
  req.body = std::string(2 * 1024 * 1024, 'x');
  auto body = http::Fetch(req);
  if (body.ok()) {
    EXPECT_EQ(body->status, 413);
  }
  EXPECT_EQ(server->Get("/")->status, 200) << "still serving";
}

TEST(ServerProcessTest, ImportWhileServingShowsUpAndSurvivesKill9) {
  TempDir dir;
  std::string data = dir.path() + "/data";
  auto server = WartaServer::Start(data);
  ASSERT_NE(server, nullptr);
  ASSERT_EQ(server->Get("/")->body.find("Kabar sebelum mati"),
            std::string::npos);
  CommandResult r = RunWarta({"import", "--data", data,
                              dir.Write("a.txt", Text("Kabar sebelum mati"))});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The running server notices the other process's write within a second or
  // two.
  bool seen = false;
  for (int i = 0; i < 40 && !seen; ++i) {
    seen =
        server->Get("/")->body.find("Kabar sebelum mati") != std::string::npos;
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(seen);
  EXPECT_EQ(server->Stop(SIGKILL), 128 + SIGKILL);
  auto again = WartaServer::Start(data);
  ASSERT_NE(again, nullptr);
  auto page = again->Get("/berita/kabar-sebelum-mati");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->status, 200);
}

TEST(ServerProcessTest, FailsClearlyWhenThePortIsTaken) {
  TempDir dir;
  auto first = WartaServer::Start(dir.path() + "/a");
  ASSERT_NE(first, nullptr);
  CommandResult r = RunWarta({"serve", "--data", dir.path() + "/b", "--port",
                              std::to_string(first->port())});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find(std::to_string(first->port())), std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace warta::testing
