#include "engines.h"

#include <sqlite3.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <map>
#include <unordered_map>

#include "index/doc.h"
#include "index/query.h"
#include "index/segment_builder.h"
#include "index/segment_file.h"
#include "index/snapshot.h"
#include "text/stopwords.h"
#include "text/tokenizer.h"

namespace warta::bench {
namespace {

constexpr Timestamp kFarFuture = std::numeric_limits<Timestamp>::max() / 2;

class WartaEngine : public Engine {
 public:
  explicit WartaEngine(const text::Analyzer& a) : analyzer_(a) {
    // For exploring parameters by hand; the defaults are what warta runs.
    if (const char* v = std::getenv("WARTA_BENCH_TITLE"))
      ranking_.weight[0] = std::atof(v);
    if (const char* v = std::getenv("WARTA_BENCH_EXCERPT"))
      ranking_.weight[1] = std::atof(v);
    if (const char* v = std::getenv("WARTA_BENCH_K1"))
      ranking_.k1 = std::atof(v);
    if (const char* v = std::getenv("WARTA_BENCH_TBONUS"))
      ranking_.title_bonus = std::atof(v);
    if (const char* v = std::getenv("WARTA_BENCH_BTITLE"))
      ranking_.b[0] = std::atof(v);
    if (const char* v = std::getenv("WARTA_BENCH_BBODY"))
      ranking_.b[2] = ranking_.b[1] = std::atof(v);
    builder_ = std::make_unique<index::SegmentBuilder>(
        a, index::RelatedFeatureOptions{}, ranking_);
  }
  std::string name() const override { return "warta"; }
  void Add(const BenchDoc& d) override {
    Article a;
    a.id = d.id;
    a.title = d.title;
    a.plaintext = d.body;
    a.published_at = d.published;
    auto [it, added] =
        categories_.emplace(d.category, std::int64_t(categories_.size()) + 1);
    a.category = Category{it->second, "", d.category, ""};
    builder_->Add(index::DocFromArticle(a, 0));
    now_ = std::max(now_, d.published);
  }
  void Finish() override {
    snapshot_ = std::make_unique<index::Snapshot>(
        std::vector<index::SegmentRef>{{builder_->Build(), nullptr}}, ranking_);
    builder_.reset();
    if (std::getenv("WARTA_BENCH_DEBUG"))
      std::fprintf(stderr, "warta index: %s\n",
                   snapshot_->segments()[0].segment->MemoryReport().c_str());
    if (const char* path = std::getenv("WARTA_BENCH_PERSIST")) Persist(path);
  }
  // Writes the segment to `path`, drops the heap copy and searches the
  // mapped file instead (what `warta serve` does after a restart).
  void Persist(const std::string& path) {
    using Clock = std::chrono::steady_clock;
    auto seconds = [](Clock::time_point a) {
      return std::chrono::duration<double>(Clock::now() - a).count();
    };
    auto t0 = Clock::now();
    Status w = index::WriteSegmentFile(*snapshot_->segments()[0].segment, path);
    const double write = seconds(t0);
    if (!w.ok()) {
      std::fprintf(stderr, "persist: %s\n", w.ToString().c_str());
      std::exit(1);
    }
    snapshot_.reset();
    TrimHeap();
    t0 = Clock::now();
    auto seg = index::OpenSegmentFile(path);
    const double open = seconds(t0);
    if (!seg.ok()) {
      std::fprintf(stderr, "persist: %s\n", seg.status().ToString().c_str());
      std::exit(1);
    }
    snapshot_ = std::make_unique<index::Snapshot>(
        std::vector<index::SegmentRef>{{*seg, nullptr}}, ranking_);
    std::fprintf(stderr,
                 "persisted index: %.0f MiB file, written in %.2f s, opened "
                 "(checked and mapped) in %.3f s\n",
                 std::filesystem::file_size(path) / 1048576.0, write, open);
  }
  std::vector<std::int64_t> Search(const std::string& q, int k) override {
    std::vector<std::int64_t> ids;
    auto parsed = index::ParseQuery(q, analyzer_);
    if (!parsed.ok()) return ids;
    index::SearchOptions o;
    o.limit = k;
    o.now = kFarFuture;
    for (const auto& h : snapshot_->Search(*parsed, o).hits)
      ids.push_back(h.article_id);
    return ids;
  }
  std::vector<std::int64_t> Related(std::int64_t id, int k) override {
    std::vector<std::int64_t> ids;
    index::RelatedOptions o;
    o.limit = k;
    o.now = now_;
    for (const auto& h : snapshot_->Related(id, o)) ids.push_back(h.article_id);
    return ids;
  }

