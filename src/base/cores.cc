#include "base/cores.h"

#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <thread>

namespace warta {

int UsableCores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof(set), &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return n;
  }
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

namespace {
id_t ThisThread() { return static_cast<id_t>(::syscall(SYS_gettid)); }
}  // namespace

int ThisThreadsNice() {
  errno = 0;
  const int nice = ::getpriority(PRIO_PROCESS, ThisThread());
  return errno == 0 ? nice : 0;
}

bool LowerThisThreadsPriority(int steps) {
  if (steps <= 0) return true;
  const int to = std::min(ThisThreadsNice() + steps, 19);
  return ::setpriority(PRIO_PROCESS, ThisThread(), to) == 0;
}

}  // namespace warta
