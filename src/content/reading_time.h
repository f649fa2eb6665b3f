// Reading time for Indonesian text. See docs/reading-time.md for the rate and
// its sources. Pure functions, thread-safe.
#ifndef WARTA_CONTENT_READING_TIME_H_
#define WARTA_CONTENT_READING_TIME_H_

namespace warta {

// Words per minute of an adult reading Indonesian news silently on a screen.
inline constexpr int kIndonesianWordsPerMinute = 200;

// Minutes, rounded to the nearest whole minute, at least 1.
int ReadingTimeMinutes(int word_count,
                       int words_per_minute = kIndonesianWordsPerMinute);

}  // namespace warta

#endif  // WARTA_CONTENT_READING_TIME_H_
