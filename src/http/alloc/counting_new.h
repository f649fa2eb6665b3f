// A global operator new that counts allocations, for the tests that check a
// path allocates nothing. Replaces the library's operator new, so include it
// in exactly one file of a test executable of its own. Counts an allocation
// when counting is on (CountingAllocations) and the allocating thread has
// opted in (CountThisThread), so a test can watch one thread (its own, or a
// server's I/O thread) while others allocate freely.
#ifndef WARTA_HTTP_ALLOC_COUNTING_NEW_H_
#define WARTA_HTTP_ALLOC_COUNTING_NEW_H_

#include <atomic>
#include <cstdlib>
#include <new>

namespace warta::testing_alloc {

inline std::atomic<bool> g_on{false};
inline std::atomic<long> g_count{0};
inline thread_local bool g_this_thread = false;

// Whether allocations on the calling thread are counted (while counting).
inline void CountThisThread(bool count) { g_this_thread = count; }
// Turns counting on or off for the threads that opted in.
inline void CountingAllocations(bool on) { g_on.store(on); }
// Allocations counted since the process started.
inline long Allocations() { return g_count.load(); }

inline void Count() {
  if (g_this_thread && g_on.load(std::memory_order_relaxed)) {
    g_count.fetch_add(1, std::memory_order_relaxed);
  }
}

inline void* Allocate(std::size_t n) {
  Count();
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}

}  // namespace warta::testing_alloc

void* operator new(std::size_t n) { return warta::testing_alloc::Allocate(n); }
void* operator new[](std::size_t n) {
  return warta::testing_alloc::Allocate(n);
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  warta::testing_alloc::Count();
  return std::malloc(n ? n : 1);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  warta::testing_alloc::Count();
  return std::malloc(n ? n : 1);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

#endif  // WARTA_HTTP_ALLOC_COUNTING_NEW_H_
