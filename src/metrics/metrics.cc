#include "metrics/metrics.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace warta::metrics {
namespace {

void AppendValue(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "NaN";
  } else if (std::isinf(v)) {
    out += v > 0 ? "+Inf" : "-Inf";
  } else if (v == std::floor(v) && std::fabs(v) < 1e15) {
    out += std::to_string(static_cast<long long>(v));
  } else {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.9g", v);
    out += buf;
  }
}

void AppendLabelValue(std::string& out, std::string_view v) {
  for (char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
}

using Labels = std::vector<std::pair<std::string, std::string>>;

Labels Zip(const std::vector<std::string>& names,
           const std::vector<std::string>& values) {
  Labels out;
  for (size_t i = 0; i < names.size() && i < values.size(); ++i) {
    out.emplace_back(names[i], values[i]);
  }
  return out;
}

}  // namespace

const Buckets& LatencyBuckets() {
  static const Buckets b = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                            0.1,    0.25,  0.5,    1,     2.5,  5,     10};
  return b;
}

const Buckets& DelayBuckets() {
  static const Buckets b = {1, 2, 5, 10, 30, 60, 300, 900, 3600};
  return b;
}

Histogram::Histogram(const Buckets& bounds)
    : bounds_(bounds),
      counts_(new std::atomic<std::uint64_t>[bounds.size() + 1]) {
  for (size_t i = 0; i <= bounds_.size(); ++i) counts_[i].store(0);
}

void Histogram::Observe(double v) {
  size_t i = static_cast<size_t>(
      std::lower_bound(bounds_.begin(), bounds_.end(), v) - bounds_.begin());
  counts_[i].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(v, std::memory_order_relaxed);
}

std::vector<std::uint64_t> Histogram::CumulativeCounts() const {
  std::vector<std::uint64_t> out(bounds_.size() + 1);
  std::uint64_t total = 0;
  for (size_t i = 0; i <= bounds_.size(); ++i) {
    total += counts_[i].load(std::memory_order_relaxed);
    out[i] = total;
  }
  return out;
}

std::int64_t Timer::Now() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

double Timer::Elapsed() const { return double(Now() - start_) * 1e-9; }

void Writer::Header(std::string_view name, std::string_view help, Type type) {
  out_ += "# HELP ";
  out_ += name;
  out_ += ' ';
  for (char c : help) {
    if (c == '\\') {
      out_ += "\\\\";
    } else if (c == '\n') {
      out_ += "\\n";
    } else {
      out_ += c;
    }
  }
  out_ += "\n# TYPE ";
  out_ += name;
  out_ += type == Type::kCounter ? " counter\n"
          : type == Type::kGauge ? " gauge\n"
                                 : " histogram\n";
}

void Writer::Sample(std::string_view name, const Labels& labels, double value) {
  out_ += name;
  if (!labels.empty()) {
    out_ += '{';
    bool first = true;
    for (const auto& [k, v] : labels) {
      if (!first) out_ += ',';
      first = false;
      out_ += k;
      out_ += "=\"";
      AppendLabelValue(out_, v);
      out_ += '"';
    }
    out_ += '}';
  }
  out_ += ' ';
  AppendValue(out_, value);
  out_ += '\n';
}

void Writer::HistogramSamples(std::string_view name, const Labels& labels,
                              const Histogram& h) {
  std::vector<std::uint64_t> counts = h.CumulativeCounts();
  std::string bucket = std::string(name) + "_bucket";
  Labels with_le = labels;
  with_le.emplace_back("le", "");
  for (size_t i = 0; i < counts.size(); ++i) {
    std::string le;
    if (i < h.bounds().size()) {
      AppendValue(le, h.bounds()[i]);
    } else {
      le = "+Inf";
    }
    with_le.back().second = le;
    Sample(bucket, with_le, static_cast<double>(counts[i]));
  }
  Sample(std::string(name) + "_sum", labels, h.sum());
  Sample(std::string(name) + "_count", labels,
         static_cast<double>(counts.back()));
}

Registry& Registry::Default() {
  static Registry* r = new Registry();  // never destroyed: used at exit
  return *r;
}

Registry::Entry& Registry::Find(const std::string& name,
                                const std::string& help, Type type,
                                std::vector<std::string> labels,
                                const Buckets* buckets) {
  MutexLock lock(&mu_);
  auto [it, inserted] = entries_.try_emplace(name);
  Entry& e = it->second;
  if (inserted) {
    e.help = help;
    e.type = type;
    switch (type) {
      case Type::kCounter:
        e.counters = std::make_unique<Family<Counter>>(std::move(labels));
        break;
      case Type::kGauge:
        e.gauges = std::make_unique<Family<Gauge>>(std::move(labels));
        break;
      case Type::kHistogram:
        e.histograms =
            std::make_unique<Family<Histogram>>(std::move(labels), *buckets);
        break;
    }
  }
  return e;
}

Family<Counter>& Registry::CounterFamily(const std::string& name,
                                         const std::string& help,
                                         std::vector<std::string> labels) {
  Entry& e = Find(name, help, Type::kCounter, std::move(labels), nullptr);
  if (!e.counters) std::abort();  // one name, two types: a programming error
  return *e.counters;
}

Family<Gauge>& Registry::GaugeFamily(const std::string& name,
                                     const std::string& help,
                                     std::vector<std::string> labels) {
  Entry& e = Find(name, help, Type::kGauge, std::move(labels), nullptr);
  if (!e.gauges) std::abort();
  return *e.gauges;
}

Family<Histogram>& Registry::HistogramFamily(const std::string& name,
                                             const std::string& help,
                                             std::vector<std::string> labels,
                                             const Buckets& buckets) {
  Entry& e = Find(name, help, Type::kHistogram, std::move(labels), &buckets);
  if (!e.histograms) std::abort();
  return *e.histograms;
}

Registry::Collector& Registry::Collector::operator=(Collector&& o) noexcept {
  if (this != &o) {
    Reset();
    r_ = std::exchange(o.r_, nullptr);
    id_ = o.id_;
  }
  return *this;
}

void Registry::Collector::Reset() {
  if (!r_) return;
  MutexLock lock(&r_->mu_);
  r_->collectors_.erase(id_);
  r_ = nullptr;
}

Registry::Collector Registry::AddCollector(CollectFn fn) {
  MutexLock lock(&mu_);
  std::uint64_t id = next_collector_++;
  collectors_.emplace(id, std::move(fn));
  return Collector(this, id);
}

std::string Registry::Render() const {
  std::string out;
  out.reserve(16 * 1024);
  Writer w(out);
  MutexLock lock(&mu_);
  for (const auto& entry : entries_) {
    // Named, not bound: lambdas below capture them (clang refuses bindings).
    const std::string& name = entry.first;
    const auto& e = entry.second;
    w.Header(name, e.help, e.type);
    if (e.counters) {
      e.counters->ForEach([&](const auto& values, const Counter& c) {
        w.Sample(name, Zip(e.counters->label_names(), values),
                 static_cast<double>(c.value()));
      });
    } else if (e.gauges) {
      e.gauges->ForEach([&](const auto& values, const Gauge& g) {
        w.Sample(name, Zip(e.gauges->label_names(), values), g.value());
      });
    } else if (e.histograms) {
      e.histograms->ForEach([&](const auto& values, const Histogram& h) {
        w.HistogramSamples(name, Zip(e.histograms->label_names(), values), h);
      });
    }
  }
  for (const auto& [id, fn] : collectors_) fn(w);
  return out;
}

}  // namespace warta::metrics
