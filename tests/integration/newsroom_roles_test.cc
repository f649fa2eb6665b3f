// Roles are enforced on the server for every action: this walks the whole
// role x action matrix of the admin API (policy in src/admin/policy.cc)
// against the real binary, each cell on fresh articles.
#include <gtest/gtest.h>

#include <functional>

#include "admin_client.h"
#include "test_png.h"

namespace warta::testing {
namespace {

constexpr const char* kPassword = "kata-sandi-uji-1";
const char* kRoles[] = {"kontributor", "penulis", "editor", "admin"};

std::string Png1x1() { return TestPng(1, 1); }

class RoleMatrixTest : public ::testing::Test {
 public:
  void SetUp() override {
    data_ = dir_.path() + "/data";
    for (const char* role : kRoles) {
      AddUser(data_, std::string(role) + "@kabarin.id",
              std::string("Pengguna ") + role, role, kPassword);
    }
    AddUser(data_, "pemilik@kabarin.id", "Pemilik Lain", "editor", kPassword);
    server_ = WartaServer::Start(data_);
    ASSERT_NE(server_, nullptr);
    owner_ = std::make_unique<AdminClient>(*server_);
    ASSERT_EQ(owner_->Login("pemilik@kabarin.id", kPassword).status, 200);
  }

  // A fresh article made by "Pemilik Lain" with `byline` as its author (the
  // acting user owns it then), in `status`; submitted for review if asked.
  std::int64_t Fixture(const std::string& byline, const std::string& status,
                       bool submitted = false) {
    static int n = 0;
    json body = {{"title", "Berita uji " + std::to_string(++n)},
                 {"body", "Isi."},
                 {"status", status},
                 {"category", "Uji"}};
    if (!byline.empty()) body["authors"] = json::array({byline});
    Reply r = owner_->Post("/api/admin/articles", body);
    EXPECT_EQ(r.status, 201) << r.text;
    std::int64_t id = r.body.value("id", std::int64_t{0});
    if (submitted) {
      EXPECT_EQ(
          owner_->Post("/api/admin/articles/" + std::to_string(id) + "/submit")
              .status,
          200);
    }
    return id;
  }

