#include "store/sqlite/split_write_vfs.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <mutex>

namespace warta::sqlite {
namespace {

// Well under the unix VFS's 128 KiB - 1.
constexpr int kMaxWrite = 64 << 10;

struct SplitFile {
  sqlite3_file base;  // must be first
  sqlite3_file* real;
};

sqlite3_vfs* base_vfs = nullptr;  // set once by InstallSplitWriteVfs

sqlite3_file* Real(sqlite3_file* f) {
  return reinterpret_cast<SplitFile*>(f)->real;
}

int SplitClose(sqlite3_file* f) {
  sqlite3_file* real = Real(f);
  return real->pMethods ? real->pMethods->xClose(real) : SQLITE_OK;
}
int SplitRead(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) {
  return Real(f)->pMethods->xRead(Real(f), buf, n, off);
}
int SplitWrite(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
  const char* p = static_cast<const char*>(buf);
  do {
    const int piece = std::min(n, kMaxWrite);
    if (int rc = Real(f)->pMethods->xWrite(Real(f), p, piece, off)) return rc;
    p += piece;
    off += piece;
    n -= piece;
  } while (n > 0);
  return SQLITE_OK;
}
int SplitTruncate(sqlite3_file* f, sqlite3_int64 size) {
  return Real(f)->pMethods->xTruncate(Real(f), size);
}
int SplitSync(sqlite3_file* f, int flags) {
  return Real(f)->pMethods->xSync(Real(f), flags);
}
int SplitFileSize(sqlite3_file* f, sqlite3_int64* size) {
  return Real(f)->pMethods->xFileSize(Real(f), size);
}
int SplitLock(sqlite3_file* f, int level) {
  return Real(f)->pMethods->xLock(Real(f), level);
}
int SplitUnlock(sqlite3_file* f, int level) {
  return Real(f)->pMethods->xUnlock(Real(f), level);
}
int SplitCheckReservedLock(sqlite3_file* f, int* out) {
  return Real(f)->pMethods->xCheckReservedLock(Real(f), out);
}
int SplitFileControl(sqlite3_file* f, int op, void* arg) {
  return Real(f)->pMethods->xFileControl(Real(f), op, arg);
}
int SplitSectorSize(sqlite3_file* f) {
  return Real(f)->pMethods->xSectorSize(Real(f));
}
int SplitDeviceCharacteristics(sqlite3_file* f) {
  return Real(f)->pMethods->xDeviceCharacteristics(Real(f));
}

// Version 1: a journal is neither shared memory nor memory-mapped.
const sqlite3_io_methods kSplitMethods = {
    1,
    SplitClose,
    SplitRead,
    SplitWrite,
    SplitTruncate,
    SplitSync,
    SplitFileSize,
    SplitLock,
    SplitUnlock,
    SplitCheckReservedLock,
    SplitFileControl,
    SplitSectorSize,
    SplitDeviceCharacteristics,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

int SplitOpen(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags,
              int* out_flags) {
  // Databases, WAL and main journals are the base VFS's own files (their
  // writes are a page at most), opened in place.
  if ((flags & (SQLITE_OPEN_SUBJOURNAL | SQLITE_OPEN_TEMP_JOURNAL)) == 0)
    return base_vfs->xOpen(base_vfs, name, f, flags, out_flags);
  auto* file = reinterpret_cast<SplitFile*>(f);
  file->real = reinterpret_cast<sqlite3_file*>(file + 1);
  std::memset(file->real, 0, base_vfs->szOsFile);
  int rc = base_vfs->xOpen(base_vfs, name, file->real, flags, out_flags);
  // SQLite calls xClose on a file whose pMethods is set, even after a
  // failed open: set only when the real file opened.
  file->base.pMethods = file->real->pMethods ? &kSplitMethods : nullptr;
  return rc;
}

}  // namespace

void InstallSplitWriteVfs() {
  static std::once_flag once;
  std::call_once(once, [] {
    base_vfs = sqlite3_vfs_find(nullptr);
    if (base_vfs == nullptr) return;
    // The base's other methods as they are (they take the VFS only for
    // its settings, which the copy has).
    static sqlite3_vfs vfs = *base_vfs;
    vfs.zName = "warta-split-write";
    vfs.szOsFile = static_cast<int>(sizeof(SplitFile)) + base_vfs->szOsFile;
    vfs.xOpen = SplitOpen;
    vfs.pNext = nullptr;
    sqlite3_vfs_register(&vfs, 1);
  });
}

}  // namespace warta::sqlite
