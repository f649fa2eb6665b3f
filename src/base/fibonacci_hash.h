// Fibonacci hashing (Knuth): a 64-bit value times 2^64 / phi, whose top
// bits depend on all of the value's bits (values that differ only in their
// high bits spread too). The index of a table of 2^bits slots, or a 32-bit
// fingerprint with bits 32.
#ifndef WARTA_BASE_FIBONACCI_HASH_H_
#define WARTA_BASE_FIBONACCI_HASH_H_

#include <cstdint>

namespace warta {

// The top `bits` (1 to 64) bits of x * 2^64 / phi.
inline std::uint64_t FibonacciHash(std::uint64_t x, unsigned bits) {
  return (x * 0x9E3779B97F4A7C15ull) >> (64 - bits);
}

}  // namespace warta

#endif  // WARTA_BASE_FIBONACCI_HASH_H_
