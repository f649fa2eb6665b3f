// Scheduler: publishes scheduled articles when their time comes, driven by
// the server's own clock, not by visits. A background thread calls
// Newsroom::PublishDue() at start (so articles that fell due while the
// server was down publish at once) and then every `interval`. Several
// processes may run one each: the store's conditional update publishes
// each article exactly once. Thread-safe.
#ifndef WARTA_NEWSROOM_SCHEDULER_H_
#define WARTA_NEWSROOM_SCHEDULER_H_

#include <chrono>
#include <functional>
#include <thread>

#include "base/mutex.h"
#include "newsroom/newsroom.h"

namespace warta {

class Scheduler {
 public:
  // `newsroom` must outlive the scheduler. `on_error` (optional) hears of
  // store failures; the scheduler keeps going.
  Scheduler(Newsroom& newsroom, std::chrono::milliseconds interval,
            std::function<void(const Status&)> on_error = nullptr);
  ~Scheduler();  // Stops.
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Runs one pass at once, then starts the thread. Returns the first pass's
  // result (the articles published at start-up).
  Result<std::vector<Article>> Start();
  // Stops the thread and waits for it; idempotent.
  void Stop();
  // One pass on the caller's thread.
  Result<std::vector<Article>> RunOnce() { return newsroom_.PublishDue(); }
  // Number of articles this scheduler has published.
  std::int64_t published_count() const;

 private:
  void Loop() EXCLUDES(mu_);

  Newsroom& newsroom_;
  std::chrono::milliseconds interval_;
  std::function<void(const Status&)> on_error_;
  mutable Mutex mu_;
  CondVar cv_;
  bool stop_ GUARDED_BY(mu_) = false;
  std::int64_t published_ GUARDED_BY(mu_) = 0;
  std::thread thread_;
};

}  // namespace warta

#endif  // WARTA_NEWSROOM_SCHEDULER_H_
