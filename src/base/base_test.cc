#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/clock.h"
#include "base/heap.h"
#include "base/log.h"
#include "base/progress.h"
#include "base/result.h"
#include "base/status.h"
#include "base/strings.h"
#include "base/time.h"
#include "base/utf8.h"

namespace warta {
namespace {

Result<int> Half(int x) {
  if (x % 2) return Status::InvalidArgument("odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  WARTA_ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}

// Unit tests are not linked with the warta binary's allocator
// (cmake/deps.cmake); the integration test ReportsTheAllocatorItWasLinkedWith
// checks the binary.
TEST(HeapTest, NamesTheSystemAllocator) {
  EXPECT_STREQ(HeapAllocatorName(), "system");
  std::vector<std::string> blocks(20000, std::string(1000, 'x'));
  blocks.clear();
  blocks.shrink_to_fit();
  ReleaseFreedMemory();  // malloc_trim here; must not disturb the heap
  std::vector<std::string> again(20000, std::string(1000, 'y'));
}

TEST(StatusTest, CarriesCodeAndMessage) {
  Status s = Status::NotFound("article 7");
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(s.IsNotFound());
  EXPECT_EQ(s.ToString(), "NotFound: article 7");
  EXPECT_EQ(s.WithContext("import a.txt").message(), "import a.txt: article 7");
  EXPECT_TRUE(Status::Ok().ok());
}

// A reason travels with the status through copies, context and Result, and
// its params keep their order; a status without one says "".
TEST(StatusTest, CarriesAReasonBesideTheMessage) {
  EXPECT_EQ(Status::InvalidArgument("x").reason(), "");
  EXPECT_TRUE(Status::InvalidArgument("x").reason_params().empty());
  const std::string n = std::to_string(70);
  Status s =
      Status::InvalidArgument("meta_title: longer than 70 characters")
          .WithReason("too_long_chars", {{"field", "meta_title"}, {"n", n}});
  EXPECT_EQ(s.message(), "meta_title: longer than 70 characters");
  EXPECT_EQ(s.reason(), "too_long_chars");
  const std::vector<std::pair<std::string, std::string>> want = {
      {"field", "meta_title"}, {"n", "70"}};
  EXPECT_EQ(s.reason_params(), want);
  Status wrapped = s.WithContext("article 3");
  EXPECT_EQ(wrapped.message(), "article 3: " + s.message());
  EXPECT_EQ(wrapped.reason(), "too_long_chars");
  EXPECT_EQ(wrapped.reason_params(), want);
  Result<int> r = wrapped;
  EXPECT_EQ(r.status().reason(), "too_long_chars");
  // A later reason replaces the earlier one; the copy keeps its own.
  Status other = s.WithReason("required", {{"field", "title"}});
  EXPECT_EQ(other.reason(), "required");
  EXPECT_EQ(s.reason(), "too_long_chars");
  // An ok status stays ok and reasonless.
  EXPECT_TRUE(Status::Ok().WithReason("x").ok());
  EXPECT_EQ(Status::Ok().WithReason("x").reason(), "");
}

TEST(StatusTest, FieldTravelsWithTheStatus) {
  Status s = Status::InvalidArgument("lead: expected an object");
  EXPECT_EQ(s.field(), "");
  Status named = s.WithField("lead.id");
  EXPECT_EQ(named.field(), "lead.id");
  EXPECT_EQ(s.field(), "");  // the copy keeps its own
  EXPECT_EQ(named.message(), s.message());
  // A reason set before or after keeps the field, and the field the reason.
  Status reasoned = named.WithReason("expected_id", {{"field", "lead.id"}});
  EXPECT_EQ(reasoned.field(), "lead.id");
  EXPECT_EQ(reasoned.reason(), "expected_id");
  Status renamed = reasoned.WithField("top");
  EXPECT_EQ(renamed.field(), "top");
  EXPECT_EQ(renamed.reason(), "expected_id");
  EXPECT_EQ(renamed.reason_params().size(), 1u);
  EXPECT_EQ(reasoned.field(), "lead.id");
  // Context and Result keep it.
  EXPECT_EQ(renamed.WithContext("article 3").field(), "top");
  Result<int> r = renamed;
  EXPECT_EQ(r.status().field(), "top");
  EXPECT_TRUE(Status::Ok().WithField("x").ok());
  EXPECT_EQ(Status::Ok().WithField("x").field(), "");
}

TEST(ResultTest, ValueOrStatusPropagates) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.value_or(-1), -1);
}

TEST(TimeTest, CivilRoundTrip) {
  // 2025-09-29 10:15 WIB is 03:15 UTC.
  auto t = ParseIso8601("2025-09-29T10:15:00+07:00");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(FormatIso8601Utc(*t), "2025-09-29T03:15:00Z");
  EXPECT_EQ(FormatIso8601(*t, 7 * 3600), "2025-09-29T10:15:00+07:00");
  CivilTime c = ToCivil(*t, 7 * 3600);
  EXPECT_EQ(c.weekday, 1);  // Monday
  EXPECT_EQ(c.hour, 10);
  EXPECT_EQ(FormatHttpDate(*t), "Mon, 29 Sep 2025 03:15:00 GMT");
}

TEST(TimeTest, ParsesIsoForms) {
  struct Case {
    const char* in;
    const char* utc;
  } cases[] = {
      {"2025-09-29", "2025-09-29T00:00:00Z"},
      {"2025-09-29 10:15", "2025-09-29T10:15:00Z"},
      {"2025-09-29T10:15:00Z", "2025-09-29T10:15:00Z"},
      {"2025-09-29T10:15:00.250-02:00", "2025-09-29T12:15:00Z"},
      {"2024-02-29T23:59:59+0000", "2024-02-29T23:59:59Z"},
      {"1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"},
  };
  for (const Case& c : cases) {
    auto t = ParseIso8601(c.in);
    ASSERT_TRUE(t.ok()) << c.in;
    EXPECT_EQ(FormatIso8601Utc(*t), c.utc) << c.in;
  }
  EXPECT_EQ(*ParseIso8601("2025-09-29 10:15", 7 * 3600),
            *ParseIso8601("2025-09-29T03:15:00Z"));
  for (const char* bad :
       {"", "2025-13-01", "2023-02-29", "2025-09-29T25:00", "yesterday",
        "2025-09-29T10:15:00+99:00", "2025-09-29X"}) {
    EXPECT_FALSE(ParseIso8601(bad).ok()) << bad;
  }
}

TEST(TimeTest, ParsesHttpAndRssDates) {
  EXPECT_EQ(FormatIso8601Utc(*ParseHttpDate("Mon, 29 Sep 2025 03:15:00 GMT")),
            "2025-09-29T03:15:00Z");
  EXPECT_EQ(FormatIso8601Utc(*ParseHttpDate("Mon, 29 Sep 2025 10:15:00 +0700")),
            "2025-09-29T03:15:00Z");
  EXPECT_EQ(FormatIso8601Utc(*ParseHttpDate("1 Oct 25 08:00 WIB")),
            "2025-10-01T01:00:00Z");
  EXPECT_FALSE(ParseHttpDate("Mon, 32 Sep 2025 03:15:00 GMT").ok());
  EXPECT_FALSE(ParseHttpDate("garbage").ok());
}

TEST(Utf8Test, ValidatesAndSanitizes) {
  EXPECT_TRUE(IsValidUtf8("Korut “aset berharga”"));
  EXPECT_FALSE(IsValidUtf8("a\xC0\xAF"));     // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // surrogate
  EXPECT_EQ(SanitizeUtf8("a\xFFz"), "a\xEF\xBF\xBDz");
  EXPECT_EQ(Utf8Length("é“x”"), 4u);
  EXPECT_EQ(Utf8Prefix("aé", 2), "a");
  EXPECT_EQ(Utf8ToLower("ÉCOLE Über ŁÓDŹ"), "école über łódź");
}

TEST(StringsTest, Basics) {
  EXPECT_EQ(Trim("\xC2\xA0  x y \n"), "x y");
  EXPECT_EQ(Split("a,,b", ',').size(), 3u);
  EXPECT_EQ(HtmlEscape("<b>&\"'"), "&lt;b&gt;&amp;&quot;&#39;");
  EXPECT_EQ(HtmlEscape(""), "");
  EXPECT_EQ(HtmlEscape("tanpa apa-apa"), "tanpa apa-apa");
  EXPECT_EQ(HtmlEscape("a<b>c&&d \"e\""),
            "a&lt;b&gt;c&amp;&amp;d &quot;e&quot;");
  std::string appended = "x";
  AppendHtmlEscaped(appended, "<'y'>");
  EXPECT_EQ(appended, "x&lt;&#39;y&#39;&gt;");
  EXPECT_EQ(UrlEncode("a b/é"), "a%20b%2F%C3%A9");
  EXPECT_EQ(UrlDecode("a+b%2Fc%zz%4"), "a b/c%zz%4");
  EXPECT_EQ(UrlEncodePath("/berita/é x/"), "/berita/%C3%A9%20x/");
  EXPECT_EQ(ParseInt("42"), 42);
  EXPECT_FALSE(ParseInt("4x").has_value());
  EXPECT_FALSE(ParseInt("99999999999999999999").has_value());
}

TEST(ProgressTest, LinesShowCountsRateAndTimeLeft) {
  EXPECT_EQ(Progress::Line("search index", 25000, 100000, 10, true),
            "search index [#######.......................] 25,000/100,000 "
            "25% 2,500/s ETA 30s");
  EXPECT_EQ(Progress::Line("search index", 25000, 100000, 10, false),
            "search index 25,000/100,000 25% 2,500/s ETA 30s");
  EXPECT_EQ(Progress::Line("import", 1500, 0, 2, false), "import 1,500 750/s");
  EXPECT_EQ(Progress::Line("x", 10, 10, 0, false), "x 10/10 100% 0/s");
  EXPECT_EQ(Progress::Line("x", 1, 100000, 1, false),
            "x 1/100,000 0% 1/s ETA 27h46m");
}

TEST(ClockTest, FakeClockAdvances) {
  FakeClock c(100);
  c.Advance(5);
  EXPECT_EQ(c.Now(), 105);
  EXPECT_GT(RealClock::Get().Now(), 1700000000);
}

TEST(LogTest, JsonQuoteEscapesWhatCouldForgeALine) {
  EXPECT_EQ(JsonQuote("plain"), "\"plain\"");
  EXPECT_EQ(JsonQuote("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(JsonQuote("x\ny\tz\x01"), "\"x\\ny\\tz\\u0001\"");
  EXPECT_EQ(JsonQuote("Berita \xE2\x80\x94 terkini"),
            "\"Berita \xE2\x80\x94 terkini\"");
  std::string bad = JsonQuote(
      "a\xff"
      "b");
  EXPECT_EQ(bad.find('\xff'), std::string::npos) << "invalid UTF-8 replaced";
}

TEST(LogTest, FormatIsSettable) {
  EXPECT_EQ(GetLogFormat(), LogFormat::kText);
  SetLogFormat(LogFormat::kJson);
  EXPECT_EQ(GetLogFormat(), LogFormat::kJson);
  SetLogFormat(LogFormat::kText);
}

}  // namespace
}  // namespace warta