 private:
  const text::Analyzer& analyzer_;
  index::RankingOptions ranking_;
  std::unique_ptr<index::SegmentBuilder> builder_;
  std::unique_ptr<index::Snapshot> snapshot_;
  std::map<std::string, std::int64_t> categories_;
  Timestamp now_ = 0;
};

// Words for the peers' query strings: tokens of the query, quoted.
std::vector<std::string> QueryWords(const std::string& q) {
  std::vector<text::Token> tokens;
  text::Tokenize(q, tokens);
  std::vector<std::string> out;
  for (const auto& t : tokens) {
    std::string w;
    for (char c : t.word) w += c == '-' ? ' ' : c;
    out.push_back(w);
  }
  return out;
}

class Fts5Engine : public Engine {
 public:
  explicit Fts5Engine(const std::string& path) {
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    sqlite3_open(path.c_str(), &db_);
    Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;");
    Exec(
        "CREATE VIRTUAL TABLE fts USING fts5(title, body, "
        "tokenize = 'unicode61 remove_diacritics 2')");
    Exec("BEGIN");
    sqlite3_prepare_v2(db_,
                       "INSERT INTO fts(rowid, title, body) VALUES (?,?,?)", -1,
                       &insert_, nullptr);
  }
  ~Fts5Engine() override {
    sqlite3_finalize(insert_);
    sqlite3_finalize(search_);
    sqlite3_finalize(body_);
    sqlite3_close(db_);
  }
  std::string name() const override { return "fts5"; }
  void Add(const BenchDoc& d) override {
    sqlite3_bind_int64(insert_, 1, d.id);
    sqlite3_bind_text(insert_, 2, d.title.data(), int(d.title.size()),
                      SQLITE_STATIC);
    sqlite3_bind_text(insert_, 3, d.body.data(), int(d.body.size()),
                      SQLITE_STATIC);
    sqlite3_step(insert_);
    sqlite3_reset(insert_);
    if (++pending_ % 20000 == 0) {
      Exec("COMMIT");
      Exec("BEGIN");
    }
  }
  void Finish() override {
    Exec("COMMIT");
    Exec("INSERT INTO fts(fts) VALUES('optimize')");
    // Title weighted 3:1 (WARTA_BENCH_PEER_TITLE changes it).
    std::string title = std::getenv("WARTA_BENCH_PEER_TITLE")
                            ? std::getenv("WARTA_BENCH_PEER_TITLE")
                            : "3";
    std::string sql =
        "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, " + title +
        ", 1.0) LIMIT ?";
    sqlite3_prepare_v2(db_, sql.c_str(), -1, &search_, nullptr);
    sqlite3_prepare_v2(db_, "SELECT body FROM fts WHERE rowid = ?", -1, &body_,
                       nullptr);
  }
  std::vector<std::int64_t> Run(const std::string& match, int k) {
    std::vector<std::int64_t> ids;
    sqlite3_bind_text(search_, 1, match.data(), int(match.size()),
                      SQLITE_TRANSIENT);
    sqlite3_bind_int(search_, 2, k);
    while (sqlite3_step(search_) == SQLITE_ROW)
      ids.push_back(sqlite3_column_int64(search_, 0));
    sqlite3_reset(search_);
    return ids;
  }
  std::vector<std::int64_t> Search(const std::string& q, int k) override {
    auto words = QueryWords(q);
    if (words.empty()) return {};
    std::string all, any;
    for (const auto& w : words) {
      all += (all.empty() ? "\"" : " \"") + w + "\"";
      any += (any.empty() ? "\"" : " OR \"") + w + "\"";
    }
    auto ids = Run(all, k);
    if (ids.empty() && words.size() > 1) ids = Run(any, k);
    return ids;
  }
  std::vector<std::int64_t> Related(std::int64_t id, int k) override {
    // More like this: the article's ten most frequent content words.
    sqlite3_bind_int64(body_, 1, id);
    std::string body;
    if (sqlite3_step(body_) == SQLITE_ROW)
      body = reinterpret_cast<const char*>(sqlite3_column_text(body_, 0));
    sqlite3_reset(body_);
    std::vector<text::Token> tokens;
    text::Tokenize(body, tokens);
    std::unordered_map<std::string, int> tf;
    for (const auto& t : tokens) {
      if (t.word.size() >= 4 && !text::IsStopword(t.word) &&
          t.word.find('-') == std::string::npos)
        ++tf[t.word];
    }
    std::vector<std::pair<int, std::string>> top;
    for (auto& [w, n] : tf) top.emplace_back(n, w);
    std::sort(top.begin(), top.end(), std::greater<>());
    if (top.size() > 10) top.resize(10);
    std::string any;
    for (const auto& [n, w] : top)
      any += (any.empty() ? "\"" : " OR \"") + w + "\"";
    std::vector<std::int64_t> out;
    if (any.empty()) return out;
    for (std::int64_t r : Run(any, k + 1)) {
      if (r != id && static_cast<int>(out.size()) < k) out.push_back(r);
    }
    return out;
  }

