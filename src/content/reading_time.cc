#include "content/reading_time.h"

namespace warta {

int ReadingTimeMinutes(int word_count, int words_per_minute) {
  if (words_per_minute <= 0) words_per_minute = kIndonesianWordsPerMinute;
  int minutes = (word_count + words_per_minute / 2) / words_per_minute;
  return minutes < 1 ? 1 : minutes;
}

}  // namespace warta
