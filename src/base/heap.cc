#include "base/heap.h"

#include <cstddef>
#ifdef __GLIBC__
#include <malloc.h>
#endif

// Weak: null unless the process was linked with that allocator, which then
// also provides malloc itself (it is linked before libc).
extern "C" {
int mallctl(const char* name, void* oldp, std::size_t* oldlenp, void* newp,
            std::size_t newlen) __attribute__((weak));
void MallocExtension_ReleaseFreeMemory() __attribute__((weak));
}

namespace warta {

const char* HeapAllocatorName() {
  if (mallctl != nullptr) return "jemalloc";
  if (MallocExtension_ReleaseFreeMemory != nullptr) return "tcmalloc";
  return "system";
}

void ReleaseFreedMemory() {
  if (mallctl != nullptr) {
    // MALLCTL_ARENAS_ALL is 4096 in jemalloc 5.
    mallctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);
    return;
  }
  if (MallocExtension_ReleaseFreeMemory != nullptr) {
    MallocExtension_ReleaseFreeMemory();
    return;
  }
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

}  // namespace warta
