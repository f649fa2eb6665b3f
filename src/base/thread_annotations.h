// base/thread_annotations: clang's thread-safety attributes as macros.
//
// Under clang with `-Wthread-safety` the compiler checks that data marked
// GUARDED_BY(mu) is only read or written with `mu` held, and that functions
// marked REQUIRES(mu) / EXCLUDES(mu) are called accordingly. Other compilers
// see nothing. The capabilities are Mutex and SharedMutex
// (base/mutex.h); std::mutex carries no attributes in libstdc++.
// The names follow clang's documentation ("Thread Safety Analysis").
#ifndef WARTA_BASE_THREAD_ANNOTATIONS_H_
#define WARTA_BASE_THREAD_ANNOTATIONS_H_

#if defined(__clang__)
#define WARTA_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define WARTA_THREAD_ANNOTATION(x)
#endif

#define CAPABILITY(x) WARTA_THREAD_ANNOTATION(capability(x))
#define SCOPED_CAPABILITY WARTA_THREAD_ANNOTATION(scoped_lockable)
#define GUARDED_BY(x) WARTA_THREAD_ANNOTATION(guarded_by(x))
#define PT_GUARDED_BY(x) WARTA_THREAD_ANNOTATION(pt_guarded_by(x))
#define ACQUIRED_BEFORE(...) \
  WARTA_THREAD_ANNOTATION(acquired_before(__VA_ARGS__))
#define ACQUIRED_AFTER(...) WARTA_THREAD_ANNOTATION(acquired_after(__VA_ARGS__))
#define REQUIRES(...) WARTA_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define REQUIRES_SHARED(...) \
  WARTA_THREAD_ANNOTATION(requires_shared_capability(__VA_ARGS__))
#define ACQUIRE(...) WARTA_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define ACQUIRE_SHARED(...) \
  WARTA_THREAD_ANNOTATION(acquire_shared_capability(__VA_ARGS__))
#define RELEASE(...) WARTA_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define RELEASE_SHARED(...) \
  WARTA_THREAD_ANNOTATION(release_shared_capability(__VA_ARGS__))
#define TRY_ACQUIRE(...) \
  WARTA_THREAD_ANNOTATION(try_acquire_capability(__VA_ARGS__))
#define EXCLUDES(...) WARTA_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define ASSERT_CAPABILITY(x) WARTA_THREAD_ANNOTATION(assert_capability(x))
#define RETURN_CAPABILITY(x) WARTA_THREAD_ANNOTATION(lock_returned(x))
#define NO_THREAD_SAFETY_ANALYSIS \
  WARTA_THREAD_ANNOTATION(no_thread_safety_analysis)

#endif  // WARTA_BASE_THREAD_ANNOTATIONS_H_
