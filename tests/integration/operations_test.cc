// Operations as an operator sees them: /metrics read by promtool and
// counting requests, /readyz, request ids, JSON logs without secrets, and
// backup / restore / check / reindex on the real binary.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>

#include "admin_client.h"
#include "warta_process.h"

namespace warta::testing {
namespace {

bool InCi() {
  const char* ci = std::getenv("CI");
  return ci && std::string(ci) == "true";
}

bool HavePromtool() {
  return std::system("command -v promtool >/dev/null 2>&1") == 0;
}

// The value of the sample line that starts with `series` + " ", or -1.
double SampleValue(const std::string& text, const std::string& series) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(series + " ", 0) == 0) {
      return std::stod(line.substr(series.size() + 1));
    }
  }
  return -1;
}

// GET /metrics until `series` reads `want` (an exchange is counted once its
// last byte is written, a moment after the client has the response).
Result<http::ClientResponse> MetricsWhen(const WartaServer& server,
                                         const std::string& series,
                                         double want) {
  auto r = server.Get("/metrics");
  for (int i = 0; i < 100 && r.ok() && SampleValue(r->body, series) < want;
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    r = server.Get("/metrics");
  }
  return r;
}

TEST(OperationsTest, MetricsPassPromtoolAndCountersMove) {
  TempDir dir;
  auto server = WartaServer::Start(dir.path() + "/data");
  ASSERT_NE(server, nullptr);
  ASSERT_EQ(server->Get("/")->status, 200);
  ASSERT_EQ(server->Get("/berita/tidak-ada")->status, 404);
  const std::string home =
      "warta_http_requests_total{route=\"/\",code=\"2xx\"}";
  const std::string article =
      "warta_http_requests_total{route=\"/berita/{slug}\",code=\"4xx\"}";
  ASSERT_TRUE(MetricsWhen(*server, home, 1).ok());
  auto first = MetricsWhen(*server, article, 1);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->status, 200);
  EXPECT_EQ(first->Header("content-type"),
            "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(SampleValue(first->body, home), 1) << first->body;
  EXPECT_EQ(SampleValue(first->body, article), 1);
  EXPECT_EQ(first->body.find("tidak-ada"), std::string::npos)
      << "labels are route patterns, never raw paths";
  for (const char* family :
       {"warta_http_request_duration_seconds_bucket",
        "warta_http_response_bytes_total", "warta_http_open_connections",
        "warta_page_cache_hits_total", "warta_page_cache_misses_total",
        "warta_page_cache_entries", "warta_page_cache_invalidations_total",
        "warta_render_duration_seconds", "warta_search_index_documents",
        "warta_store_operation_duration_seconds", "warta_article_views_total",
        "process_cpu_seconds_total", "process_resident_memory_bytes",
        "process_open_fds", "process_start_time_seconds"}) {
    EXPECT_NE(first->body.find(family), std::string::npos) << family;
  }
  ASSERT_EQ(server->Get("/")->status, 200);
  ASSERT_EQ(server->Get("/")->status, 200);
  auto second = MetricsWhen(*server, home, 3);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(SampleValue(second->body, home), 3);
  EXPECT_GE(SampleValue(second->body, "warta_page_cache_hits_total"), 2);

  if (!HavePromtool()) {
    if (InCi()) FAIL() << "promtool is missing (Debian package prometheus)";
    GTEST_SKIP() << "promtool not found (apt-get install prometheus): "
                    "skipping `promtool check metrics`";
  }
  std::string file = dir.Write("metrics.txt", second->body);
  std::string cmd = "promtool check metrics < " + file + " 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;)
    out.append(buf, n);
  int rc = ::pclose(p);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_EQ(out, "") << "promtool lint findings";
}

