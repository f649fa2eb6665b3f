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

// Keeps the heap's free pages mapped instead of handing them back to the
// system a little at a time: for a process that frees and allocates the
// same large blocks over and over (an import's batches), where each block
// handed back costs an madvise and its pages' faults again on reuse.
// tcmalloc only (its release rate 0); the others are left as they are.
// ReleaseFreedMemory still hands them back.
void KeepFreedMemory();

}  // namespace warta

#endif  // WARTA_BASE_HEAP_H_