  TempDir dir_;
  std::string data_;
  std::unique_ptr<WartaServer> server_;
  std::unique_ptr<AdminClient> owner_;
};

struct Cell {
  const char* action;
  // Runs the action as `as` (whose byline name is `me`); returns the status.
  std::function<int(RoleMatrixTest&, AdminClient& as, const std::string& me)>
      run;
  int expected[4];  // kontributor, penulis, editor, admin
};

TEST_F(RoleMatrixTest, EveryRoleGetsExactlyItsRights) {
  auto path = [](std::int64_t id, const std::string& rest = "") {
    return "/api/admin/articles/" + std::to_string(id) + rest;
  };
  auto version_of = [&](std::int64_t id) {
    return owner_->Get(path(id)).body.value("version", std::int64_t{0});
  };
  std::vector<Cell> cells = {
      {"create a draft",
       [](auto&, AdminClient& c, auto&) {
         return c.Post("/api/admin/articles", {{"title", "Draf baru"}}).status;
       },
       {201, 201, 201, 201}},
      {"create a published article",
       [](auto&, AdminClient& c, auto&) {
         return c
             .Post("/api/admin/articles",
                   {{"title", "Langsung terbit"}, {"status", "published"}})
             .status;
       },
       {403, 201, 201, 201}},
      {"create with an unknown category",
       [](auto&, AdminClient& c, auto& me) {
         return c
             .Post("/api/admin/articles",
                   {{"title", "Rubrik baru"}, {"category", "Rubrik " + me}})
             .status;
       },
       {403, 403, 201, 201}},
      {"read own draft",
       [&](RoleMatrixTest& t, AdminClient& c, auto& me) {
         return c.Get(path(t.Fixture(me, "draft"))).status;
       },
       {200, 200, 200, 200}},
      {"read another's draft",
       [&](RoleMatrixTest& t, AdminClient& c, auto&) {
         return c.Get(path(t.Fixture("", "draft"))).status;
       },
       {403, 403, 200, 200}},
      {"edit own draft",
       [&](RoleMatrixTest& t, AdminClient& c, auto& me) {
         auto id = t.Fixture(me, "draft");
         return c.Put(path(id), {{"version", version_of(id)}, {"body", "Ubah"}})
             .status;
       },
       {200, 200, 200, 200}},
      {"edit another's draft",
       [&](RoleMatrixTest& t, AdminClient& c, auto&) {
         auto id = t.Fixture("", "draft");
         return c.Put(path(id), {{"version", version_of(id)}, {"body", "Ubah"}})
             .status;
       },
       {403, 403, 200, 200}},
      {"edit own published article",
       [&](RoleMatrixTest& t, AdminClient& c, auto& me) {
         auto id = t.Fixture(me, "published");
         return c.Put(path(id), {{"version", version_of(id)}, {"body", "Ubah"}})
             .status;
       },
       {403, 200, 200, 200}},
      {"publish own draft",
       [&](RoleMatrixTest& t, AdminClient& c, auto& me) {
         return c.Post(path(t.Fixture(me, "draft"), "/publish")).status;
       },
       {403, 200, 200, 200}},
      {"publish another's draft",
       [&](RoleMatrixTest& t, AdminClient& c, auto&) {
         return c.Post(path(t.Fixture("", "draft"), "/publish")).status;
       },
       {403, 403, 200, 200}},
      {"schedule own draft",
       [&](RoleMatrixTest& t, AdminClient& c, auto& me) {
         auto id = t.Fixture(me, "draft");
         return c
             .Put(path(id), {{"version", version_of(id)},
                             {"status", "scheduled"},
                             {"published_at", "2099-01-01T10:00:00+07:00"}})
             .status;
       },
       {403, 200, 200, 200}},
      {"unpublish own published article",
       [&](RoleMatrixTest& t, AdminClient& c, auto& me) {
         return c.Post(path(t.Fixture(me, "published"), "/unpublish")).status;
       },
       {403, 200, 200, 200}},
      {"submit own draft for review",
       [&](RoleMatrixTest& t, AdminClient& c, auto& me) {
         return c.Post(path(t.Fixture(me, "draft"), "/submit")).status;
       },
       {200, 200, 200, 200}},
      {"return a submitted draft",
       [&](RoleMatrixTest& t, AdminClient& c, auto&) {
         return c
             .Post(path(t.Fixture("", "draft", true), "/return"),
                   {{"note", "Tambahkan sumber."}})
             .status;
       },
       {403, 403, 200, 200}},
      {"trash own draft",
       [&](RoleMatrixTest& t, AdminClient& c, auto& me) {
         return c.Delete(path(t.Fixture(me, "draft"))).status;
       },
       {200, 200, 200, 200}},
      {"trash another's draft",
       [&](RoleMatrixTest& t, AdminClient& c, auto&) {
         return c.Delete(path(t.Fixture("", "draft"))).status;
       },
       {403, 403, 200, 200}},
      {"trash own published article",
       [&](RoleMatrixTest& t, AdminClient& c, auto& me) {
         return c.Delete(path(t.Fixture(me, "published"))).status;
       },
       {403, 200, 200, 200}},
      {"restore another's trashed article",
       [&](RoleMatrixTest& t, AdminClient& c, auto&) {
         auto id = t.Fixture("", "draft");
         EXPECT_EQ(t.owner_->Delete(path(id)).status, 200);
         return c.Post(path(id, "/restore")).status;
       },
       {403, 403, 200, 200}},
      {"list own revisions",
       [&](RoleMatrixTest& t, AdminClient& c, auto& me) {
         return c.Get(path(t.Fixture(me, "draft"), "/revisions")).status;
       },
       {200, 200, 200, 200}},
      {"restore a revision of another's draft",
       [&](RoleMatrixTest& t, AdminClient& c, auto&) {
         auto id = t.Fixture("", "draft");
         auto revs = t.owner_->Get(path(id, "/revisions")).body["revisions"];
         return c
             .Post(path(id, "/revisions/" +
                                std::to_string(revs[0]["id"].get<int>()) +
                                "/restore"))
             .status;
       },
       {403, 403, 200, 200}},
      {"preview",
       [](auto&, AdminClient& c, auto&) {
         return c.Post("/api/admin/preview", {{"title", "Pratinjau"}}).status;
       },
       {200, 200, 200, 200}},
      {"upload an image",
       [](auto&, AdminClient& c, auto&) {
         return c
             .Call(http::Method::kPost, "/api/admin/images", Png1x1(),
                   {{"Content-Type", "image/png"}})
             .status;
       },
       {201, 201, 201, 201}},
      {"add a category",
       [](auto&, AdminClient& c, auto& me) {
         return c.Post("/api/admin/categories", {{"name", "Kat " + me}}).status;
       },
       {403, 403, 201, 201}},
      {"add a tag",
       [](auto&, AdminClient& c, auto& me) {
         return c.Post("/api/admin/tags", {{"name", "Tag " + me}}).status;
       },
       {403, 403, 201, 201}},
      {"merge a tag",
       [](RoleMatrixTest& t, AdminClient& c, auto& me) {
         auto from =
             t.owner_->Post("/api/admin/tags", {{"name", "Dari " + me}});
         EXPECT_EQ(from.status, 201);
         EXPECT_EQ(
             t.owner_->Post("/api/admin/tags", {{"name", "Ke " + me}}).status,
             201);
         return c
             .Post("/api/admin/tags/" +
                       std::to_string(
                           static_cast<std::int64_t>(from.body["id"])) +
                       "/merge",
                   {{"into", "Ke " + me}})
             .status;
       },
       {403, 403, 200, 200}},
      {"delete a tag",
       [](RoleMatrixTest& t, AdminClient& c, auto& me) {
         auto tag =
             t.owner_->Post("/api/admin/tags", {{"name", "Hapus " + me}});
         EXPECT_EQ(tag.status, 201);
         return c
             .Delete("/api/admin/tags/" +
                     std::to_string(static_cast<std::int64_t>(tag.body["id"])))
             .status;
       },
       {403, 403, 200, 200}},
      {"add an author",
       [](auto&, AdminClient& c, auto& me) {
         return c.Post("/api/admin/authors", {{"name", "Penulis " + me}})
             .status;
       },
       {403, 403, 201, 201}},
      {"browse categories",
       [](auto&, AdminClient& c, auto&) {
         return c.Get("/api/admin/categories").status;
       },
       {200, 200, 200, 200}},
      {"browse users",
       [](auto&, AdminClient& c, auto&) {
         return c.Get("/api/admin/users").status;
       },
       {403, 403, 403, 200}},
      {"add a user",
       [](auto&, AdminClient& c, auto& me) {
         std::string local = me.substr(me.find(' ') + 1);
         return c
             .Post("/api/admin/users", {{"email", "baru-" + local + "@x.id"},
                                        {"name", "Baru " + me},
                                        {"role", "penulis"},
                                        {"password", "sandi-panjang-1"}})
             .status;
       },
       {403, 403, 403, 201}},
      {"read settings",
       [](auto&, AdminClient& c, auto&) {
         return c.Get("/api/admin/settings").status;
       },
       {200, 200, 200, 200}},
      {"make an API token",
       [](auto&, AdminClient& c, auto&) {
         return c.Post("/api/admin/tokens", {{"name", "integrasi"}}).status;
       },
       {403, 201, 201, 201}},
      {"list everyone's tokens",
       [](auto&, AdminClient& c, auto&) {
         return c.Get("/api/admin/tokens?all=1").status;
       },
       {403, 403, 403, 200}},
      // Last: an admin's settings change restarts the site in place.
      {"change settings",
       [](auto&, AdminClient& c, auto&) {
         return c.Put("/api/admin/settings", {{"name", "Warta"}}).status;
       },
       {403, 403, 403, 200}},
  };
  std::vector<std::unique_ptr<AdminClient>> clients;
  for (const char* role : kRoles) {
    clients.push_back(std::make_unique<AdminClient>(*server_));
    ASSERT_EQ(clients.back()
                  ->Login(std::string(role) + "@kabarin.id", kPassword)
                  .status,
              200);
  }
  int checked = 0;
  for (const Cell& cell : cells) {
    for (int r = 0; r < 4; ++r) {
      std::string me = std::string("Pengguna ") + kRoles[r];
      EXPECT_EQ(cell.run(*this, *clients[r], me), cell.expected[r])
          << kRoles[r] << ": " << cell.action;
      ++checked;
    }
  }
  EXPECT_EQ(checked, static_cast<int>(cells.size()) * 4);
}

}  // namespace
}  // namespace warta::testing
