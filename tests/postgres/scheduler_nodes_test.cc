// The scheduler on two nodes of one PostgreSQL database: each node runs
// one, an article scheduled through the admin API goes live exactly once
// (one publish revision, one scheduler publish among both nodes' /metrics,
// one item in /feed.json), and scheduling goes on when the node that
// published is killed with SIGKILL.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "admin_client.h"
#include "base/time.h"
#include "node_checks.h"
#include "store/postgres/testing/pg_test_db.h"
#include "warta_process.h"

namespace warta::testing {
namespace {

std::string SecondsFromNow(int seconds) {
  return FormatIso8601Utc(
      std::chrono::duration_cast<std::chrono::seconds>(
          std::chrono::system_clock::now().time_since_epoch())
          .count() +
      seconds);
}

// warta_scheduler_publishes_total on `node`'s /metrics (0 when absent).
int SchedulerPublishes(const WartaServer& node) {
  auto r = node.Get("/metrics");
  if (!r.ok()) return -1;
  const std::string name = "\nwarta_scheduler_publishes_total ";
  std::size_t at = r->body.find(name);
  if (at == std::string::npos) return 0;
  return std::atoi(r->body.c_str() + at + name.size());
}

// `node`'s publish count once it has reached `want` (or after 10 s). The
// scheduler counts a publish after its pass has committed it and done the
// pass's other work, so a reader can see the article published first.
int SchedulerPublishesReaching(const WartaServer& node, int want) {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(10);
  int got = SchedulerPublishes(node);
  while (got < want && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    got = SchedulerPublishes(node);
  }
  return got;
}

// Items of `node`'s /feed.json whose url ends in `path`.
int FeedItems(const WartaServer& node, const std::string& path) {
  auto r = node.Get("/feed.json");
  if (!r.ok() || r->status != 200) return -1;
  auto feed = nlohmann::json::parse(r->body, nullptr, false);
  int n = 0;
  for (const auto& item : feed.value("items", nlohmann::json::array())) {
    std::string url = item.value("url", "");
    if (url.size() >= path.size() &&
        url.compare(url.size() - path.size(), path.size(), path) == 0)
      ++n;
  }
  return n;
}

// Polls the article until the API says it is published (up to 10 s).
bool BecomesPublished(AdminClient& admin, std::int64_t id) {
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < until) {
    Reply r = admin.Get("/api/admin/articles/" + std::to_string(id));
    if (r.status == 200 && r.body.value("status", "") == "published")
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

TEST(SchedulerNodesTest, PublishesOnceAndSurvivesTheLossOfANode) {
  const std::string url =
      pg::TestDatabaseUrl("scheduler-" + std::to_string(::getpid()));
  if (url.empty()) return;
  auto nodes = StartTwoNodes(url);
  ASSERT_TRUE(nodes);
  auto& a = nodes->a;
  auto& b = nodes->b;
  AdminClient on_a(*a), on_b(*b);
  ASSERT_EQ(on_a.Login(kAdminEmail, kAdminPassword).status, 200);
  on_b.ShareSessionOf(on_a);

  auto schedule = [&](AdminClient& c, const std::string& title, int seconds) {
    Reply r = c.Post("/api/admin/articles",
                     {{"title", title},
                      {"body", "Isi " + title + "."},
                      {"status", "scheduled"},
                      {"published_at", SecondsFromNow(seconds)}});
    EXPECT_EQ(r.status, 201) << r.text;
    return r;
  };
  Reply first = schedule(on_a, "Terbit terjadwal sekali", 2);
  ASSERT_EQ(first.status, 201);
  const std::int64_t id = first.body["id"].get<std::int64_t>();
  const std::string path = "/berita/" + first.body["slug"].get<std::string>();
  ASSERT_TRUE(BecomesPublished(on_b, id));
  // Both schedulers ran passes meanwhile; one of them published it.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  const int by_a = SchedulerPublishes(*a), by_b = SchedulerPublishes(*b);
  EXPECT_EQ(by_a + by_b, 1) << "a: " << by_a << ", b: " << by_b;
  Reply revisions =
      on_b.Get("/api/admin/articles/" + std::to_string(id) + "/revisions");
  ASSERT_EQ(revisions.status, 200) << revisions.text;
  int publishes = 0;
  for (const auto& rev : revisions.body["revisions"])
    if (rev.value("kind", "") == "publish") ++publishes;
  EXPECT_EQ(publishes, 1) << revisions.text;
  for (const WartaServer* node : {a.get(), b.get()}) {
    EXPECT_TRUE(Shows(*node, "/feed.json", "Terbit terjadwal sekali", 2));
    EXPECT_EQ(FeedItems(*node, path), 1);
  }

  // The node that published dies (SIGKILL); the next scheduled article is
  // published by the other one, once.
  WartaServer& publisher = by_a == 1 ? *a : *b;
  WartaServer& survivor = by_a == 1 ? *b : *a;
  AdminClient& on_survivor = by_a == 1 ? on_b : on_a;
  const int before = SchedulerPublishes(survivor);
  Reply second = schedule(on_survivor, "Terbit setelah simpul mati", 3);
  ASSERT_EQ(second.status, 201);
  publisher.Stop(SIGKILL);
  const std::int64_t id2 = second.body["id"].get<std::int64_t>();
  ASSERT_TRUE(BecomesPublished(on_survivor, id2));
  EXPECT_EQ(SchedulerPublishesReaching(survivor, before + 1), before + 1);
  const std::string path2 = "/berita/" + second.body["slug"].get<std::string>();
  EXPECT_TRUE(Shows(survivor, "/feed.json", "Terbit setelah simpul mati", 2));
  EXPECT_EQ(FeedItems(survivor, path2), 1);
  EXPECT_EQ(FeedItems(survivor, path), 1);
}

}  // namespace
}  // namespace warta::testing
