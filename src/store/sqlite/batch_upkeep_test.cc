#include "store/sqlite/batch_upkeep.h"

#include <gtest/gtest.h>

#include <string>

#include "store/sql/listing.h"

namespace warta::sqlite {
namespace {

// The month the sitemap keeps an article under is SQLite's strftime's, as
// the trigger of migration 032 computed it: at both sides of month and
// year ends, leap days, and before 1970.
TEST(BatchUpkeepTest, UtcMonthIsStrftimes) {
  auto c = Connection::Open(":memory:", true, "OFF");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  auto st = (*c)->Prepare("SELECT strftime('%Y-%m', ?, 'unixepoch')");
  ASSERT_TRUE(st.ok());
  for (Timestamp t :
       {Timestamp{0}, Timestamp{-1}, Timestamp{1759115700},
        Timestamp{951782399}, Timestamp{951782400}, Timestamp{-2208988801},
        Timestamp{-62135596800}, Timestamp{1704067199}, Timestamp{1704067200},
        Timestamp{253402300799}}) {
    st->Bind(1, t);
    auto row = st->Step();
    ASSERT_TRUE(row.ok() && *row);
    EXPECT_EQ(UtcMonth(t), st->Text(0)) << t;
    st->Reset();
  }
}

// A list's pending delta is the sum over its months; other lists are
// untouched; what the sums write is in key order.
TEST(BatchUpkeepTest, CountsSumByListAndWriteInOrder) {
  BatchUpkeep u;
  const std::int64_t month = sql::kListingMonthSeconds;
  u.CountRow(2, 7, 5 * month, false, 1);
  u.CountRow(2, 7, 9 * month, true, 1);
  u.CountRow(2, 7, 5 * month + 10, false, -1);
  u.CountRow(1, 3, 5 * month, false, 1);
  EXPECT_EQ(u.CountDelta(2, 7), (BatchUpkeep::Delta{1, 0}));
  EXPECT_EQ(u.CountDelta(1, 3), (BatchUpkeep::Delta{1, 1}));
  EXPECT_EQ(u.CountDelta(2, 8), (BatchUpkeep::Delta{0, 0}));
  u.FeedChanged('t', 12);
  u.FeedChanged('c', 3);
  u.FeedChanged('t', 12);
  u.FeedChanged('s');
  u.Lastmod('t', 12, 50);
  u.Lastmod('t', 12, 40);
  u.MonthGains(1759115700, 60);
  u.MonthGains(1759115800, 70);
  BatchUpkeep other;
  other.CountRow(2, 7, 9 * month, false, 1);
  other.MonthGains(0, 10);
  u.Merge(std::move(other));
  EXPECT_TRUE(other.Empty());
  EXPECT_EQ(u.CountDelta(2, 7), (BatchUpkeep::Delta{2, 1}));

  auto opened = Connection::Open(":memory:", true, "OFF");
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  Connection& c = **opened;
  ASSERT_TRUE(c.Exec(R"(
    CREATE TABLE listing_counts (kind, subject_id, n, shown,
                                 PRIMARY KEY (kind, subject_id));
    CREATE TABLE listing_months (kind, subject_id, month, n, shown,
                                 PRIMARY KEY (kind, subject_id, month));
    CREATE TABLE taxonomy_lastmod (kind, taxonomy_id, lastmod,
                                   PRIMARY KEY (kind, taxonomy_id));
    CREATE TABLE sitemap_months (month PRIMARY KEY, articles, lastmod);
    CREATE TABLE feed_versions (scope PRIMARY KEY, version);
  )")
                  .ok());
  ASSERT_TRUE(u.WriteTo(c).ok());
  auto all = [&](const std::string& sql, int columns) {
    auto st = c.Prepare(sql);
    EXPECT_TRUE(st.ok());
    std::string out;
    while (true) {
      auto row = st->Step();
      if (!row.ok() || !*row) break;
      for (int i = 0; i < columns; ++i)
        out += st->Text(i) + (i + 1 < columns ? "," : ";");
    }
    return out;
  };
  // In rowid order: as written.
  EXPECT_EQ(all("SELECT * FROM listing_counts ORDER BY rowid", 4),
            "1,3,1,1;2,7,2,1;");
  // (2, 7)'s month 5 moved within it: nothing to write.
  EXPECT_EQ(all("SELECT * FROM listing_months ORDER BY rowid", 5),
            "1,3,5,1,1;2,7,9,2,1;");
  EXPECT_EQ(all("SELECT * FROM taxonomy_lastmod ORDER BY rowid", 3),
            "t,12,50;");
  EXPECT_EQ(all("SELECT * FROM sitemap_months ORDER BY rowid", 3),
            "1970-01,1,10;2025-09,2,70;");
  EXPECT_EQ(all("SELECT * FROM feed_versions ORDER BY rowid", 2),
            "c3,1;s,1;t12,1;");
}

}  // namespace
}  // namespace warta::sqlite
