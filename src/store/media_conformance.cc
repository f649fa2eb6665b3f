// Conformance tests of MediaStore (a row per upload in every store, the
// bytes too in stores shared by several nodes), run per backend with the
// StoreConformance suite.
#include "store/store_conformance.h"

namespace warta {
namespace {

TEST_P(StoreConformance, KeepsUploadedFilesForEveryNode) {
  if (!store_->KeepsMedia()) {
    // The embedded store leaves uploads in DATA/media: nothing kept.
    EXPECT_TRUE(store_->PutMedia("2026/12/a-1x1-o.png", "x").ok());
    EXPECT_TRUE(store_->GetMedia("2026/12/a-1x1-o.png").status().IsNotFound());
    return;
  }
  std::string bytes("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  bytes += std::string(300000, '\xff');  // binary, NULs included, 300 KB
  const std::string path = "2026/12/0123456789abcdef-1600x900-o.png";
  EXPECT_TRUE(store_->GetMedia(path).status().IsNotFound());
  ASSERT_TRUE(store_->PutMedia(path, bytes).ok());
  auto got = store_->GetMedia(path);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, bytes);
  // Content-named: a second put of the same path is a no-op.
  EXPECT_TRUE(store_->PutMedia(path, bytes).ok());
  // Another store on the same database (another node) sees it.
  store_.reset();
  store_ = Reopen();
  ASSERT_NE(store_, nullptr);
  got = store_->GetMedia(path);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->size(), bytes.size());
}

TEST_P(StoreConformance, ListsTheNewestUploadedOriginals) {
  ASSERT_TRUE(store_->PutMedia("2026/12/aaaa-1600x900-o.jpg", "a").ok());
  ASSERT_TRUE(store_->PutMedia("2026/12/aaaa-640x360-w640.webp", "v").ok());
  ASSERT_TRUE(store_->PutMedia("2026/12/bbbb-800x600-o.png", "b").ok());
  // Every store lists them from its rows (the library never lists the
  // disk): the embedded one keeps the row without the bytes.
  auto recent = store_->ListRecentMedia(10);
  ASSERT_TRUE(recent.ok()) << recent.status().ToString();
  ASSERT_EQ(recent->size(), 2u);  // originals only, newest first
  EXPECT_EQ((*recent)[0].path, "2026/12/bbbb-800x600-o.png");
  EXPECT_EQ((*recent)[1].path, "2026/12/aaaa-1600x900-o.jpg");
  EXPECT_GT((*recent)[0].created_at, 0);
  // Newest by time before path; the same path again changes nothing.
  clock_.Advance(60);
  ASSERT_TRUE(store_->PutMedia("2026/12/0000-10x10-o.png", "c").ok());
  ASSERT_TRUE(store_->PutMedia("2026/12/aaaa-1600x900-o.jpg", "a").ok());
  recent = store_->ListRecentMedia(10);
  ASSERT_TRUE(recent.ok());
  ASSERT_EQ(recent->size(), 3u);
  EXPECT_EQ((*recent)[0].path, "2026/12/0000-10x10-o.png");
  EXPECT_EQ((*recent)[2].path, "2026/12/aaaa-1600x900-o.jpg");
  recent = store_->ListRecentMedia(1);
  ASSERT_TRUE(recent.ok());
  ASSERT_EQ(recent->size(), 1u);
  EXPECT_EQ((*recent)[0].path, "2026/12/0000-10x10-o.png");
}

// An upload's files are recorded together or not at all: a bad path in the
// set leaves none of them (the original is not listed); the whole set is
// listed once, and recording it again changes nothing.
TEST_P(StoreConformance, RecordsAnUploadsFilesTogether) {
  const std::string original = "2026/12/cccc-1600x900-o.png";
  const std::string variant = "2026/12/cccc-640x360-w640.webp";
  for (const char* bad : {"", "/2026/12/x-1x1-o.png", "2026/../../etc/x-o.png",
                          "2026//12/x-1x1-o.png"}) {
    Status s = store_->PutMediaFiles(
        {{variant, "v"}, {original, "o"}, {std::string(bad), "b"}});
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << bad;
  }
  auto recent = store_->ListRecentMedia(10);
  ASSERT_TRUE(recent.ok()) << recent.status().ToString();
  EXPECT_TRUE(recent->empty());
  if (store_->KeepsMedia()) {
    EXPECT_TRUE(store_->GetMedia(variant).status().IsNotFound());
    // PostgreSQL refuses a path that is not UTF-8 when it comes to that row,
    // after the others: the transaction takes them back too.
    EXPECT_FALSE(store_
                     ->PutMediaFiles({{variant, "v"},
                                      {original, "o"},
                                      {"2026/12/\xff\xfe-1x1-o.png", "b"}})
                     .ok());
    EXPECT_TRUE(store_->GetMedia(variant).status().IsNotFound());
    recent = store_->ListRecentMedia(10);
    ASSERT_TRUE(recent.ok());
    EXPECT_TRUE(recent->empty());
  }
  ASSERT_TRUE(store_->PutMediaFiles({{variant, "v"}, {original, "o"}}).ok());
  ASSERT_TRUE(store_->PutMediaFiles({{variant, "v"}, {original, "o"}}).ok());
  recent = store_->ListRecentMedia(10);
  ASSERT_TRUE(recent.ok());
  ASSERT_EQ(recent->size(), 1u);
  EXPECT_EQ((*recent)[0].path, original);
  if (store_->KeepsMedia()) {
    EXPECT_EQ(*store_->GetMedia(variant), "v");
    EXPECT_EQ(*store_->GetMedia(original), "o");
  }
}

}  // namespace
}  // namespace warta
