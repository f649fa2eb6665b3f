#include "index/prepared_doc.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "base/stop_signals.h"
#include "text/stopwords.h"

namespace warta::index {

PreparedDoc PrepareDoc(const text::Analyzer& analyzer, IndexDoc doc) {
  PreparedDoc p;
  std::unordered_map<std::string, std::uint32_t> term_index;
  std::unordered_set<std::string> seen_words;
  text::AnalyzeOptions ao;
  ao.expand_abbreviations = true;
  ao.keep_stopwords = true;
  const std::string* fields[kFieldCount] = {&doc.title, &doc.excerpt,
                                            &doc.body};
  int pos = 0;
  for (int f = 0; f < kFieldCount; ++f) {
    std::uint32_t hits = 0;
    int used = analyzer.Analyze(
        *fields[f], ao,
        [&](const text::TermHit& h) {
          auto [it, added] = term_index.try_emplace(
              std::string(h.term), static_cast<std::uint32_t>(p.terms.size()));
          if (added) {
            p.terms.emplace_back();
            p.terms.back().term = std::string(h.term);
          }
          PreparedDoc::Term& t = p.terms[it->second];
          ++t.tf[f];
          // Stopwords need no positions: phrases step over them.
          if (!text::IsStopword(h.term))
            t.positions.push_back(static_cast<std::uint32_t>(h.position));
          if (seen_words.insert(h.token->word).second)
            p.surfaces.emplace_back(h.token->word, it->second);
          ++hits;
        },
        pos);
    p.length[f] =
        static_cast<std::uint16_t>(std::min<std::uint32_t>(hits, 65535));
    pos += used + kFieldGap;
  }
  for (PreparedDoc::Term& t : p.terms)
    std::sort(t.positions.begin(), t.positions.end());
  p.names = analyzer.Names(doc.excerpt + " " + doc.body);
  p.doc = std::move(doc);
  p.doc.title.clear();
  p.doc.title.shrink_to_fit();
  p.doc.excerpt.clear();
  p.doc.excerpt.shrink_to_fit();
  p.doc.body.clear();
  p.doc.body.shrink_to_fit();
  return p;
}

DocPreparer::~DocPreparer() { Join(); }

void DocPreparer::Join() {
  for (std::thread& t : running_) t.join();
  running_.clear();
}

void DocPreparer::Work() {
  for (std::size_t i = next_++; i < in_.size(); i = next_++)
    out_[i] = PrepareDoc(analyzer_, std::move(in_[i]));
}

void DocPreparer::Start(std::vector<IndexDoc> batch) {
  Join();
  in_ = std::move(batch);
  out_.clear();
  out_.resize(in_.size());
  next_ = 0;
  const std::size_t threads = std::min<std::size_t>(threads_, in_.size());
  for (std::size_t k = 0; k < threads; ++k) {
    running_.push_back(ThreadWithoutStopSignals([this] {
      // Below the server's I/O threads (nice 10, this thread only): a
      // first build beside a serving site leaves the readers their cores.
      ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);
      Work();
    }));
  }
}

std::vector<PreparedDoc> DocPreparer::Take() {
  Work();
  Join();
  in_.clear();
  return std::move(out_);
}

}  // namespace warta::index
