// Issue 12 (an edited home page) against the real binary: an editor pins a
// lead with an expiry and top stories through /api/admin/home, marks a
// story featured through PUT /api/admin/articles/{id}; the home page shows
// the pinned lead first, the top stories next, the rest newest-first without
// repeats, and drops an expired lead without any write.
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <thread>

#include "admin_client.h"

namespace warta::testing {
namespace {

constexpr const char* kPassword = "kata-sandi-uji-1";

class HomePageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = dir_.path() + "/data";
    AddUser(data_, "editor@kabarin.id", "Editor Redaksi", "editor", kPassword);
    AddUser(data_, "penulis@kabarin.id", "Penulis", "penulis", kPassword);
    server_ = WartaServer::Start(data_);
    ASSERT_NE(server_, nullptr);
    editor_ = std::make_unique<AdminClient>(*server_);
    ASSERT_EQ(editor_->Login("editor@kabarin.id", kPassword).status, 200);
  }
  json Publish(const std::string& title, std::time_t at) {
    Reply r =
        editor_->Post("/api/admin/articles", {{"title", title},
                                              {"body", "Isi berita hari ini."},
                                              {"category", "Metropolitan"},
                                              {"status", "published"},
                                              {"published_at", at}});
    EXPECT_EQ(r.status, 201) << r.text;
    return r.body;
  }
  // The home page once it shows `text` (pins reach cached pages through
  // the store's change feed, within a second), and how long that took.
  std::string HomeWith(const std::string& text, double* took = nullptr) {
    auto start = std::chrono::steady_clock::now();
    std::string home;
    do {
      home = Home();
      if (home.find(text) != std::string::npos) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    } while (std::chrono::steady_clock::now() - start <
             std::chrono::seconds(3));
    if (took)
      *took = std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                            start)
                  .count();
    return home;
  }
  std::string Home() {
    auto r = server_->Get("/");
    EXPECT_TRUE(r.ok() && r->status == 200);
    return r.ok() ? r->body : "";
  }
  // Where `title` first shows on `page` (npos when absent), and whether it
  // shows only once.
  static size_t At(const std::string& page, const std::string& title) {
    size_t first = page.find(title);
    if (first != std::string::npos) {
      EXPECT_EQ(page.find(title, first + 1), std::string::npos)
          << title << " shows twice";
    }
    return first;
  }

  TempDir dir_;
  std::string data_;
  std::unique_ptr<WartaServer> server_;
  std::unique_ptr<AdminClient> editor_;
};

