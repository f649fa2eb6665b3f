#include "base/progress.h"

#include <unistd.h>

#include <algorithm>

namespace warta {
namespace {

// 1234567 -> "1,234,567"
std::string Grouped(std::uint64_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(i, ",");
  return s;
}

std::string Duration(double seconds) {
  auto s = static_cast<std::uint64_t>(seconds + 0.5);
  if (s < 60) return std::to_string(s) + "s";
  if (s < 3600)
    return std::to_string(s / 60) + "m" + std::to_string(s % 60) + "s";
  return std::to_string(s / 3600) + "h" + std::to_string(s % 3600 / 60) + "m";
}

}  // namespace

Progress::Progress(std::string label, std::FILE* out)
    : label_(std::move(label)),
      out_(out),
      tty_(::isatty(::fileno(out)) == 1),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

std::string Progress::Line(const std::string& label, std::uint64_t done,
                           std::uint64_t total, double seconds, bool bar) {
  std::string line = label + " ";
  const double rate = seconds > 0 ? done / seconds : 0;
  if (total > 0) {
    const double f = std::min(1.0, double(done) / double(total));
    if (bar) {
      constexpr int kWidth = 30;
      const int full = static_cast<int>(f * kWidth);
      line +=
          "[" + std::string(full, '#') + std::string(kWidth - full, '.') + "] ";
    }
    line += Grouped(done) + "/" + Grouped(total) + " " +
            std::to_string(static_cast<int>(f * 100)) + "%";
  } else {
    line += Grouped(done);
  }
  line += " " + Grouped(static_cast<std::uint64_t>(rate)) + "/s";
  if (total > done && rate > 0)
    line += " ETA " + Duration(double(total - done) / rate);
  return line;
}

void Progress::Update(std::uint64_t done, std::uint64_t total) {
  done_ = done;
  total_ = total;
  const auto now = std::chrono::steady_clock::now();
  const auto every =
      tty_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(5000);
  if (shown_ && now - last_ < every) return;
  last_ = now;
  shown_ = true;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  std::string line = Line(label_, done, total, seconds, tty_);
  if (tty_) {
    std::fprintf(out_, "\r%s\033[K", line.c_str());
  } else {
    std::fprintf(out_, "%s\n", line.c_str());
  }
  std::fflush(out_);
}

void Progress::Finish() {
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_)
          .count();
  std::string line =
      Line(label_, done_, std::max(total_, done_), seconds, tty_);
  line += " in " + Duration(seconds);
  if (tty_) {
    std::fprintf(out_, "\r%s\033[K\n", line.c_str());
  } else {
    std::fprintf(out_, "%s\n", line.c_str());
  }
  std::fflush(out_);
}

}  // namespace warta
