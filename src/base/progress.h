// Progress of a long task on the terminal: on a tty one line redrawn in
// place ("search index [#####.....] 51,200/100,000 51% 3,410/s ETA 14s"), at
// most ten times a second; otherwise a plain line every few seconds, for
// logs. Not thread-safe: one thread reports.
#ifndef WARTA_BASE_PROGRESS_H_
#define WARTA_BASE_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace warta {

class Progress {
 public:
  // `label` starts each line; `out` is written to (stderr by default).
  explicit Progress(std::string label, std::FILE* out = stderr);
  // Done so far, of `total` (0: unknown).
  void Update(std::uint64_t done, std::uint64_t total);
  // The final line, with the elapsed time.
  void Finish();

  // The text of one report (for tests): label, bar when total is known,
  // counts, percentage, rate and estimated time left.
  static std::string Line(const std::string& label, std::uint64_t done,
                          std::uint64_t total, double seconds, bool bar);

 private:
  std::string label_;
  std::FILE* out_;
  bool tty_;
  std::chrono::steady_clock::time_point start_, last_;
  std::uint64_t done_ = 0, total_ = 0;
  bool shown_ = false;
};

}  // namespace warta

#endif  // WARTA_BASE_PROGRESS_H_
