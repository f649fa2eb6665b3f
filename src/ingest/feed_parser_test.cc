#include "ingest/feed_parser.h"

#include <gtest/gtest.h>

#include "ingest/xml_reader.h"

namespace warta::ingest {
namespace {

constexpr int kWib = 7 * 3600;

TEST(FeedDateTest, ReadsTheFormsFeedsUse) {
  struct Case {
    const char* text;
    std::optional<Timestamp> want;
  } cases[] = {
      {"Mon, 29 Sep 2025 03:15:00 GMT", 1759115700},
      {"Mon, 29 Sep 2025 10:15:00 +0700", 1759115700},
      {"29 Sep 2025 10:15:00 +0700", 1759115700},
      {"Mon, 29 Sep 25 10:15 WIB", 1759115700},
      {"Sun, 28 Sep 2025 23:15:00 EDT", 1759115700},
      {"Senin, 29 September 2025 10:15 WIB", 1759115700},
      {"29 Sep 2025 10:15:00", 1759115700},  // no zone: the default (WIB)
      {"2025-09-29T03:15:00Z", 1759115700},
      {"2025-09-29T10:15:00+07:00", 1759115700},
      {"2025-09-29 10:15", 1759115700},
      {"", std::nullopt},
      {"kemarin sore", std::nullopt},
      {"32 Sep 2025 10:00", std::nullopt},
      {"Mon, 29 Sep 2025 25:00:00 GMT", std::nullopt},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ParseFeedDate(c.text, kWib), c.want) << c.text;
  }
}

TEST(XmlReaderTest, ResolvesNamespacesAndDecodesText) {
  auto doc = ParseXml(
      "<?xml version=\"1.0\"?>\n<!-- c -->\n<a xmlns=\"urn:x\" "
      "xmlns:p=\"urn:p\"><p:b k='v &amp; w'>x &lt; y &nbsp;&eacute; "
      "AT&T</p:b><c><![CDATA[<b>raw</b> ]]></c></a>");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->ns, "urn:x");
  const XmlElement* b = doc->Child("urn:p", "b");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->Attribute("k"), "v & w");
  EXPECT_EQ(b->text, "x < y \xC2\xA0\xC3\xA9 AT&T");
  EXPECT_EQ(doc->Child("urn:x", "c")->text, "<b>raw</b> ");
}

TEST(XmlReaderTest, RejectsMalformedDocumentsWithTheLine) {
  struct Case {
    const char* doc;
    const char* want;
  } cases[] = {
      {"<rss><channel></rss>", "line 1: expected </channel>, found </rss>"},
      {"<rss>\n<channel>\n<item>", "line 3: element <item> is never closed"},
      {"<html>ok</html><html/>", "content after the root element"},
      {"just text", "not an XML document"},
      {"<a b=c/>", "not quoted"},
      {"<a><![CDATA[x</a>", "unterminated CDATA"},
      {"", "not an XML document"},
  };
  for (const auto& c : cases) {
    auto doc = ParseXml(c.doc);
    ASSERT_FALSE(doc.ok()) << c.doc;
    EXPECT_NE(doc.status().message().find(c.want), std::string::npos)
        << c.doc << " -> " << doc.status().message();
  }
}

TEST(XmlReaderTest, ConvertsLatin1) {
  auto doc = ParseXml(
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\xE9 "
      "\x93q\x94</a>");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->text, "caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D");
}

