#include "cli/progress.h"

#include <cmath>

namespace warta::cli {

std::string GroupThousands(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

namespace {

std::string Duration(double seconds) {
  auto s = static_cast<std::int64_t>(std::llround(seconds));
  if (s < 60) return std::to_string(s) + "s";
  if (s < 3600)
    return std::to_string(s / 60) + "m" + std::to_string(s % 60) + "s";
  return std::to_string(s / 3600) + "h" + std::to_string(s % 3600 / 60) + "m";
}

}  // namespace

Progress::Progress(FILE* out, std::string label, std::string noun, bool tty)
    : out_(out),
      label_(std::move(label)),
      noun_(std::move(noun)),
      tty_(tty),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

std::string Progress::Line(std::int64_t done, double seconds) const {
  std::int64_t total = total_.load();
  std::string line = GroupThousands(done);
  if (total >= 0) line += "/" + GroupThousands(total);
  line += " " + noun_;
  double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  line += "  " + GroupThousands(static_cast<std::int64_t>(rate)) + "/s";
  if (total > 0 && rate > 0 && done <= total) {
    line += "  ETA " + Duration(static_cast<double>(total - done) / rate);
  } else {
    line += "  " + Duration(seconds) + " elapsed";
  }
  return line;
}

void Progress::Update(std::int64_t done) {
  auto now = std::chrono::steady_clock::now();
  auto due = tty_ ? std::chrono::milliseconds(200)
                  : std::chrono::milliseconds(line_seconds * 1000);
  if (now - last_draw_ < due) return;
  last_draw_ = now;
  Draw(done, false);
}

void Progress::Clear() {
  if (!bar_shown_) return;
  std::fputs("\r\033[K", out_);
  bar_shown_ = false;
}

void Progress::Finish(std::int64_t done) {
  // A job too short for any line needs no progress at all.
  if (!drawn_) return;
  Draw(done, true);
}

void Progress::Draw(std::int64_t done, bool last) {
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_)
          .count();
  std::string text = Line(done, seconds);
  if (!tty_) {
    std::fprintf(out_, "%s: %s\n", label_.c_str(), text.c_str());
  } else {
    std::int64_t total = total_.load();
    std::string bar;
    if (total > 0) {
      constexpr int kWidth = 30;
      int filled = static_cast<int>(
          std::min<std::int64_t>(kWidth, done * kWidth / total));
      bar = "[" + std::string(filled, '#') + std::string(kWidth - filled, ' ') +
            "] ";
    }
    // \r and erase-line: redrawn in place.
    std::fprintf(out_, "\r\033[K%s%s%s", bar.c_str(), text.c_str(),
                 last ? "\n" : "");
    bar_shown_ = !last;
  }
  std::fflush(out_);
  drawn_ = true;
}

}  // namespace warta::cli
