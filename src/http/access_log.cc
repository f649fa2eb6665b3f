#include "http/access_log.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "base/log.h"
#include "base/mutex.h"
#include "base/strings.h"
#include "base/time.h"

namespace warta::http {
namespace {

void AppendEscaped(std::string& out, std::string_view s, size_t max = 1024) {
  static constexpr char kHex[] = "0123456789abcdef";
  if (s.size() > max) s = s.substr(0, max);
  std::size_t run = 0;  // start of the bytes not yet appended
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool quote = c == '"' || c == '\\';
    if (!quote && c >= 0x20 && c != 0x7f) continue;
    out.append(s.data() + run, i - run);  // a clean run in one piece
    run = i + 1;
    if (quote) {
      out += '\\';
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  out.append(s.data() + run, s.size() - run);
}

bool SecretName(std::string_view name) {
  std::string lower = AsciiLower(name);
  for (std::string_view word : {"token", "password", "passwd", "secret", "key",
                                "auth", "session", "csrf", "signature"}) {
    if (lower.find(word) != std::string::npos) return true;
  }
  return false;
}

template <class Int>
void AppendInt(std::string& out, Int value) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, end);
}

constexpr std::size_t kBufferMax = 1 << 20;    // per thread
constexpr std::size_t kFlushSoon = 64 * 1024;  // wake the writer early
constexpr std::chrono::milliseconds kFlushEvery{20};

// At most this much per write(2): a flush of a busy second's lines is
// several short system calls, so the I/O threads sharing the writer's core
// wait less behind any one of them.
constexpr std::size_t kWriteChunk = 64 * 1024;

void WriteAll(std::string_view data) {
  while (!data.empty()) {
    ssize_t n =
        ::write(STDERR_FILENO, data.data(), std::min(data.size(), kWriteChunk));
    if (n <= 0) return;
    data.remove_prefix(static_cast<size_t>(n));
  }
}

// One thread's lines not yet written. `mu` is shared only with the writer.
struct ThreadBuffer {
  // A full buffer's room from the start (address space; pages are touched
  // as lines arrive): a burst never grows it on the request path.
  ThreadBuffer() { lines.reserve(kBufferMax); }
  Mutex mu;
  std::string lines GUARDED_BY(mu);
};

class Writer {
 public:
  Writer() { spare_.reserve(kBufferMax); }  // see ThreadBuffer
  ~Writer() {
    {
      MutexLock lock(&mu_);
      stopping_ = true;
    }
    cv_.NotifyAll();
    if (thread_.joinable()) thread_.join();
    Flush();
  }

  ThreadBuffer& Mine() {
    thread_local std::shared_ptr<ThreadBuffer> mine;
    if (!mine) {
      mine = std::make_shared<ThreadBuffer>();
      MutexLock lock(&mu_);
      buffers_.push_back(mine);
      if (!thread_.joinable()) thread_ = std::thread([this] { Loop(); });
    }
    return *mine;
  }

  void WakeSoon() { cv_.NotifyOne(); }

  void Flush() {
    MutexLock flushing(&flush_mu_);
    std::vector<std::shared_ptr<ThreadBuffer>> buffers;
    {
      MutexLock lock(&mu_);
      buffers = buffers_;
    }
    for (const auto& b : buffers) {
      {
        MutexLock lock(&b->mu);
        if (b->lines.empty()) continue;
        spare_.swap(b->lines);
      }
      WriteAll(spare_);
      spare_.clear();
      // The next thread to swap gets a buffer with a full buffer's room.
      spare_.reserve(kBufferMax);
    }
  }

  std::atomic<std::uint64_t> dropped{0};

 private:
  void Loop() {
    // Below the I/O threads (nice 10, this thread only): the scheduler
    // prefers a reader's request to the log's flush, which only needs to
    // keep up on average (a full buffer drops lines, counted).
    ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);
    MutexLock lock(&mu_);
    while (!stopping_) {
      cv_.WaitFor(&mu_, kFlushEvery);
      if (stopping_) break;
      lock.Unlock();
      Flush();
      lock.Lock();
    }
  }

  Mutex mu_;
  CondVar cv_;
  std::vector<std::shared_ptr<ThreadBuffer>> buffers_ GUARDED_BY(mu_);
  bool stopping_ GUARDED_BY(mu_) = false;
  std::thread thread_ GUARDED_BY(mu_);
  Mutex flush_mu_;  // one flush at a time
  std::string spare_ GUARDED_BY(flush_mu_);
};

Writer& TheWriter() {
  static Writer writer;
  return writer;
}

