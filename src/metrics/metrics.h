// Metrics: counters, gauges and histograms kept in relaxed atomics (no lock
// on the path that counts), grouped in labelled families in a Registry that
// renders them in the Prometheus text exposition format (version 0.0.4).
// Looking up a labelled child (Family::With) takes the family's lock: do it
// once, at set-up, and keep the reference (children live as long as the
// registry). Collectors add values computed at scrape time (cache sizes,
// index size). Thread-safe.
#ifndef WARTA_METRICS_METRICS_H_
#define WARTA_METRICS_METRICS_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "base/mutex.h"

namespace warta::metrics {

class Counter {
 public:
  void Inc(std::uint64_t n = 1) { v_.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t value() const { return v_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> v_{0};
};

class Gauge {
 public:
  void Set(double v) { v_.store(v, std::memory_order_relaxed); }
  void Add(double d) { v_.fetch_add(d, std::memory_order_relaxed); }
  double value() const { return v_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> v_{0};
};

// Upper bounds of histogram buckets, ascending; +Inf is implied.
using Buckets = std::vector<double>;
// 0.5 ms .. 10 s: request, render, search and store latencies in seconds.
const Buckets& LatencyBuckets();
// 1 s .. 1 h: delays such as a scheduled publish running late.
const Buckets& DelayBuckets();

class Histogram {
 public:
  explicit Histogram(const Buckets& bounds);
  void Observe(double v);
  // Cumulative counts per bound, then the total count.
  std::vector<std::uint64_t> CumulativeCounts() const;
  double sum() const { return sum_.load(std::memory_order_relaxed); }
  const Buckets& bounds() const { return bounds_; }

 private:
  Buckets bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> counts_;  // bounds + 1
  std::atomic<double> sum_{0};
};

// Whether store statements read the clock for their latency histogram (on
// by default). A command that serves no /metrics (`warta import`) turns it
// off: two clock reads a statement, ~80 statements an imported article.
inline std::atomic<bool> g_statement_timing{true};
inline void SetStatementTiming(bool on) {
  g_statement_timing.store(on, std::memory_order_relaxed);
}
inline bool StatementTiming() {
  return g_statement_timing.load(std::memory_order_relaxed);
}

// Measures from construction to destruction into a histogram, in seconds.
class Timer {
 public:
  explicit Timer(Histogram& h) : h_(h), start_(Now()) {}
  ~Timer() { h_.Observe(Elapsed()); }
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;
  double Elapsed() const;

 private:
  static std::int64_t Now();
  Histogram& h_;
  std::int64_t start_;
};

enum class Type { kCounter, kGauge, kHistogram };

// A metric and its children by label values.
template <typename T>
class Family {
 public:
  Family(std::vector<std::string> label_names, Buckets buckets = {})
      : label_names_(std::move(label_names)), buckets_(std::move(buckets)) {}

  // The child for these label values (as many as the family has names),
  // created on first use. Takes a lock: keep the reference.
  T& With(std::initializer_list<std::string_view> values = {}) {
    std::vector<std::string> key(values.begin(), values.end());
    MutexLock lock(&mu_);
    auto it = children_.find(key);
    if (it == children_.end()) {
      it = children_.emplace(std::move(key), Make()).first;
    }
    return *it->second;
  }

  const std::vector<std::string>& label_names() const { return label_names_; }

  // Calls fn(label values, child) for each child, in label order.
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    MutexLock lock(&mu_);
    for (const auto& [key, child] : children_) fn(key, *child);
  }

 private:
  std::unique_ptr<T> Make() const {
    if constexpr (std::is_same_v<T, Histogram>) {
      return std::make_unique<T>(buckets_);
    } else {
      return std::make_unique<T>();
    }
  }
  std::vector<std::string> label_names_;
  Buckets buckets_;
  mutable Mutex mu_;
  std::map<std::vector<std::string>, std::unique_ptr<T>> children_
      GUARDED_BY(mu_);
};

// Writes families in the text format; for collectors.
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  // "# HELP" and "# TYPE" lines; call once per family, before its samples.
  void Header(std::string_view name, std::string_view help, Type type);
  // One sample line: name{labels} value.
  void Sample(std::string_view name,
              const std::vector<std::pair<std::string, std::string>>& labels,
              double value);
  void Sample(std::string_view name, double value) { Sample(name, {}, value); }
  // A whole histogram child's _bucket, _sum and _count lines.
  void HistogramSamples(
      std::string_view name,
      const std::vector<std::pair<std::string, std::string>>& labels,
      const Histogram& h);

 private:
  std::string& out_;
};

class Registry {
 public:
  Registry() = default;
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // The process-wide registry that /metrics serves.
  static Registry& Default();

  // The family with this name, created on first call; later calls with the
  // same name return it (their help and labels are ignored). Names follow
  // Prometheus conventions: counters end in _total, units are seconds and
  // bytes.
  Family<Counter>& CounterFamily(const std::string& name,
                                 const std::string& help,
                                 std::vector<std::string> labels = {});
  Family<Gauge>& GaugeFamily(const std::string& name, const std::string& help,
                             std::vector<std::string> labels = {});
  Family<Histogram>& HistogramFamily(const std::string& name,
                                     const std::string& help,
                                     std::vector<std::string> labels,
                                     const Buckets& buckets);
  // Shorthands for families without labels.
  Counter& GetCounter(const std::string& name, const std::string& help) {
    return CounterFamily(name, help).With();
  }
  Gauge& GetGauge(const std::string& name, const std::string& help) {
    return GaugeFamily(name, help).With();
  }
  Histogram& GetHistogram(const std::string& name, const std::string& help,
                          const Buckets& buckets) {
    return HistogramFamily(name, help, {}, buckets).With();
  }

  // Adds values computed at scrape time; removed when the returned handle
  // is destroyed (so a collector may capture objects that die before the
  // registry). `fn` must write whole families with a Writer.
  using CollectFn = std::function<void(Writer&)>;
  class Collector {
   public:
    Collector() = default;
    Collector(Registry* r, std::uint64_t id) : r_(r), id_(id) {}
    Collector(Collector&& o) noexcept
        : r_(std::exchange(o.r_, nullptr)), id_(o.id_) {}
    Collector& operator=(Collector&& o) noexcept;
    ~Collector() { Reset(); }
    void Reset();

   private:
    Registry* r_ = nullptr;
    std::uint64_t id_ = 0;
  };
  [[nodiscard]] Collector AddCollector(CollectFn fn);

  // Every family, then the collectors' output, in the text format.
  std::string Render() const;

 private:
  struct Entry {
    std::string help;
    Type type;
    std::unique_ptr<Family<Counter>> counters;
    std::unique_ptr<Family<Gauge>> gauges;
    std::unique_ptr<Family<Histogram>> histograms;
  };
  Entry& Find(const std::string& name, const std::string& help, Type type,
              std::vector<std::string> labels, const Buckets* buckets);
  mutable Mutex mu_;
  std::map<std::string, Entry> entries_ GUARDED_BY(mu_);
  std::map<std::uint64_t, CollectFn> collectors_ GUARDED_BY(mu_);
  std::uint64_t next_collector_ GUARDED_BY(mu_) = 1;
};

// process_cpu_seconds_total, process_resident_memory_bytes,
// process_virtual_memory_bytes, process_open_fds, process_max_fds and
// process_start_time_seconds, read from /proc/self (Linux).
void WriteProcessMetrics(Writer& w);

// The content type of Render()'s output.
inline constexpr char kContentType[] =
    "text/plain; version=0.0.4; charset=utf-8";

}  // namespace warta::metrics

#endif  // WARTA_METRICS_METRICS_H_
