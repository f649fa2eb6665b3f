// step_profile: an LD_PRELOAD library that times sqlite3_step on the main
// thread (the import's writer) and writes, at exit, the wall time, calls and
// rows of each SQL text, largest first (docs/benchmarks.md, "The writer
// statement by statement").
//
//   STEP_PROFILE_OUT=prof.txt LD_PRELOAD=build/bench/libstep_profile.so
//       build/warta import --data DIR --quiet FILE.jsonl   (one command line)
//
// warta calls sqlite3_step through the shared libsqlite3, so the library's
// definition is the one it reaches. COMMIT shows when it goes through a
// prepared statement; sqlite3_exec's own steps are not seen. The time is
// wall time: it includes waiting for a core and for I/O.
#include <dlfcn.h>
#include <sqlite3.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

struct Sum {
  std::uint64_t ns = 0;
  std::uint64_t calls = 0;
  std::uint64_t rows = 0;
};

using StepFn = int (*)(sqlite3_stmt*);

std::uint64_t NowNs() {
  timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<std::uint64_t>(t.tv_sec) * 1000000000u +
         static_cast<std::uint64_t>(t.tv_nsec);
}

// Keyed by the statement's text (its first 200 bytes): statements are
// prepared again and again, so their pointers are not stable keys.
class Profile {
 public:
  Profile() : main_tid_(getpid()) {}

  pid_t main_tid() const { return main_tid_; }
  void Add(const char* sql, std::uint64_t ns, bool row) {
    std::string key = sql ? std::string(sql, strnlen(sql, 200)) : "?";
    Sum& s = sums_[key];
    s.ns += ns;
    ++s.calls;
    if (row) ++s.rows;
  }

  void Write() const {
    std::vector<std::pair<std::string, Sum>> all(sums_.begin(), sums_.end());
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
      return a.second.ns > b.second.ns;
    });
    std::uint64_t total = 0;
    for (const auto& [sql, s] : all) total += s.ns;
    const char* path = getenv("STEP_PROFILE_OUT");
    FILE* f = fopen(path ? path : "step_profile.txt", "w");
    if (!f) return;
    fprintf(f, "total %.3f s in sqlite3_step on the main thread\n",
            static_cast<double>(total) / 1e9);
    for (const auto& [sql, s] : all) {
      std::string line = sql;
      std::replace(line.begin(), line.end(), '\n', ' ');
      fprintf(
          f, "%9.3f s %5.1f%% %10llu calls %10llu rows  %s\n",
          static_cast<double>(s.ns) / 1e9,
          total ? 100.0 * static_cast<double>(s.ns) / static_cast<double>(total)
                : 0.0,
          static_cast<unsigned long long>(s.calls),
          static_cast<unsigned long long>(s.rows), line.c_str());
    }
    fclose(f);
  }

 private:
  const pid_t main_tid_;
  std::unordered_map<std::string, Sum> sums_;  // the main thread's only
};

// Never destroyed: a statement may still step while statics go.
Profile& TheProfile() {
  static Profile* profile = new Profile();
  return *profile;
}

// Writes the profile when the process exits normally.
struct WriteAtExit {
  WriteAtExit() { TheProfile(); }
  ~WriteAtExit() { TheProfile().Write(); }
} write_at_exit;

}  // namespace

extern "C" int sqlite3_step(sqlite3_stmt* st) {
  static const StepFn real =
      reinterpret_cast<StepFn>(dlsym(RTLD_NEXT, "sqlite3_step"));
  static thread_local const pid_t tid = static_cast<pid_t>(syscall(SYS_gettid));
  if (tid != TheProfile().main_tid()) return real(st);
  const std::uint64_t start = NowNs();
  const int rc = real(st);
  TheProfile().Add(sqlite3_sql(st), NowNs() - start, rc == SQLITE_ROW);
  return rc;
}