TEST_F(HomePageTest, PinnedLeadTopStoriesThenNewest) {
  const std::time_t now = std::time(nullptr);
  std::vector<json> a;
  for (int i = 0; i < 6; ++i)
    a.push_back(Publish("Kabar nomor " + std::to_string(i) + " pagi ini",
                        now - 3600 + i * 60));
  auto id = [&](int i) { return a[i]["id"].get<std::int64_t>(); };
  auto title = [&](int i) { return a[i]["title"].get<std::string>(); };
  // Newest leads before any pin.
  std::string home = Home();
  size_t lead = home.find("class=\"lead-story\"");
  ASSERT_NE(lead, std::string::npos);
  EXPECT_LT(lead, home.find(title(5)));
  EXPECT_GT(home.find(title(4)), home.find(title(5)));

  Reply set = editor_->Put(
      "/api/admin/home",
      {{"lead", {{"id", id(1)}, {"until", now + 3}}}, {"top", {id(3), id(0)}}});
  ASSERT_EQ(set.status, 200) << set.text;
  EXPECT_EQ(set.body["lead"]["id"], id(1));
  EXPECT_EQ(set.body["lead"]["live"], true);
  EXPECT_FALSE(set.body["lead"]["until"].is_null());
  ASSERT_EQ(set.body["top"].size(), 2u);
  EXPECT_EQ(set.body["top"][0]["id"], id(3));
  EXPECT_EQ(set.body["top"][1]["title"], title(0));
  EXPECT_EQ(editor_->Get("/api/admin/home").body, set.body);

  double took = 0;
  home = HomeWith("Berita Utama", &took);
  EXPECT_LT(took, 1.0);
  lead = home.find("class=\"lead-story\"");
  EXPECT_LT(lead, At(home, title(1)));
  EXPECT_LT(At(home, title(1)), At(home, title(3)));
  EXPECT_LT(At(home, title(3)), At(home, title(0)));
  EXPECT_LT(At(home, title(0)), At(home, title(5)));
  EXPECT_LT(At(home, title(5)), At(home, title(4)));
  EXPECT_LT(At(home, title(4)), At(home, title(2)));

  // The lead expires with no write: within a moment of its time the page
  // (cached until then) leads with the newest story again.
  std::this_thread::sleep_for(std::chrono::milliseconds(3100));
  auto start = std::chrono::steady_clock::now();
  do {
    home = Home();
    if (home.find(title(1)) > home.find(title(5))) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  } while (std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
  EXPECT_LT(home.find("class=\"lead-story\""), At(home, title(5)));
  EXPECT_LT(At(home, title(5)), At(home, title(3)));  // top stories stay
  EXPECT_LT(At(home, title(3)), At(home, title(0)));
  EXPECT_LT(At(home, title(0)), At(home, title(4)));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_EQ(editor_->Get("/api/admin/home").body["lead"]["live"], false);

  // Featured stories among the newest fill the top row after the pins.
  Reply feat = editor_->Put("/api/admin/articles/" + std::to_string(id(2)),
                            {{"version", a[2]["version"]}, {"featured", true}});
  ASSERT_EQ(feat.status, 200) << feat.text;
  EXPECT_EQ(feat.body["featured"], true);
  home = HomeWith("top-stories\">");
  for (int i = 0; i < 30 && At(home, title(2)) > At(home, title(4)); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    home = Home();
  }
  EXPECT_LT(At(home, title(0)), At(home, title(2)));
  EXPECT_LT(At(home, title(2)), At(home, title(4)));

  // The flag alone needs no version.
  Reply unfeat = editor_->Put("/api/admin/articles/" + std::to_string(id(2)),
                              {{"featured", false}});
  ASSERT_EQ(unfeat.status, 200) << unfeat.text;
  EXPECT_EQ(unfeat.body["featured"], false);
  EXPECT_EQ(editor_
                ->Put("/api/admin/articles/" + std::to_string(id(2)),
                      {{"featured", true}, {"title", "Judul baru"}})
                .status,
            400)
      << "a text edit still needs the version";

  // Unpinning everything restores newest-first.
  ASSERT_EQ(editor_->Delete("/api/admin/home").status, 200);
  EXPECT_TRUE(editor_->Get("/api/admin/home").body["lead"].is_null());
}

TEST_F(HomePageTest, PinsAreValidatedAndForEditorsOnly) {
  const std::time_t now = std::time(nullptr);
  json pub = Publish("Berita yang tayang", now - 60);
  std::int64_t id = pub["id"];
  Reply draft = editor_->Post("/api/admin/articles",
                              {{"title", "Masih draf"}, {"body", "Isi."}});
  ASSERT_EQ(draft.status, 201);
  std::int64_t draft_id = draft.body["id"];

  struct Case {
    const char* name;
    json body;
  } bad[] = {
      {"draft", {{"lead", draft_id}}},
      {"missing", {{"top", {id + 1000}}}},
      {"not an id", {{"top", {"satu"}}}},
      {"twice", {{"lead", id}, {"top", {id}}}},
      {"past expiry", {{"lead", {{"id", id}, {"until", now - 10}}}}},
      {"too many", {{"top", {id, id, id, id, id}}}},
      {"top not a list", {{"top", id}}},
  };
  for (const Case& c : bad) {
    Reply r = editor_->Put("/api/admin/home", c.body);
    EXPECT_EQ(r.status, 400) << c.name << ": " << r.text;
  }
  EXPECT_EQ(editor_->Put("/api/admin/home", {{"lead", id}}).status, 200);

  // A penulis may neither read nor set the pins, nor feature a story.
  AdminClient writer(*server_);
  ASSERT_EQ(writer.Login("penulis@kabarin.id", kPassword).status, 200);
  EXPECT_EQ(writer.Get("/api/admin/home").status, 403);
  EXPECT_EQ(writer.Put("/api/admin/home", {{"lead", id}}).status, 403);
  Reply own = writer.Post("/api/admin/articles",
                          {{"title", "Tulisan sendiri"}, {"body", "Isi."}});
  ASSERT_EQ(own.status, 201);
  EXPECT_EQ(writer
                .Put("/api/admin/articles/" +
                         std::to_string(own.body["id"].get<int>()),
                     {{"version", own.body["version"]}, {"featured", true}})
                .status,
            403);
  // CSRF like every other admin write.
  editor_->DropCsrf();
  EXPECT_EQ(editor_->Put("/api/admin/home", {{"lead", id}}).status, 403);
}

}  // namespace
}  // namespace warta::testing