TEST(FeedParserTest, ReadsRss2WithContentEncoded) {
  auto feed = ParseFeed(R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>Antara &amp; Co</title><link>https://wire.example/</link>
<item>
  <title><![CDATA[Korea Utara & China]]></title>
  <link>https://wire.example/a1</link>
  <guid isPermaLink="false">a1</guid>
  <description>Ringkasan &lt;b&gt;tebal&lt;/b&gt;</description>
  <content:encoded><![CDATA[<p>Isi <b>lengkap</b>&nbsp;di sini.</p>]]></content:encoded>
  <dc:creator>Rina</dc:creator>
  <category>Politics</category><category>Asia</category>
  <pubDate>Mon, 29 Sep 2025 10:15:00 +0700</pubDate>
  <media:content url="https://wire.example/a1.jpg" medium="image"/>
</item>
<item><title>Tanpa tanggal</title><link>https://wire.example/a2</link>
  <description>Teks biasa.</description><author>x@y.z (Budi)</author></item>
</channel></rss>)",
                        kWib);
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->format, "rss 2.0");
  EXPECT_EQ(feed->title, "Antara & Co");
  ASSERT_EQ(feed->entries.size(), 2u);
  const FeedEntry& e = feed->entries[0];
  EXPECT_EQ(e.key, "a1");
  EXPECT_EQ(e.title, "Korea Utara & China");
  EXPECT_EQ(e.html, "<p>Isi <b>lengkap</b>&nbsp;di sini.</p>");
  EXPECT_EQ(e.summary, "Ringkasan <b>tebal</b>");
  EXPECT_EQ(e.authors, std::vector<std::string>{"Rina"});
  EXPECT_EQ(e.categories, (std::vector<std::string>{"Politics", "Asia"}));
  EXPECT_EQ(e.image, "https://wire.example/a1.jpg");
  EXPECT_EQ(e.published, 1759115700);
  const FeedEntry& e2 = feed->entries[1];
  EXPECT_EQ(e2.key, "https://wire.example/a2");
  EXPECT_FALSE(e2.published.has_value());
  EXPECT_EQ(e2.authors, std::vector<std::string>{"Budi"});
}

TEST(FeedParserTest, ReadsRss091) {
  auto feed = ParseFeed(R"(<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
 "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Lama</title>
<link>http://old.example/</link><description>d</description><language>id</language>
<item><title>Berita lama</title><link>http://old.example/1</link>
<description>Satu &amp; dua</description></item>
</channel></rss>)",
                        kWib);
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->format, "rss 0.91");
  ASSERT_EQ(feed->entries.size(), 1u);
  EXPECT_EQ(feed->entries[0].key, "http://old.example/1");
  EXPECT_EQ(feed->entries[0].html, "Satu & dua");
}

TEST(FeedParserTest, ReadsAtom) {
  auto feed = ParseFeed(R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<link href="https://wire.example/"/>
<entry><id>urn:uuid:1</id><title type="html">A &amp;amp; B</title>
<link rel="alternate" href="https://wire.example/e1"/>
<updated>2025-09-29T03:15:00Z</updated>
<author><name>Sari</name></author><category term="sport" label="Sport"/>
<summary>Pendek</summary>
<content type="html">&lt;p&gt;Panjang&lt;/p&gt;</content></entry>
<entry><id>urn:uuid:2</id><title>Teks</title><content type="text">a &lt; b</content>
<published>2025-09-28T01:00:00+07:00</published></entry>
<entry><id>urn:uuid:3</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">X <b>tebal</b> Y</div></title>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Satu <a href="https://x.id/?a=1&amp;b=2">tautan</a> &amp; dua.</p><p>Tiga</p></div></content></entry>
</feed>)",
                        kWib);
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->format, "atom 1.0");
  ASSERT_EQ(feed->entries.size(), 3u);
  EXPECT_EQ(feed->entries[2].title, "X tebal Y");
  EXPECT_EQ(feed->entries[2].html,
            "<p>Satu <a href=\"https://x.id/?a=1&amp;b=2\">tautan</a> &amp; "
            "dua.</p><p>Tiga</p>");
  EXPECT_EQ(feed->entries[0].title, "A & B");
  EXPECT_EQ(feed->entries[0].html, "<p>Panjang</p>");
  EXPECT_EQ(feed->entries[0].summary, "Pendek");
  EXPECT_EQ(feed->entries[0].published, 1759115700);
  EXPECT_EQ(feed->entries[0].categories, std::vector<std::string>{"Sport"});
  EXPECT_EQ(feed->entries[1].html, "a &lt; b");
  EXPECT_EQ(feed->entries[1].published, 1758996000);
}

TEST(FeedParserTest, RejectsWhatIsNotAFeed) {
  EXPECT_NE(ParseFeed("<html><body>hi</body></html>", kWib)
                .status()
                .message()
                .find("neither an RSS nor an Atom feed"),
            std::string::npos);
  EXPECT_FALSE(ParseFeed("<rss version=\"2.0\"></rss>", kWib).ok());
  EXPECT_FALSE(
      ParseFeed("<rss><channel><item><title>x</item></channel></rss>", kWib)
          .ok());
}

}  // namespace
}  // namespace warta::ingest
