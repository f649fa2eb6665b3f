// Result<T>: either a value or a non-ok Status. Thread-compatible.
#ifndef WARTA_BASE_RESULT_H_
#define WARTA_BASE_RESULT_H_

#include <cassert>
#include <utility>
#include <variant>

#include "base/status.h"

namespace warta {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(v_).ok() && "Result needs a value or an error");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }

  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  T value_or(T fallback) const& { return ok() ? value() : std::move(fallback); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace warta

#define WARTA_CONCAT_INNER_(a, b) a##b
#define WARTA_CONCAT_(a, b) WARTA_CONCAT_INNER_(a, b)

// WARTA_ASSIGN_OR_RETURN(auto x, Expr()): unwraps a Result or returns its
// Status.
#define WARTA_ASSIGN_OR_RETURN(lhs, expr)                   \
  auto WARTA_CONCAT_(warta_result_, __LINE__) = (expr);     \
  if (!WARTA_CONCAT_(warta_result_, __LINE__).ok())         \
    return WARTA_CONCAT_(warta_result_, __LINE__).status(); \
  lhs = std::move(WARTA_CONCAT_(warta_result_, __LINE__)).value()

#endif  // WARTA_BASE_RESULT_H_
