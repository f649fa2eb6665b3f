#include "base/heap.h"

#include <dlfcn.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#ifdef __GLIBC__
#include <malloc.h>
#endif

// Weak: null unless that allocator's library is loaded.
extern "C" {
int mallctl(const char* name, void* oldp, std::size_t* oldlenp, void* newp,
            std::size_t newlen) __attribute__((weak));
void MallocExtension_ReleaseFreeMemory() __attribute__((weak));
}

namespace warta {

namespace {

// The library whose malloc this process calls (the first in the lookup
// order: a library loaded but linked after libc would not be it).
const char* FindAllocator() {
  Dl_info info{};
  void* fn = reinterpret_cast<void*>(&std::malloc);
  if (dladdr(fn, &info) == 0 || info.dli_fname == nullptr) return "system";
  if (std::strstr(info.dli_fname, "libtcmalloc") != nullptr &&
      MallocExtension_ReleaseFreeMemory != nullptr)
    return "tcmalloc";
  if (std::strstr(info.dli_fname, "libjemalloc") != nullptr &&
      mallctl != nullptr)
    return "jemalloc";
  return "system";
}

}  // namespace

const char* HeapAllocatorName() {
  static const char* const name = FindAllocator();
  return name;
}

void ReleaseFreedMemory() {
  const char* name = HeapAllocatorName();
  if (std::strcmp(name, "jemalloc") == 0) {
    // MALLCTL_ARENAS_ALL is 4096 in jemalloc 5.
    mallctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);
    return;
  }
  if (std::strcmp(name, "tcmalloc") == 0) {
    MallocExtension_ReleaseFreeMemory();
    return;
  }
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

}  // namespace warta