TEST(OperationsTest, ReadyzReportsChecksAndRequestIdsAreEchoed) {
  TempDir dir;
  auto server = WartaServer::Start(dir.path() + "/data");
  ASSERT_NE(server, nullptr);
  auto ready = server->Get("/readyz");
  ASSERT_TRUE(ready.ok());
  EXPECT_EQ(ready->status, 200);
  auto body = nlohmann::json::parse(ready->body, nullptr, false);
  ASSERT_FALSE(body.is_discarded()) << ready->body;
  EXPECT_EQ(body["status"], "ready");
  EXPECT_EQ(body["checks"]["store"], "ok");
  EXPECT_EQ(body["checks"]["index"], "ok");
  EXPECT_EQ(body["checks"]["migrations"], "ok");
  EXPECT_GT(body["schema_version"].get<int>(), 0);
  EXPECT_EQ(server->Get("/healthz")->status, 200);

  http::ClientRequest req;
  req.url = server->Url("/");
  req.headers.push_back({"X-Request-Id", "abc-123.def"});
  auto echoed = http::Fetch(req);
  ASSERT_TRUE(echoed.ok());
  EXPECT_EQ(echoed->Header("x-request-id"), "abc-123.def");
  req.headers = {{"X-Request-Id", "bad id\" with quotes"}};
  auto replaced = http::Fetch(req);
  ASSERT_TRUE(replaced.ok());
  EXPECT_TRUE(std::regex_match(replaced->Header("x-request-id"),
                               std::regex("[0-9a-f]{16}")))
      << replaced->Header("x-request-id");
}

// The URL paths `warta import` printed (one a line).
std::vector<std::string> Paths(const std::string& out) {
  std::vector<std::string> paths;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("/berita/", 0) == 0) paths.push_back(line);
  }
  return paths;
}

std::string Batch(int k, int n) {
  std::string out;
  for (int j = 0; j < n; ++j) {
    nlohmann::json a = {
        {"id", "uji-" + std::to_string(k) + "-" + std::to_string(j)},
        {"title", "Berita uji cadangan " + std::to_string(k) + " nomor " +
                      std::to_string(j)},
        {"body", "Jakarta (WARTA) - Isi berita uji nomor " + std::to_string(j) +
                     " dari kelompok " + std::to_string(k) +
                     ".\n\nParagraf kedua."},
        {"category", "Nasional"}};
    out += a.dump() + "\n";
  }
  return out;
}

CommandResult ImportImageArticle(const TempDir& dir, const std::string& data) {
  return RunWarta({"import", "--data", data,
                   dir.Write("foto.md",
                             "---\ntitle: Berita bergambar\nfeature_image: "
                             "/media/2025/09/abcdef0123456789-10x10.jpg\n---\n"
                             "Jakarta (WARTA) - Isi.\n\n![Foto](/media/2025/09/"
                             "0123456789abcdef-20x10.png)\n")});
}

void WriteMedia(const std::string& data) {
  std::filesystem::create_directories(data + "/media/2025/09");
  std::ofstream(data + "/media/2025/09/abcdef0123456789-10x10.jpg") << "jpg";
  std::ofstream(data + "/media/2025/09/0123456789abcdef-20x10.png") << "png";
}

TEST(OperationsTest, BackupWhileWritingRestoresEverythingCommitted) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  ASSERT_EQ(ImportImageArticle(dir, data).exit_code, 0);
  WriteMedia(data);
  auto server = WartaServer::Start(data);
  ASSERT_NE(server, nullptr);

  // A writer imports batches into the served newsroom the whole time.
  std::mutex mu;
  std::vector<std::string> committed;  // paths of finished imports
  int batches = 0;
  std::atomic<bool> stop{false};
  std::string writer_error;
  std::thread writer([&] {
    for (int k = 0; !stop.load(); ++k) {
      std::string file =
          dir.Write("batch" + std::to_string(k) + ".jsonl", Batch(k, 10));
      CommandResult r = RunWarta({"import", "--data", data, file});
      std::lock_guard<std::mutex> lock(mu);
      if (r.exit_code != 0) {
        writer_error = r.err;
        return;
      }
      for (std::string& p : Paths(r.out)) committed.push_back(std::move(p));
      ++batches;
    }
  });
  auto wait_batches = [&](int n) {
    for (int i = 0; i < 600; ++i) {
      {
        std::lock_guard<std::mutex> lock(mu);
        if (batches >= n || !writer_error.empty()) return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  };
  wait_batches(2);
  std::vector<std::string> before;
  int batches_before = 0;
  {
    std::lock_guard<std::mutex> lock(mu);
    before = committed;
    batches_before = batches;
  }
  const std::string backup = dir.path() + "/cadangan.tar.gz";
  CommandResult b = RunWarta({"backup", "--data", data, "--to", backup});
  int batches_after_backup;
  {
    std::lock_guard<std::mutex> lock(mu);
    batches_after_backup = batches;
  }
  wait_batches(batches_after_backup + 1);  // the writer kept going
  stop = true;
  writer.join();
  ASSERT_EQ(writer_error, "");
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_NE(b.out.find("backup " + backup), std::string::npos) << b.out;
  ASSERT_GE(before.size(), 20u);
  EXPECT_GT(batches, batches_before) << "the writer ran during the backup";
  EXPECT_EQ(server->Get("/readyz")->status, 200);

  const std::string restored = dir.path() + "/data2";
  CommandResult r = RunWarta({"restore", "--data", restored, "--from", backup});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  CommandResult c = RunWarta({"check", "--data", restored});
  EXPECT_EQ(c.exit_code, 0) << c.out << c.err;
  EXPECT_NE(c.out.find("is sound"), std::string::npos) << c.out;
  EXPECT_NE(c.out.find("media: 2 file(s) referenced, 0 missing"),
            std::string::npos)
      << c.out;

  auto second = WartaServer::Start(restored);
  ASSERT_NE(second, nullptr);
  for (const std::string& path : before) {
    auto page = second->Get(path);
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->status, 200) << path << " was committed before the backup";
  }
  EXPECT_EQ(second->Get("/media/2025/09/abcdef0123456789-10x10.jpg")->body,
            "jpg");
}

