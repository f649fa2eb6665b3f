// Conditional fetches of agency feeds: `warta ingest` with an http SOURCE
// sends back the ETag / Last-Modified of the last good fetch as
// If-None-Match / If-Modified-Since, and a 304 answer is "no change" (a
// success recorded in the feed status, nothing ingested). The agency is an
// in-test HTTP server (warta's own, with its conditional GET) that records
// what each request sent.
#include <gtest/gtest.h>

#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "admin_client.h"
#include "http/test_server.h"
#include "warta_process.h"

namespace warta::testing {
namespace {

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(WARTA_SOURCE_DIR) + "/tests/data/feeds/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// An agency feed whose body and ETag the test changes.
class Agency {
 public:
  Agency() {
    router_.Get("/wire.xml", [this](const http::Request& req) {
      std::lock_guard<std::mutex> lock(mu_);
      sent_.push_back({std::string(req.Header("if-none-match")),
                       std::string(req.Header("if-modified-since"))});
      http::Response r = http::Response::Text(200, body_);
      r.SetHeader("Content-Type", "application/rss+xml; charset=utf-8");
      r.SetHeader("ETag", etag_);
      r.SetHeader("Last-Modified", last_modified_);
      return r;
    });
    http::ServerOptions options;
    options.access_log = false;
    server_ = std::make_unique<http::testing::TestServer>(router_, options);
  }

  void Publish(std::string body, std::string etag, std::string last_modified) {
    std::lock_guard<std::mutex> lock(mu_);
    body_ = std::move(body);
    etag_ = std::move(etag);
    last_modified_ = std::move(last_modified);
  }
  // (If-None-Match, If-Modified-Since) of each request so far.
  std::vector<std::pair<std::string, std::string>> sent() {
    std::lock_guard<std::mutex> lock(mu_);
    return sent_;
  }
  std::string url() const { return server_->Url("/wire.xml"); }

 private:
  http::Router router_;
  std::mutex mu_;
  std::string body_, etag_, last_modified_;
  std::vector<std::pair<std::string, std::string>> sent_;
  std::unique_ptr<http::testing::TestServer> server_;
};

TEST(WireConditionalFetchTest, SendsValidatorsAndTreatsNotModifiedAsNoChange) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  const std::string v1_date = "Thu, 26 Nov 2026 08:00:00 GMT";
  Agency agency;
  const std::string feed = ReadFixture("wire-rss2.xml");
  ASSERT_FALSE(feed.empty());
  agency.Publish(feed, "\"v1\"", v1_date);

