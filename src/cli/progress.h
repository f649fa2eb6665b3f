// Progress of a long CLI job on stderr: on a terminal a bar redrawn in place
// (done/total when the total is known, items/s, ETA); otherwise a plain
// line every few seconds, for logs. Not thread-safe; one reporter per job.
#ifndef WARTA_CLI_PROGRESS_H_
#define WARTA_CLI_PROGRESS_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace warta::cli {

class Progress {
 public:
  // `label` starts plain lines ("warta import"), `noun` names the items
  // ("articles"). `tty`: draw the bar (else plain lines).
  Progress(FILE* out, std::string label, std::string noun, bool tty);

  // The total, once known (it may be counted on another thread).
  void SetTotal(std::int64_t total) { total_.store(total); }

  // Reports `done` items; draws when due (every 200 ms on a terminal,
  // every `line_seconds` otherwise).
  void Update(std::int64_t done);

  // Before other output on the same stream: erases a drawn bar (it comes
  // back with the next Update).
  void Clear();

  // Draws the last state and ends the bar's line.
  void Finish(std::int64_t done);

  // The text of one report, e.g. "12,000/100,000 articles  4,512/s  ETA 19s".
  std::string Line(std::int64_t done, double seconds) const;

  int line_seconds = 5;

 private:
  void Draw(std::int64_t done, bool last);

  FILE* out_;
  std::string label_;
  std::string noun_;
  bool tty_;
  std::atomic<std::int64_t> total_{-1};
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  bool drawn_ = false;
  bool bar_shown_ = false;  // a bar is on the line, without a newline
};

// "1,234,567".
std::string GroupThousands(std::int64_t n);

}  // namespace warta::cli

#endif  // WARTA_CLI_PROGRESS_H_