// "2026-12-04T13:00:00Z I " for the current second, per thread, formatted
// in place (no allocation on the request path).
std::string_view LinePrefix() {
  struct Cached {
    Timestamp second = -1;
    char text[48];
    int size = 0;
  };
  thread_local Cached cached;
  Timestamp now = RealClock::Get().Now();
  if (cached.second != now) {
    CivilTime c = ToCivil(now);
    cached.size = std::snprintf(cached.text, sizeof cached.text,
                                "%04d-%02d-%02dT%02d:%02d:%02dZ I ", c.year,
                                c.month, c.day, c.hour, c.minute, c.second);
    cached.size = std::clamp(cached.size, 0, int{sizeof cached.text} - 1);
    cached.second = now;
  }
  return {cached.text, static_cast<std::size_t>(cached.size)};
}

}  // namespace

std::string RedactTarget(std::string_view target) {
  size_t q = target.find('?');
  if (q == std::string_view::npos) return std::string(target);
  std::string out(target.substr(0, q + 1));
  bool first = true;
  for (std::string_view pair : Split(target.substr(q + 1), '&')) {
    if (!first) out += '&';
    first = false;
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos && SecretName(pair.substr(0, eq))) {
      out += pair.substr(0, eq + 1);
      out += "REDACTED";
    } else {
      out += pair;
    }
  }
  return out;
}

void AppendAccessLog(const AccessLogEntry& e, std::string* out) {
  std::string& line = *out;
  line += e.remote_ip.empty() ? std::string_view("-") : e.remote_ip;
  line += " \"";
  AppendEscaped(line, e.method, 32);
  line += ' ';
  if (e.target.empty()) {
    line += '-';
  } else if (e.target.find('?') == std::string_view::npos) {
    AppendEscaped(line, e.target);  // nothing to redact
  } else {
    AppendEscaped(line, RedactTarget(e.target));
  }
  line += e.version == 10 ? " HTTP/1.0\" " : " HTTP/1.1\" ";
  AppendInt(line, e.status);
  line += ' ';
  AppendInt(line, e.bytes);
  // Tenths of a millisecond under 100 ms, whole ones above (rounded half
  // up), formatted without printf.
  const std::int64_t ns = std::max<std::int64_t>(
      0,
      std::chrono::duration_cast<std::chrono::nanoseconds>(e.duration).count());
  line += ' ';
  if (ns < 100'000'000) {
    const std::int64_t tenths = (ns + 50'000) / 100'000;
    AppendInt(line, tenths / 10);
    line += '.';
    line += static_cast<char>('0' + tenths % 10);
  } else {
    AppendInt(line, (ns + 500'000) / 1'000'000);
  }
  line += "ms \"";
  AppendEscaped(line,
                e.user_agent.empty() ? std::string_view("-") : e.user_agent);
  line += '"';
  if (!e.request_id.empty()) {
    line += " id=";
    AppendEscaped(line, e.request_id, 128);
  }
}

std::string FormatAccessLog(const AccessLogEntry& e) {
  std::string line;
  line.reserve(128 + e.target.size() + e.user_agent.size());
  AppendAccessLog(e, &line);
  return line;
}

namespace {

// The text line into the calling thread's buffer, as LogInfo would write it.
void WriteTextLine(const AccessLogEntry& e) {
  if (GetLogLevel() > LogLevel::kInfo) return;
  Writer& writer = TheWriter();
  ThreadBuffer& b = writer.Mine();
  std::string_view prefix = LinePrefix();
  // The longest line AppendAccessLog makes: escaping at most quadruples the
  // target, agent and id.
  std::size_t most =
      prefix.size() + 256 +
      4 * (e.target.size() + e.user_agent.size() + e.request_id.size());
  bool wake = false;
  {
    MutexLock lock(&b.mu);
    if (b.lines.size() + most > kBufferMax) {
      writer.dropped.fetch_add(1, std::memory_order_relaxed);
      return;
    }
    b.lines += prefix;
    AppendAccessLog(e, &b.lines);
    b.lines += '\n';
    wake = b.lines.size() >= kFlushSoon;
  }
  if (wake) writer.WakeSoon();
}

}  // namespace

void WriteAccessLog(const AccessLogEntry& e) {
  if (GetLogFormat() != LogFormat::kJson) return WriteTextLine(e);
  char ms[32];
  std::snprintf(ms, sizeof ms, "%.3f",
                std::chrono::duration<double, std::milli>(e.duration).count());
  std::string_view ua = e.user_agent;
  if (ua.size() > 1024) ua = ua.substr(0, 1024);
  std::string_view target = e.target;
  if (target.size() > 4096) target = target.substr(0, 4096);
  Log(LogLevel::kInfo, "request",
      {{"remote_ip", std::string(e.remote_ip)},
       {"method", std::string(e.method.substr(0, 32))},
       {"target", RedactTarget(target)},
       {"status", std::to_string(e.status), true},
       {"bytes", std::to_string(e.bytes), true},
       {"duration_ms", ms, true},
       {"user_agent", std::string(ua)},
       {"route", std::string(e.route)},
       {"request_id", std::string(e.request_id)}});
}

void FlushAccessLog() { TheWriter().Flush(); }

std::uint64_t DroppedAccessLogLines() {
  return TheWriter().dropped.load(std::memory_order_relaxed);
}

}  // namespace warta::http
