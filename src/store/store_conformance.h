// The conformance suite every Store backend must pass. A backend's test file
// instantiates it with a factory:
//   INSTANTIATE_TEST_SUITE_P(Sqlite, StoreConformance,
//                            ::testing::Values(&MakeSqliteForTest));
#ifndef WARTA_STORE_STORE_CONFORMANCE_H_
#define WARTA_STORE_STORE_CONFORMANCE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "base/clock.h"
#include "store/store.h"

namespace warta {

// Opens a fresh, empty store in `dir` (a new temporary directory). When
// `dir` already holds a store, opens that one (to test durability). A maker
// whose backend is not available calls GTEST_SKIP (through a void helper)
// and returns nullptr: the test is skipped.
using StoreMaker = std::unique_ptr<Store> (*)(const std::string& dir,
                                              const Clock& clock);

// A published article with no category, tags or authors, published at `at`:
// the smallest story a list, ranking or log can show.
inline Article PublishedStory(const std::string& title, Timestamp at) {
  Article a;
  a.title = title;
  a.body = "Isi";
  a.html = "<p>Isi</p>";
  a.plaintext = "Isi";
  a.status = ArticleStatus::kPublished;
  a.published_at = at;
  return a;
}

class StoreConformance : public ::testing::TestWithParam<StoreMaker> {
 protected:
  void SetUp() override;
  void TearDown() override;
  std::unique_ptr<Store> Reopen();

  FakeClock clock_{1759115700};  // 2025-09-29T03:15:00Z
  std::string dir_;
  std::unique_ptr<Store> store_;
};

}  // namespace warta

#endif  // WARTA_STORE_STORE_CONFORMANCE_H_
