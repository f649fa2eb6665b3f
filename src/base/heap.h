#ifndef WARTA_BASE_HEAP_H_
#define WARTA_BASE_HEAP_H_

// The process's memory allocator. The warta binary is linked with tcmalloc
// (cmake/deps.cmake, WARTA_MALLOC); tests, sanitizer builds and benchmarks
// keep the system's malloc. These work with whichever one the process has.

namespace warta {

// "tcmalloc" or "jemalloc" when the process's malloc is that library's,
// else "system" (glibc's malloc, or a sanitizer's).
const char* HeapAllocatorName();

// Hands heap pages that are free back to the system, so that resident
// memory shows them gone (after a large structure is dropped).
void ReleaseFreedMemory();

}  // namespace warta

#endif  // WARTA_BASE_HEAP_H_