  // First fetch: no validators to send; both items become drafts.
  CommandResult r =
      RunWarta({"ingest", "--data", data, "--feed", "Agensi", agency.url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("2 items, 2 created"), std::string::npos) << r.err;
  ASSERT_EQ(agency.sent().size(), 1u);
  EXPECT_EQ(agency.sent()[0].first, "");
  EXPECT_EQ(agency.sent()[0].second, "");

  // Second fetch: the validators of the first come back; the agency says
  // 304 and nothing happens.
  r = RunWarta({"ingest", "--data", data, "--feed", "Agensi", agency.url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("not modified since the last fetch (HTTP 304)"),
            std::string::npos)
      << r.err;
  ASSERT_EQ(agency.sent().size(), 2u);
  EXPECT_EQ(agency.sent()[1].first, "\"v1\"");
  EXPECT_EQ(agency.sent()[1].second, v1_date);

  // The feed status says so, with no error; the counts of the last
  // download stay.
  AddUser(data, "editor@kabarin.id", "Editor", "editor", "rahasia-panjang-1");
  {
    auto server = WartaServer::Start(data);
    ASSERT_NE(server, nullptr);
    AdminClient editor(*server);
    ASSERT_EQ(editor.Login("editor@kabarin.id", "rahasia-panjang-1").status,
              200);
    Reply status = editor.Get("/api/admin/feeds");
    ASSERT_EQ(status.status, 200) << status.text;
    ASSERT_EQ(status.body["feeds"].size(), 1u) << status.text;
    const json& f = status.body["feeds"][0];
    EXPECT_EQ(f["name"], "Agensi");
    EXPECT_EQ(f["ok"], true);
    EXPECT_EQ(f["last_error"], "");
    EXPECT_EQ(f["fetches"], 2);
    EXPECT_EQ(f["failures"], 0);
    EXPECT_EQ(f["not_modified"], 1);
    EXPECT_EQ(f["last_not_modified"], true);
    EXPECT_EQ(f["last_items"], 2);
    EXPECT_EQ(f["last_created"], 0);
    EXPECT_EQ(f["items_known"], 2);
    Reply articles = editor.Get("/api/admin/articles");
    ASSERT_EQ(articles.status, 200);
    EXPECT_EQ(articles.body["articles"].size(), 2u) << articles.text;
  }

  // A changed feed (new ETag): the old validators are sent, the agency
  // answers 200 and the changed item is updated.
  std::string changed = feed;
  changed.replace(changed.find("lolos ke semifinal"), 18,
                  "melaju ke semifinal");
  agency.Publish(changed, "\"v2\"", "Thu, 26 Nov 2026 09:00:00 GMT");
  r = RunWarta({"ingest", "--data", data, "--feed", "Agensi", agency.url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("1 updated"), std::string::npos) << r.err;
  ASSERT_EQ(agency.sent().size(), 3u);
  EXPECT_EQ(agency.sent()[2].first, "\"v1\"");

  // And the next fetch sends the new validators.
  r = RunWarta({"ingest", "--data", data, "--feed", "Agensi", agency.url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  ASSERT_EQ(agency.sent().size(), 4u);
  EXPECT_EQ(agency.sent()[3].first, "\"v2\"");
  EXPECT_EQ(agency.sent()[3].second, "Thu, 26 Nov 2026 09:00:00 GMT");
}

// The same through `warta serve`'s poller (DATA/feeds.json): each server
// polls at start, and the validators of one server's fetch reach the next
// one's through the store.
TEST(WireConditionalFetchTest, ThePollerOfServeSendsValidatorsToo) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  const std::string v1_date = "Thu, 26 Nov 2026 08:00:00 GMT";
  Agency agency;
  agency.Publish(ReadFixture("wire-rss2.xml"), "\"p1\"", v1_date);
  AddUser(data, "editor@kabarin.id", "Editor", "editor", "rahasia-panjang-1");
  dir.Write("data/feeds.json",
            "{\"feeds\": [{\"name\": \"Agensi\", \"url\": \"" + agency.url() +
                "\", \"interval_minutes\": 60}]}");
  // Polls /api/admin/feeds until the feed has `fetches` fetches; its status.
  auto status_after = [&](WartaServer& server, int fetches) {
    AdminClient editor(server);
    EXPECT_EQ(editor.Login("editor@kabarin.id", "rahasia-panjang-1").status,
              200);
    json feed;
    for (int i = 0; i < 100; ++i) {
      Reply r = editor.Get("/api/admin/feeds");
      if (r.status == 200 && r.body["feeds"].size() == 1 &&
          r.body["feeds"][0].value("fetches", 0) >= fetches) {
        feed = r.body["feeds"][0];
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return feed;
  };
  {
    auto server = WartaServer::Start(data);
    ASSERT_NE(server, nullptr);
    json f = status_after(*server, 1);
    ASSERT_FALSE(f.is_null()) << "the poller fetched at start";
    EXPECT_EQ(f["last_created"], 2);
    EXPECT_EQ(f["not_modified"], 0);
  }
  ASSERT_EQ(agency.sent().size(), 1u);
  EXPECT_EQ(agency.sent()[0].first, "");
  {
    auto server = WartaServer::Start(data);
    ASSERT_NE(server, nullptr);
    json f = status_after(*server, 2);
    ASSERT_FALSE(f.is_null()) << "the second server polled at start";
    EXPECT_EQ(f["ok"], true);
    EXPECT_EQ(f["not_modified"], 1);
    EXPECT_EQ(f["last_not_modified"], true);
    EXPECT_EQ(f["items_known"], 2);
    AdminClient editor(*server);
    ASSERT_EQ(editor.Login("editor@kabarin.id", "rahasia-panjang-1").status,
              200);
    EXPECT_EQ(editor.Get("/api/admin/articles").body["articles"].size(), 2u);
  }
  ASSERT_EQ(agency.sent().size(), 2u);
  EXPECT_EQ(agency.sent()[1].first, "\"p1\"");
  EXPECT_EQ(agency.sent()[1].second, v1_date);
}

}  // namespace
}  // namespace warta::testing