TEST(OperationsTest, RestoreRefusesANonEmptyTargetUnlessForced) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  ASSERT_EQ(ImportImageArticle(dir, data).exit_code, 0);
  WriteMedia(data);
  const std::string backup = dir.path() + "/b.tar.gz";
  ASSERT_EQ(RunWarta({"backup", "--data", data, "--to", backup}).exit_code, 0);
  const std::string target = dir.path() + "/occupied";
  std::filesystem::create_directories(target);
  dir.Write("occupied/keep.txt", "mine");
  CommandResult refused =
      RunWarta({"restore", "--data", target, "--from", backup});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("not empty"), std::string::npos) << refused.err;
  EXPECT_FALSE(std::filesystem::exists(target + "/warta.db"));
  CommandResult forced =
      RunWarta({"restore", "--data", target, "--from", backup, "--force"});
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_TRUE(std::filesystem::exists(target + "/warta.db"));
  EXPECT_EQ(RunWarta({"check", "--data", target}).exit_code, 0);
  // What was there is moved aside, not deleted.
  bool kept = false;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    if (e.path().filename().string().rfind("occupied.replaced-", 0) == 0) {
      kept = std::filesystem::exists(e.path() / "keep.txt");
    }
  }
  EXPECT_TRUE(kept);
  // A damaged backup is refused and leaves the target alone.
  std::string bytes;
  {
    std::ifstream in(backup, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  bytes.resize(bytes.size() / 2);
  const std::string cut = dir.Write("cut.tar.gz", bytes);
  CommandResult damaged =
      RunWarta({"restore", "--data", dir.path() + "/fresh", "--from", cut});
  EXPECT_NE(damaged.exit_code, 0);
  EXPECT_NE(damaged.err.find("damaged or truncated"), std::string::npos)
      << damaged.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/fresh/warta.db"));
}

TEST(OperationsTest, CheckFailsOnAMissingMediaFile) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  ASSERT_EQ(ImportImageArticle(dir, data).exit_code, 0);
  WriteMedia(data);
  ASSERT_EQ(RunWarta({"check", "--data", data}).exit_code, 0);
  std::filesystem::remove(data + "/media/2025/09/0123456789abcdef-20x10.png");
  CommandResult c = RunWarta({"check", "--data", data});
  EXPECT_EQ(c.exit_code, 1);
  EXPECT_NE(
      c.out.find("PROBLEM media: /media/2025/09/0123456789abcdef-20x10.png "
                 "is used by an article but"),
      std::string::npos)
      << c.out;
  EXPECT_NE(c.out.find("1 problem found"), std::string::npos) << c.out;
}

TEST(OperationsTest, CheckFailsOnADamagedDatabase) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  ASSERT_EQ(
      RunWarta({"import", "--data", data, dir.Write("a.jsonl", Batch(0, 200))})
          .exit_code,
      0);
  ASSERT_EQ(RunWarta({"check", "--data", data}).exit_code, 0);
  const std::string db = data + "/warta.db";
  auto size = std::filesystem::file_size(db);
  ASSERT_GT(size, 64u * 1024);
  {
    std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(size / 2));
    std::string junk(32 * 1024, '\x5a');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  CommandResult c = RunWarta({"check", "--data", data});
  EXPECT_EQ(c.exit_code, 1) << c.out << c.err;
  EXPECT_NE(c.out.find("PROBLEM store: "), std::string::npos) << c.out;
  EXPECT_NE(c.out.find("problem"), std::string::npos);
}

