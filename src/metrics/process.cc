// process_* metrics from /proc/self, as the Prometheus client libraries
// name them.
#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "metrics/metrics.h"

namespace warta::metrics {
namespace {

int CountOpenFds() {
  DIR* d = ::opendir("/proc/self/fd");
  if (!d) return -1;
  int n = 0;
  while (struct dirent* e = ::readdir(d)) {
    if (e->d_name[0] != '.') ++n;
  }
  ::closedir(d);
  return n - 1;  // the directory stream's own descriptor
}

double BootTimeSeconds() {
  std::ifstream in("/proc/stat");
  std::string key;
  double value = 0;
  while (in >> key) {
    if (key == "btime") {
      in >> value;
      return value;
    }
    in.ignore(1 << 16, '\n');
  }
  return 0;
}

}  // namespace

void WriteProcessMetrics(Writer& w) {
  std::ifstream in("/proc/self/stat");
  std::string stat((std::istreambuf_iterator<char>(in)),
                   std::istreambuf_iterator<char>());
  // Fields after the command name, which is in parentheses and may hold
  // spaces: state is field 3; utime 14, stime 15, starttime 22, vsize 23,
  // rss 24 (1-based over the whole line).
  size_t close = stat.rfind(')');
  if (close == std::string::npos) return;
  std::istringstream fields(stat.substr(close + 2));
  std::vector<std::string> f;
  for (std::string s; fields >> s;) f.push_back(s);
  auto field = [&](int n) -> double {  // n: 1-based field number of the line
    size_t i = static_cast<size_t>(n - 3);
    return i < f.size() ? std::stod(f[i]) : 0;
  };
  const double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
  const double page = static_cast<double>(::sysconf(_SC_PAGESIZE));
  w.Header("process_cpu_seconds_total",
           "Total user and system CPU time spent in seconds.", Type::kCounter);
  w.Sample("process_cpu_seconds_total", (field(14) + field(15)) / ticks);
  w.Header("process_resident_memory_bytes", "Resident memory size in bytes.",
           Type::kGauge);
  w.Sample("process_resident_memory_bytes", field(24) * page);
  w.Header("process_virtual_memory_bytes", "Virtual memory size in bytes.",
           Type::kGauge);
  w.Sample("process_virtual_memory_bytes", field(23));
  w.Header("process_start_time_seconds",
           "Start time of the process since unix epoch in seconds.",
           Type::kGauge);
  w.Sample("process_start_time_seconds", BootTimeSeconds() + field(22) / ticks);
  w.Header("process_open_fds", "Number of open file descriptors.",
           Type::kGauge);
  w.Sample("process_open_fds", CountOpenFds());
  struct rlimit lim;
  if (::getrlimit(RLIMIT_NOFILE, &lim) == 0) {
    w.Header("process_max_fds", "Maximum number of open file descriptors.",
             Type::kGauge);
    w.Sample("process_max_fds", static_cast<double>(lim.rlim_cur));
  }
}

}  // namespace warta::metrics
