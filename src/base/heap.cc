#include "base/heap.h"

#include <dlfcn.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <gperftools/malloc_extension.h>

// Weak: null unless that allocator's library is loaded.
extern "C" {
int mallctl(const char* name, void* oldp, std::size_t* oldlenp, void* newp,
            std::size_t newlen) __attribute__((weak));
void MallocExtension_ReleaseFreeMemory() __attribute__((weak));
}

namespace warta {
namespace {

enum class Allocator { kSystem, kTcmalloc, kJemalloc };

// The library whose malloc this process calls (the first in the lookup
// order: a library loaded but linked after libc would not be it).
Allocator FindAllocator() {
  Dl_info info{};
  void* fn = reinterpret_cast<void*>(&std::malloc);
  if (dladdr(fn, &info) == 0 || info.dli_fname == nullptr)
    return Allocator::kSystem;
  if (std::strstr(info.dli_fname, "libtcmalloc") != nullptr &&
      MallocExtension_ReleaseFreeMemory != nullptr)
    return Allocator::kTcmalloc;
  if (std::strstr(info.dli_fname, "libjemalloc") != nullptr &&
      mallctl != nullptr)
    return Allocator::kJemalloc;
  return Allocator::kSystem;
}

Allocator InUse() {
  static const Allocator allocator = FindAllocator();
  return allocator;
}

}  // namespace

const char* HeapAllocatorName() {
  switch (InUse()) {
    case Allocator::kTcmalloc:
      return "tcmalloc";
    case Allocator::kJemalloc:
      return "jemalloc";
    case Allocator::kSystem:
      break;
  }
  return "system";
}

void ReleaseFreedMemory() {
  switch (InUse()) {
    case Allocator::kJemalloc:
      // MALLCTL_ARENAS_ALL is 4096 in jemalloc 5.
      mallctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);
      return;
    case Allocator::kTcmalloc:
      MallocExtension_ReleaseFreeMemory();
      return;
    case Allocator::kSystem:
      break;
  }
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

// (UBSan's vptr check would make this call name MallocExtension's typeinfo,
// which only tcmalloc's library defines.)
__attribute__((no_sanitize("vptr"))) void KeepFreedMemory() {
  if (InUse() != Allocator::kTcmalloc) return;
  // Looked up, not linked: tests and sanitizer builds have no tcmalloc.
  using Instance = MallocExtension* (*)();
  auto instance = reinterpret_cast<Instance>(
      dlsym(RTLD_DEFAULT, "_ZN15MallocExtension8instanceEv"));
  if (instance != nullptr) instance()->SetMemoryReleaseRate(0);
}

}  // namespace warta
