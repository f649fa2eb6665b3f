// PreparedDoc: a document analyzed for SegmentBuilder::Add, apart from the
// builder. Analysis (tokens, stems, names) is most of a build's work and
// needs nothing of the segment, so a whole-archive build prepares documents
// on other threads (DocPreparer) while its own thread numbers the terms and
// appends the postings, which must be done in document order.
#ifndef WARTA_INDEX_PREPARED_DOC_H_
#define WARTA_INDEX_PREPARED_DOC_H_

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "index/doc.h"
#include "index/segment.h"
#include "text/analyzer.h"

namespace warta::index {

struct PreparedDoc {
  // The document without its texts (title, excerpt and body are emptied).
  IndexDoc doc;
  struct Term {
    std::string term;
    std::uint32_t tf[kFieldCount] = {0, 0, 0};
    std::vector<std::uint32_t> positions;  // ascending; none for stopwords
  };
  // Distinct terms, in the order they first occur.
  std::vector<Term> terms;
  // Each distinct word as folded from the text, with the index in `terms`
  // of the first term it gave, in the order the words first occur.
  std::vector<std::pair<std::string, std::uint32_t>> surfaces;
  std::uint16_t length[kFieldCount] = {0, 0, 0};  // terms per field
  // Names in excerpt and body (Analyzer::Names), for related articles.
  std::vector<std::string> names;
};

// Analyzes `doc` the way a segment indexes it. Thread-safe.
PreparedDoc PrepareDoc(const text::Analyzer& analyzer, IndexDoc doc);

// Prepares batches of documents on `threads` other threads: Start(batch)
// returns at once, Take() waits for that batch prepared, in its order, and
// the calling thread prepares the documents not yet begun meanwhile (so the
// batch takes what the work takes, whoever is free). One batch at a time;
// Take() with no batch started returns none, and an empty batch starts no
// thread, so a loop may take and start unconditionally. A batch started and
// not taken is finished and dropped by the destructor.
// The threads block the stop signals (base/stop_signals.h) and run at nice
// 10.
class DocPreparer {
 public:
  DocPreparer(const text::Analyzer& analyzer, int threads)
      : analyzer_(analyzer), threads_(threads < 1 ? 1 : threads) {}
  ~DocPreparer();
  DocPreparer(const DocPreparer&) = delete;
  DocPreparer& operator=(const DocPreparer&) = delete;

  void Start(std::vector<IndexDoc> batch);
  std::vector<PreparedDoc> Take();

 private:
  // Prepares documents of the batch until none is left to begin.
  void Work();
  void Join();

  const text::Analyzer& analyzer_;
  const int threads_;
  std::vector<std::thread> running_;
  std::vector<IndexDoc> in_;
  std::vector<PreparedDoc> out_;
  std::atomic<std::size_t> next_{0};
};

}  // namespace warta::index

#endif  // WARTA_INDEX_PREPARED_DOC_H_
