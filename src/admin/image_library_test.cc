// ImageLibrary against a real SQLite store and a real media folder: an
// upload is kept whole or not at all, as the media library sees it (its
// rows) and as the disk holds it.
#include "admin/image_library.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>

#include <filesystem>
#include <string>
#include <vector>

#include "base/clock.h"
#include "media/testing/test_images.h"
#include "store/sqlite/testing/temp_sqlite_store.h"

namespace warta::admin {
namespace {

// The files below `dir`, relative to it.
std::vector<std::string> FilesBelow(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file())
      out.push_back(std::filesystem::relative(it->path(), dir).string());
  }
  return out;
}

class ImageLibraryTest : public ::testing::Test {
 protected:
  ImageLibraryTest()
      : clock_(1790000000),
        store_(clock_),
        media_(store_.dir() + "/media"),
        library_(store_.store(), clock_, media_, 64u << 20, 2, 7 * 3600) {}

  std::size_t Listed() {
    auto recent = store_->ListRecentMedia(100);
    EXPECT_TRUE(recent.ok()) << recent.status().ToString();
    return recent.ok() ? recent->size() : 0;
  }

  FakeClock clock_;
  TempSqliteStore store_;
  std::string media_;
  ImageLibrary library_;
};

TEST_F(ImageLibraryTest, KeepsTheFilesAndListsTheOriginalOnce) {
  const std::string png = media::testing::NoisePng(400, 300);
  auto kept = library_.Keep(png, std::chrono::seconds(20));
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_EQ(FilesBelow(media_).size(), 1 + kept->variants.size());
  auto recent = store_->ListRecentMedia(10);
  ASSERT_TRUE(recent.ok());
  ASSERT_EQ(recent->size(), 1u);
  EXPECT_EQ("/media/" + (*recent)[0].path, kept->url);
  // The same image again: nothing more on disk or in the library.
  ASSERT_TRUE(library_.Keep(png, std::chrono::seconds(20)).ok());
  EXPECT_EQ(FilesBelow(media_).size(), 1 + kept->variants.size());
  EXPECT_EQ(Listed(), 1u);
}

// The store refuses the rows after the files were written: the files go
// again (before, the variants stayed on disk, unlisted, with their rows).
TEST_F(ImageLibraryTest, RowsThatFailLeaveNoFiles) {
  ASSERT_EQ(store_.Exec("CREATE TRIGGER refuse BEFORE INSERT ON media "
                        "WHEN NEW.path LIKE '%-o.%' BEGIN "
                        "SELECT RAISE(ABORT, 'refused'); END"),
            "");
  const std::string png = media::testing::NoisePng(400, 300);
  auto kept = library_.Keep(png, std::chrono::seconds(20));
  ASSERT_FALSE(kept.ok());
  EXPECT_EQ(Listed(), 0u);
  EXPECT_EQ(FilesBelow(media_), std::vector<std::string>{});
  // No variant row either: the rows are one transaction.
  ASSERT_EQ(store_.Exec("DROP TRIGGER refuse"), "");
  EXPECT_EQ(store_.QueryInt("SELECT count(*) FROM media"), 0);
  // Once the store takes rows again, the same upload is kept whole.
  kept = library_.Keep(png, std::chrono::seconds(20));
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_EQ(Listed(), 1u);
  EXPECT_EQ(FilesBelow(media_).size(), 1 + kept->variants.size());
  EXPECT_EQ(store_.QueryInt("SELECT count(*) FROM media"),
            static_cast<std::int64_t>(1 + kept->variants.size()));
}

// The original's file cannot be written (the process may not write a file
// that large): nothing is listed and no file stays, not even the half-
// written temporary one. Before, the original's row was recorded first and
// listed an image without its file until the same image was uploaded again.
TEST_F(ImageLibraryTest, AFileThatFailsIsNotListed) {
  const std::string png = media::testing::NoisePng(2000, 1400);
  media::Limits limits;
  limits.max_bytes = 64u << 20;
  auto made = media::MakeVariants(png, limits);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  std::size_t largest_variant = 0;
  for (const media::Encoded& v : made->variants)
    largest_variant = std::max(largest_variant, v.bytes.size());
  ASSERT_GT(made->original.bytes.size(), largest_variant + 4096);
  // Writes past the limit fail with EFBIG (SIGXFSZ ignored) while Keep runs;
  // the database's few pages stay far below it.
  const rlim_t limit = (largest_variant + made->original.bytes.size()) / 2;
  struct rlimit before;
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &before), 0);
  struct sigaction ignore = {}, old_action = {};
  ignore.sa_handler = SIG_IGN;
  ASSERT_EQ(sigaction(SIGXFSZ, &ignore, &old_action), 0);
  struct rlimit capped = before;
  capped.rlim_cur = limit;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &capped), 0);
  auto kept = library_.Keep(png, std::chrono::seconds(20));
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &before), 0);
  ASSERT_EQ(sigaction(SIGXFSZ, &old_action, nullptr), 0);
  ASSERT_FALSE(kept.ok());
  EXPECT_EQ(kept.status().code(), StatusCode::kIoError)
      << kept.status().ToString();
  EXPECT_EQ(Listed(), 0u);
  EXPECT_EQ(FilesBelow(media_), std::vector<std::string>{});
  // Uploaded again without the limit: kept whole.
  kept = library_.Keep(png, std::chrono::seconds(20));
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_EQ(Listed(), 1u);
  EXPECT_EQ(FilesBelow(media_).size(), 1 + kept->variants.size());
}

}  // namespace
}  // namespace warta::admin