 private:
  void Exec(const char* sql) {
    sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
  }
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  sqlite3_stmt* search_ = nullptr;
  sqlite3_stmt* body_ = nullptr;
  std::int64_t pending_ = 0;
};

class XapianEngine : public Engine {
 public:
  XapianEngine(const std::string& dir, bool or_default)
      : or_default_(or_default), stem_("indonesian") {
    if (dir.empty()) {
      db_ =
          Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
    } else {
      std::filesystem::remove_all(dir);
      db_ = Xapian::WritableDatabase(
          dir, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    }
    tg_.set_stemmer(stem_);
    tg_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    qp_.set_stemmer(stem_);
    qp_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  }
  std::string name() const override {
    return or_default_ ? "xapian-or" : "xapian";
  }
  void Add(const BenchDoc& d) override {
    Xapian::Document doc;
    tg_.set_document(doc);
    tg_.index_text(d.title, title_weight_);  // title weighted 3:1, as FTS5
    tg_.increase_termpos();
    tg_.index_text(d.body);
    db_.replace_document(static_cast<Xapian::docid>(d.id), doc);
    if (++pending_ % 50000 == 0) db_.commit();
  }
  void Finish() override {
    db_.commit();
    qp_.set_database(db_);
  }
  std::vector<std::int64_t> Run(const Xapian::Query& query, int k,
                                std::int64_t skip = 0) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    std::vector<std::int64_t> ids;
    Xapian::MSet m = enquire.get_mset(0, k + (skip ? 1 : 0));
    for (auto it = m.begin(); it != m.end(); ++it) {
      if (static_cast<std::int64_t>(*it) == skip) continue;
      if (static_cast<int>(ids.size()) < k) ids.push_back(*it);
    }
    return ids;
  }
  std::vector<std::int64_t> Search(const std::string& q, int k) override {
    auto words = QueryWords(q);
    std::string text;
    for (const auto& w : words) text += w + " ";
    if (text.empty()) return {};
    qp_.set_default_op(or_default_ ? Xapian::Query::OP_OR
                                   : Xapian::Query::OP_AND);
    auto ids = Run(qp_.parse_query(text), k);
    if (ids.empty() && !or_default_ && words.size() > 1) {
      qp_.set_default_op(Xapian::Query::OP_OR);
      ids = Run(qp_.parse_query(text), k);
    }
    return ids;
  }
  std::vector<std::int64_t> Related(std::int64_t id, int k) override {
    // Xapian's own "more like this": expand the article as relevance set.
    Xapian::Enquire enquire(db_);
    Xapian::RSet rset;
    rset.add_document(static_cast<Xapian::docid>(id));
    Xapian::ESet eset = enquire.get_eset(10, rset);
    Xapian::Query q(Xapian::Query::OP_OR, eset.begin(), eset.end());
    return Run(q, k, id);
  }

 private:
  bool or_default_;
  unsigned title_weight_ =
      std::getenv("WARTA_BENCH_PEER_TITLE")
          ? std::atoi(std::getenv("WARTA_BENCH_PEER_TITLE"))
          : 3;
  Xapian::Stem stem_;
  Xapian::WritableDatabase db_;
  Xapian::TermGenerator tg_;
  Xapian::QueryParser qp_;
  std::int64_t pending_ = 0;
};

}  // namespace

std::unique_ptr<Engine> MakeWarta(const text::Analyzer& analyzer) {
  return std::make_unique<WartaEngine>(analyzer);
}
std::unique_ptr<Engine> MakeFts5(const std::string& path) {
  return std::make_unique<Fts5Engine>(path);
}
std::unique_ptr<Engine> MakeXapian(const std::string& dir, bool or_default) {
  return std::make_unique<XapianEngine>(dir, or_default);
}

}  // namespace warta::bench
