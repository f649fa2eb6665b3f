// Agency photos: `warta ingest` fetches an item's feature image (enclosure)
// and the images in its text once, keeps them through the image pipeline
// (variants in DATA/media, served from /media/), and the article points at
// the kept copies, so its page offers every size with <picture> and readers
// never load the agency's server. A photo that cannot be had leaves its
// remote URL and loses no item; a feed not marked internal may not make
// warta fetch from a loopback or private address (the URLs are the
// agency's content).
#include <gtest/gtest.h>

#include <atomic>

#include "admin_client.h"
#include "base/mutex.h"
#include "http/test_server.h"
#include "test_png.h"
#include "warta_process.h"

namespace warta::testing {
namespace {

class PhotoAgency {
 public:
  PhotoAgency() {
    router_.Get("/wire.xml", [this](const http::Request&) {
      http::Response r = http::Response::Text(200, Feed());
      r.SetHeader("Content-Type", "application/rss+xml; charset=utf-8");
      return r;
    });
    router_.Get("/foto/{name}", [this](const http::Request& req) {
      ++photo_requests_;
      if (req.Param("name") == "hilang.png") return http::Response::Error(404);
      http::Response r;
      r.content_type = "image/png";
      r.body = std::make_shared<const std::string>(
          req.Param("name") == "utama.png" ? TestPng(1600, 900)
                                           : TestPng(800, 600));
      return r;
    });
    http::ServerOptions options;
    options.access_log = false;
    auto server = std::make_unique<http::testing::TestServer>(router_, options);
    MutexLock lock(&mu_);  // the handlers read it on the server's threads
    server_ = std::move(server);
  }

  std::string url(const std::string& path) const {
    MutexLock lock(&mu_);
    return server_->Url(path);
  }
  int photo_requests() const { return photo_requests_.load(); }

 private:
  std::string Feed() const {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<rss version=\"2.0\" "
           "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
           "<channel><title>Agensi Foto</title>"
           "<item><title>Panen raya padi di Karawang</title>"
           "<link>https://wire.example/panen</link><guid>foto-1</guid>"
           "<enclosure url=\"" +
           url("/foto/utama.png") +
           "\" type=\"image/png\" length=\"1\"/>"
           "<content:encoded><![CDATA[<p>Petani di Karawang memanen padi "
           "lebih awal tahun ini.</p><p><img src=\"" +
           url("/foto/sawah.png") +
           "\" alt=\"Sawah menguning\"></p><p><img src=\"" +
           url("/foto/hilang.png") +
           "\" alt=\"Foto yang hilang\"></p><p>Harga gabah naik tipis di "
           "tingkat petani.</p>]]></content:encoded></item>"
           "</channel></rss>";
  }

  http::Router router_;
  std::atomic<int> photo_requests_{0};
  mutable Mutex mu_;
  std::unique_ptr<http::testing::TestServer> server_ GUARDED_BY(mu_);
};

// Serves `data` and reads its one article as an editor.
json OnlyArticle(const std::string& data,
                 std::unique_ptr<WartaServer>& server) {
  AddUser(data, "editor@kabarin.id", "Editor", "editor", "rahasia-panjang-1");
  server = WartaServer::Start(data);
  if (server == nullptr) return json();
  AdminClient editor(*server);
  EXPECT_EQ(editor.Login("editor@kabarin.id", "rahasia-panjang-1").status, 200);
  Reply list = editor.Get("/api/admin/articles");
  EXPECT_EQ(list.status, 200) << list.text;
  EXPECT_EQ(list.body["articles"].size(), 1u) << list.text;
  if (list.body["articles"].empty()) return json();
  Reply got =
      editor.Get("/api/admin/articles/" +
                 std::to_string(list.body["articles"][0]["id"].get<int>()));
  EXPECT_EQ(got.status, 200) << got.text;
  return got.body;
}

TEST(WireImagesTest, AnItemsPhotosAreKeptAndServedInEverySize) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  PhotoAgency agency;
  dir.Write("data/feeds.json",
            "{\"feeds\": [{\"name\": \"Agensi Foto\", \"url\": \"" +
                agency.url("/wire.xml") +
                "\", \"trusted\": true, \"internal\": true}]}");
  CommandResult r =
      RunWarta({"ingest", "--data", data, "--feed", "Agensi Foto"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("1 created"), std::string::npos) << r.err;
  // The missing one is named in the log; the item is there all the same.
  EXPECT_NE(r.err.find("hilang.png"), std::string::npos) << r.err;
  EXPECT_EQ(agency.photo_requests(), 3);

  std::unique_ptr<WartaServer> server;
  json a = OnlyArticle(data, server);
  ASSERT_NE(server, nullptr);
  const std::string feature = a.value("feature_image", "");
  EXPECT_EQ(feature.rfind("/media/", 0), 0u) << feature;
  EXPECT_NE(feature.find("-1600x900-o.png"), std::string::npos) << feature;
  const std::string body = a.value("body", "");
  EXPECT_NE(body.find("](/media/"), std::string::npos) << body;
  EXPECT_NE(body.find("-800x600-o.png)"), std::string::npos) << body;
  EXPECT_NE(body.find(agency.url("/foto/hilang.png")), std::string::npos)
      << "a photo that could not be had keeps its URL: " << body;
  EXPECT_EQ(body.find(agency.url("/foto/sawah.png")), std::string::npos);

  // The page offers the kept sizes; each answers from /media/.
  auto page = server->Get(a.value("url", ""));
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->status, 200);
  const std::string stem = feature.substr(0, feature.size() - 6);  // "-o.png"
  EXPECT_NE(page->body.find(stem + "-320w.webp 320w"), std::string::npos)
      << page->body;
  EXPECT_NE(page->body.find("<picture><source type=\"image/webp\""),
            std::string::npos);
  for (const std::string& media :
       {feature, stem + "-960w.webp", stem + "-640w.png"}) {
    auto got = server->Get(media);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->status, 200) << media;
  }
  EXPECT_EQ(page->body.find(agency.url("/foto/utama.png")), std::string::npos);

  // Fetching the unchanged feed again fetches no photo again.
  r = RunWarta({"ingest", "--data", data, "--feed", "Agensi Foto"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(agency.photo_requests(), 3);
}

TEST(WireImagesTest, AFeedMayNotPointWartaAtThePrivateNetwork) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  PhotoAgency agency;
  // Not internal: the feed itself is the editor's choice (fetched), the
  // photo URLs in it are the agency's content (refused on loopback).
  dir.Write("data/feeds.json",
            "{\"feeds\": [{\"name\": \"Agensi Foto\", \"url\": \"" +
                agency.url("/wire.xml") + "\"}]}");
  CommandResult r =
      RunWarta({"ingest", "--data", data, "--feed", "Agensi Foto"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("1 created"), std::string::npos) << r.err;
  EXPECT_EQ(agency.photo_requests(), 0);
  std::unique_ptr<WartaServer> server;
  json a = OnlyArticle(data, server);
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(a.value("feature_image", ""), agency.url("/foto/utama.png"));
}

}  // namespace
}  // namespace warta::testing