TEST(OperationsTest, ReindexRebuildsTheSearchIndex) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  ASSERT_EQ(
      RunWarta({"import", "--data", data, dir.Write("a.jsonl", Batch(1, 30))})
          .exit_code,
      0);
  CommandResult r = RunWarta({"reindex", "--data", data});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("search index: 30 articles indexed"), std::string::npos)
      << r.out;
  EXPECT_NE(r.err.find("search index"), std::string::npos) << "progress bar";
  CommandResult c = RunWarta({"check", "--data", data});
  EXPECT_EQ(c.exit_code, 0) << c.out;
  EXPECT_NE(c.out.find("index: 30 articles, as in the store"),
            std::string::npos)
      << c.out;
}

TEST(OperationsTest, JsonLogsParseAndNeverHoldSecrets) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  const std::string password = "Sandi-RAHASIA-7731-kuat";
  const std::string metrics_token = "metrik-RAHASIA-9921";
  dir.Write("data/warta.conf", "server.log_format = json\nmetrics.token = " +
                                   metrics_token + "\n");
  AddUser(data, "redaksi@warta.test", "Redaksi", "admin", password);
  auto server = WartaServer::Start(data);
  ASSERT_NE(server, nullptr);
  std::vector<std::string> secrets = {password, metrics_token,
                                      "kueri-RAHASIA-1", "kueri-RAHASIA-2"};
  {
    AdminClient wrong(*server);
    EXPECT_EQ(wrong.Login("redaksi@warta.test", "Salah-RAHASIA-0000").status,
              401);
    secrets.push_back("Salah-RAHASIA-0000");
    AdminClient admin(*server);
    Reply login = admin.Login("redaksi@warta.test", password);
    ASSERT_EQ(login.status, 200) << login.text;
    std::string cookie = login.raw.Header("set-cookie");
    std::string session = cookie.substr(cookie.find('=') + 1);
    session = session.substr(0, session.find(';'));
    ASSERT_GE(session.size(), 16u);
    secrets.push_back(session);
    secrets.push_back(admin.csrf());
    Reply made = admin.Post(
        "/api/admin/tokens",
        json{{"name", "Log"}, {"scopes", json::array({"articles:read"})}});
    ASSERT_EQ(made.status, 201) << made.text;
    std::string token = made.body["token"];
    secrets.push_back(token);
    AdminClient bot(*server);
    bot.UseToken(token);
    EXPECT_EQ(bot.Get("/api/admin/articles?token=" + token).status, 200);
  }
  ASSERT_EQ(server
                ->Get("/cari?q=berita&token=kueri-RAHASIA-1&password="
                      "kueri-RAHASIA-2")
                ->status,
            200);
  http::ClientRequest req;
  req.url = server->Url("/metrics");
  req.headers = {{"Authorization", "Bearer " + metrics_token},
                 {"X-Request-Id", "uji-log-42"}};
  ASSERT_EQ(http::Fetch(req)->status, 200);
  ASSERT_EQ(server->Stop(SIGTERM), 0);

  std::string log = server->StderrText();
  std::istringstream in(log);
  int lines = 0, requests = 0;
  bool saw_request_id = false, saw_redacted = false;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    ++lines;
    auto j = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << "not JSON: " << line;
    ASSERT_TRUE(j.is_object()) << line;
    EXPECT_TRUE(j["time"].is_string()) << line;
    EXPECT_TRUE(j["level"].is_string()) << line;
    EXPECT_TRUE(j["message"].is_string()) << line;
    if (j["message"] == "request") {
      ++requests;
      EXPECT_TRUE(j["status"].is_number_integer()) << line;
      EXPECT_TRUE(j["duration_ms"].is_number()) << line;
      EXPECT_TRUE(j["route"].is_string()) << line;
      EXPECT_FALSE(j["request_id"].get<std::string>().empty()) << line;
      saw_request_id = saw_request_id || j["request_id"] == "uji-log-42";
      std::string target = j["target"];
      saw_redacted =
          saw_redacted || target.find("token=REDACTED") != std::string::npos;
    }
  }
  EXPECT_GE(requests, 6);
  EXPECT_GT(lines, requests);  // start-up lines are JSON too
  EXPECT_TRUE(saw_request_id);
  EXPECT_TRUE(saw_redacted) << log;
  for (const std::string& secret : secrets) {
    ASSERT_FALSE(secret.empty());
    EXPECT_EQ(log.find(secret), std::string::npos)
        << "a secret reached the log: " << secret;
  }
}

}  // namespace
}  // namespace warta::testing
