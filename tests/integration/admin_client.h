// Test helper: talks to the admin API of a running `warta serve` as a
// browser would (session cookie + X-CSRF-Token) or as an integration would
// (Authorization: Bearer).
#ifndef WARTA_TESTS_INTEGRATION_ADMIN_CLIENT_H_
#define WARTA_TESTS_INTEGRATION_ADMIN_CLIENT_H_

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "warta_process.h"

namespace warta::testing {

using json = nlohmann::json;

struct Reply {
  int status = 0;
  json body;
  std::string text;
  http::ClientResponse raw;
};

// Creates an account with `warta user add` (the server may be running).
inline void AddUser(const std::string& data, const std::string& email,
                    const std::string& name, const std::string& role,
                    const std::string& password) {
  CommandResult r =
      RunWarta({"user", "add", "--data", data, "--email", email, "--name", name,
                "--role", role, "--password-stdin"},
               password + "\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

class AdminClient {
 public:
  explicit AdminClient(const WartaServer& server)
      : url_([&server](const std::string& path) { return server.Url(path); }) {}
  // Talks to whatever answers at `url(path)` (a load balancer, say).
  explicit AdminClient(std::function<std::string(const std::string&)> url)
      : url_(std::move(url)) {}

  Reply Login(const std::string& email, const std::string& password) {
    Reply r = Call(http::Method::kPost, "/api/admin/session",
                   json{{"email", email}, {"password", password}}.dump());
    if (r.status == 200) {
      std::string set = r.raw.Header("set-cookie");
      cookie_ = set.substr(0, set.find(';'));
      csrf_ = r.body.value("csrf_token", "");
    }
    return r;
  }
  void UseToken(const std::string& token) { bearer_ = token; }
  void DropCsrf() { csrf_.clear(); }
  // Uses the session `other` logged in with (on another node of the site).
  void ShareSessionOf(const AdminClient& other) {
    cookie_ = other.cookie_;
    csrf_ = other.csrf_;
  }
  const std::string& csrf() const { return csrf_; }

  Reply Call(http::Method method, const std::string& path,
             const std::string& body = "",
             std::vector<std::pair<std::string, std::string>> headers = {}) {
    http::ClientRequest req;
    req.method = method;
    req.url = url_(path);
    req.body = body;
    req.headers = std::move(headers);
    if (!body.empty())
      req.headers.push_back({"Content-Type", "application/json"});
    if (!cookie_.empty()) req.headers.push_back({"Cookie", cookie_});
    if (!csrf_.empty()) req.headers.push_back({"X-CSRF-Token", csrf_});
    if (!bearer_.empty())
      req.headers.push_back({"Authorization", "Bearer " + bearer_});
    auto res = http::Fetch(req);
    Reply out;
    if (!res.ok()) {
      ADD_FAILURE() << path << ": " << res.status().ToString();
      return out;
    }
    out.status = res->status;
    out.text = res->body;
    out.raw = *res;
    out.body = json::parse(res->body, nullptr, false);
    return out;
  }
  Reply Get(const std::string& path) { return Call(http::Method::kGet, path); }
  Reply Post(const std::string& path, const json& body = json::object()) {
    return Call(http::Method::kPost, path, body.dump());
  }
  Reply Put(const std::string& path, const json& body) {
    return Call(http::Method::kPut, path, body.dump());
  }
  Reply Delete(const std::string& path) {
    return Call(http::Method::kDelete, path);
  }

 private:
  std::function<std::string(const std::string&)> url_;
  std::string cookie_, csrf_, bearer_;
};

// A fresh data directory with one admin, `warta serve` on it and that
// admin logged in: the fixture the admin API's integration tests share.
class AdminSiteTest : public ::testing::Test {
 protected:
  static constexpr const char* kEmail = "admin@kabarin.id";
  static constexpr const char* kPassword = "kata-sandi-uji-1";

  void SetUp() override {
    data_ = dir_.path() + "/data";
    AddUser(data_, kEmail, "Admin Redaksi", "admin", kPassword);
    BeforeStart();
    Start();
  }
  // Runs before the first start, the data directory made (a warta.conf).
  virtual void BeforeStart() {}
  // Starts `warta serve` on data_ (again, after a restart) and logs in.
  void Start() {
    server_ = WartaServer::Start(data_);
    ASSERT_NE(server_, nullptr);
    admin_ = std::make_unique<AdminClient>(*server_);
    ASSERT_EQ(admin_->Login(kEmail, kPassword).status, 200);
  }

  TempDir dir_;
  std::string data_;
  std::unique_ptr<WartaServer> server_;
  std::unique_ptr<AdminClient> admin_;
};

}  // namespace warta::testing

#endif  // WARTA_TESTS_INTEGRATION_ADMIN_CLIENT_H_
