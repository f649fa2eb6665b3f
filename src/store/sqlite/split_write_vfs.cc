#include "store/sqlite/split_write_vfs.h"

#include <sqlite3.h>

#include <algorithm>
#include <deque>
#include <mutex>

namespace warta::sqlite {
namespace {

// Well under the unix VFS's 128 KiB - 1.
constexpr int kMaxWrite = 64 << 10;

// A journal file's methods: those the base VFS gave it, but xWrite. The
// file itself is the base's, opened in place; `methods` comes first, so the
// file's pMethods is also the SplitMethods it belongs to.
struct SplitMethods {
  sqlite3_io_methods methods;
  const sqlite3_io_methods* base;
};

sqlite3_vfs* base_vfs = nullptr;  // set once by InstallSplitWriteVfs

int SplitWrite(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
  const sqlite3_io_methods* base =
      reinterpret_cast<const SplitMethods*>(f->pMethods)->base;
  const char* p = static_cast<const char*>(buf);
  do {
    const int piece = std::min(n, kMaxWrite);
    if (int rc = base->xWrite(f, p, piece, off)) return rc;
    p += piece;
    off += piece;
    n -= piece;
  } while (n > 0);
  return SQLITE_OK;
}

// The methods for files the base gave `base`: one table per base table (a
// few at most, by locking style), made on first use and kept for good.
const sqlite3_io_methods* SplitOf(const sqlite3_io_methods* base) {
  static std::mutex mu;
  static std::deque<SplitMethods> tables;  // never moved
  std::lock_guard<std::mutex> lock(mu);
  for (const SplitMethods& t : tables) {
    if (t.base == base) return &t.methods;
  }
  SplitMethods& t = tables.emplace_back();
  t.methods = *base;
  t.methods.xWrite = SplitWrite;
  t.base = base;
  return &t.methods;
}

int SplitOpen(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags,
              int* out_flags) {
  int rc = base_vfs->xOpen(base_vfs, name, f, flags, out_flags);
  // Databases, WAL and main journals keep the base's methods (their writes
  // are a page at most). A pMethods left null by a failed open stays null.
  if ((flags & (SQLITE_OPEN_SUBJOURNAL | SQLITE_OPEN_TEMP_JOURNAL)) != 0 &&
      f->pMethods != nullptr) {
    f->pMethods = SplitOf(f->pMethods);
  }
  return rc;
}

}  // namespace

void InstallSplitWriteVfs() {
  static std::once_flag once;
  std::call_once(once, [] {
    base_vfs = sqlite3_vfs_find(nullptr);
    if (base_vfs == nullptr) return;
    // The base's other methods as they are (they take the VFS only for
    // its settings, which the copy has); its files, the same size.
    static sqlite3_vfs vfs = *base_vfs;
    vfs.zName = "warta-split-write";
    vfs.xOpen = SplitOpen;
    vfs.pNext = nullptr;
    sqlite3_vfs_register(&vfs, 1);
  });
}

}  // namespace warta::sqlite
