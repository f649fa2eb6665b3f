// HandlerMemory: a few fixed blocks a session's chain of asynchronous
// operations (read, write, the strand's hand-over of each completion) is
// allocated from, so a request on a warm connection costs no heap
// allocation for Asio's operation state; larger or further requests fall
// back to operator new. After Asio's "allocation" example.
// Thread-safe: with several I/O threads a completion's hand-over to the
// strand is allocated on the thread that saw the socket ready while the
// strand's runner may re-post itself on another, so each block is claimed
// with an atomic exchange. Internal to the server.
#ifndef WARTA_HTTP_HANDLER_MEMORY_H_
#define WARTA_HTTP_HANDLER_MEMORY_H_

#include <array>
#include <atomic>
#include <cstddef>
#include <new>

namespace warta::http {

class HandlerMemory {
 public:
  HandlerMemory() = default;
  HandlerMemory(const HandlerMemory&) = delete;
  HandlerMemory& operator=(const HandlerMemory&) = delete;

  void* Allocate(std::size_t size) {
    if (size <= kBlockSize) {
      for (Block& b : blocks_) {
        if (!b.used.load(std::memory_order_relaxed) &&
            !b.used.exchange(true, std::memory_order_acquire)) {
          return b.bytes;
        }
      }
    }
    return ::operator new(size);
  }

  void Deallocate(void* pointer) {
    for (Block& b : blocks_) {
      if (pointer == b.bytes) {
        b.used.store(false, std::memory_order_release);
        return;
      }
    }
    ::operator delete(pointer);
  }

 private:
  static constexpr std::size_t kBlockSize = 512;
  struct Block {
    alignas(std::max_align_t) unsigned char bytes[kBlockSize];
    std::atomic<bool> used{false};
  };
  std::array<Block, 3> blocks_;
};

// The allocator Asio finds on a handler (associated_allocator) to place its
// operations in a HandlerMemory.
template <class T>
class HandlerAllocator {
 public:
  using value_type = T;

  explicit HandlerAllocator(HandlerMemory& memory) : memory_(&memory) {}
  template <class U>
  HandlerAllocator(const HandlerAllocator<U>& other) noexcept
      : memory_(other.memory_) {}

  T* allocate(std::size_t n) const {
    return static_cast<T*>(memory_->Allocate(sizeof(T) * n));
  }
  void deallocate(T* p, std::size_t) const { memory_->Deallocate(p); }

  template <class U>
  bool operator==(const HandlerAllocator<U>& other) const noexcept {
    return memory_ == other.memory_;
  }
  template <class U>
  bool operator!=(const HandlerAllocator<U>& other) const noexcept {
    return memory_ != other.memory_;
  }

 private:
  template <class>
  friend class HandlerAllocator;
  HandlerMemory* memory_;
};

}  // namespace warta::http

#endif  // WARTA_HTTP_HANDLER_MEMORY_H_
