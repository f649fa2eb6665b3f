#include "store/sqlite/testing/fault_vfs.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>

namespace warta::sqlite::fault {
namespace {

// What a call may be failed as.
enum class Kind { kWrite, kSync, kWriteLock };

struct State {
  std::mutex mu;
  Plan plan;
  int passed = 0;    // calls of the plan's kind let through before it struck
  int failures = 0;  // calls failed since the plan was armed
  std::string watch_path;
  std::string watch_key;  // what the file looked like when last read
};

State& S() {
  static State* s = new State;
  return *s;
}

bool IsLockFault(Fault f) { return f == Fault::kBusy || f == Fault::kLocked; }

// Re-reads the watched file when it changed. S().mu held.
void RefreshFromFile(State& s) {
  if (s.watch_path.empty()) return;
  struct stat st;
  std::string key = "absent";
  if (::stat(s.watch_path.c_str(), &st) == 0) {
    key = std::to_string(st.st_ino) + ":" + std::to_string(st.st_size) + ":" +
          std::to_string(st.st_mtim.tv_sec) + "." +
          std::to_string(st.st_mtim.tv_nsec);
  }
  if (key == s.watch_key) return;
  s.watch_key = key;
  std::string text;
  if (key != "absent") {
    std::ifstream in(s.watch_path);
    std::stringstream buf;
    buf << in.rdbuf();
    text = buf.str();
  }
  std::optional<Plan> plan = ParsePlan(text);
  if (!plan) {
    std::fprintf(stderr, "fault_vfs: %s: not a fault plan: %s\n",
                 s.watch_path.c_str(), text.c_str());
    plan = Plan{};
  }
  s.plan = *plan;
  s.passed = 0;
  s.failures = 0;
}

// The result code a call of `kind` fails with now, or SQLITE_OK.
int Strike(Kind kind) {
  State& s = S();
  std::lock_guard<std::mutex> lock(s.mu);
  RefreshFromFile(s);
  const Fault f = s.plan.fault;
  if (f == Fault::kNone) return SQLITE_OK;
  const bool lock_fault = IsLockFault(f);
  if (lock_fault != (kind == Kind::kWriteLock)) return SQLITE_OK;
  const bool spent = s.plan.times >= 0 && s.failures >= s.plan.times;
  if (kind == Kind::kSync) {
    // A sync fails while the write fault is striking (no count of its own).
    return s.passed >= s.plan.after && !spent ? SQLITE_IOERR_FSYNC : SQLITE_OK;
  }
  if (s.passed < s.plan.after) {
    ++s.passed;
    return SQLITE_OK;
  }
  if (spent) return SQLITE_OK;
  ++s.failures;
  switch (f) {
    case Fault::kDiskFull:
      return SQLITE_FULL;
    case Fault::kIoError:
      return SQLITE_IOERR_WRITE;
    case Fault::kBusy:
      return SQLITE_BUSY;
    case Fault::kLocked:
      return SQLITE_LOCKED;
    case Fault::kNone:
      break;
  }
  return SQLITE_OK;
}

// Whether a lock fault is armed (the busy handler then need not sleep).
bool LockFaultArmed() {
  State& s = S();
  std::lock_guard<std::mutex> lock(s.mu);
  RefreshFromFile(s);
  return IsLockFault(s.plan.fault);
}

std::atomic<std::int64_t> write_lock_requests{0};  // WriteLockRequests()

struct FaultFile {
  sqlite3_file base;  // must be first
  sqlite3_file* real;
};

sqlite3_vfs* RealVfs() {
  static sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
  return real;
}

sqlite3_file* Real(sqlite3_file* f) {
  return reinterpret_cast<FaultFile*>(f)->real;
}

int FaultClose(sqlite3_file* f) {
  sqlite3_file* real = Real(f);
  return real->pMethods ? real->pMethods->xClose(real) : SQLITE_OK;
}
int FaultRead(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) {
  return Real(f)->pMethods->xRead(Real(f), buf, n, off);
}
int FaultWrite(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
  if (int rc = Strike(Kind::kWrite)) return rc;
  return Real(f)->pMethods->xWrite(Real(f), buf, n, off);
}
int FaultTruncate(sqlite3_file* f, sqlite3_int64 size) {
  if (int rc = Strike(Kind::kWrite)) return rc;
  return Real(f)->pMethods->xTruncate(Real(f), size);
}
int FaultSync(sqlite3_file* f, int flags) {
  if (int rc = Strike(Kind::kSync)) return rc;
  return Real(f)->pMethods->xSync(Real(f), flags);
}
int FaultFileSize(sqlite3_file* f, sqlite3_int64* size) {
  return Real(f)->pMethods->xFileSize(Real(f), size);
}
int FaultLock(sqlite3_file* f, int level) {
  if (level >= SQLITE_LOCK_RESERVED) {
    if (int rc = Strike(Kind::kWriteLock)) return rc;
  }
  return Real(f)->pMethods->xLock(Real(f), level);
}
int FaultUnlock(sqlite3_file* f, int level) {
  return Real(f)->pMethods->xUnlock(Real(f), level);
}
int FaultCheckReservedLock(sqlite3_file* f, int* out) {
  return Real(f)->pMethods->xCheckReservedLock(Real(f), out);
}
int FaultFileControl(sqlite3_file* f, int op, void* arg) {
  return Real(f)->pMethods->xFileControl(Real(f), op, arg);
}
int FaultSectorSize(sqlite3_file* f) {
  return Real(f)->pMethods->xSectorSize(Real(f));
}
int FaultDeviceCharacteristics(sqlite3_file* f) {
  return Real(f)->pMethods->xDeviceCharacteristics(Real(f));
}
int FaultShmMap(sqlite3_file* f, int page, int size, int extend,
                void volatile** out) {
  return Real(f)->pMethods->xShmMap(Real(f), page, size, extend, out);
}
int FaultShmLock(sqlite3_file* f, int offset, int n, int flags) {
  // Offset 0 is WAL_WRITE_LOCK: the lock a writer takes at BEGIN IMMEDIATE
  // (and a RESTART or TRUNCATE checkpoint); readers never ask for it.
  if (offset == 0 && (flags & SQLITE_SHM_LOCK) &&
      (flags & SQLITE_SHM_EXCLUSIVE)) {
    write_lock_requests.fetch_add(1, std::memory_order_relaxed);
    if (int rc = Strike(Kind::kWriteLock)) return rc;
  }
  return Real(f)->pMethods->xShmLock(Real(f), offset, n, flags);
}
void FaultShmBarrier(sqlite3_file* f) {
  Real(f)->pMethods->xShmBarrier(Real(f));
}
int FaultShmUnmap(sqlite3_file* f, int del) {
  return Real(f)->pMethods->xShmUnmap(Real(f), del);
}
int FaultFetch(sqlite3_file* f, sqlite3_int64 off, int n, void** out) {
  return Real(f)->pMethods->xFetch(Real(f), off, n, out);
}
int FaultUnfetch(sqlite3_file* f, sqlite3_int64 off, void* p) {
  return Real(f)->pMethods->xUnfetch(Real(f), off, p);
}

const sqlite3_io_methods kFaultMethods = {
    3,
    FaultClose,
    FaultRead,
    FaultWrite,
    FaultTruncate,
    FaultSync,
    FaultFileSize,
    FaultLock,
    FaultUnlock,
    FaultCheckReservedLock,
    FaultFileControl,
    FaultSectorSize,
    FaultDeviceCharacteristics,
    FaultShmMap,
    FaultShmLock,
    FaultShmBarrier,
    FaultShmUnmap,
    FaultFetch,
    FaultUnfetch,
};

int FaultOpen(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags,
              int* out_flags) {
  auto* file = reinterpret_cast<FaultFile*>(f);
  file->real = reinterpret_cast<sqlite3_file*>(file + 1);
  std::memset(file->real, 0, RealVfs()->szOsFile);
  int rc = RealVfs()->xOpen(RealVfs(), name, file->real, flags, out_flags);
  // The shim's methods only when the real file opened (SQLite calls xClose
  // on a file whose pMethods is set, even after a failed open).
  file->base.pMethods = file->real->pMethods ? &kFaultMethods : nullptr;
  return rc;
}

// The busy handler sleeps through the VFS; while a lock fault is armed the
// sleep is skipped (the handler counts the time asked for, so its timeout
// still runs out, only at once).
int FaultSleep(sqlite3_vfs*, int microseconds) {
  if (LockFaultArmed()) return microseconds;
  return RealVfs()->xSleep(RealVfs(), microseconds);
}

}  // namespace

int Install() {
  static sqlite3_vfs vfs = [] {
    sqlite3_vfs v = *RealVfs();
    v.zName = "warta-fault";
    v.szOsFile = static_cast<int>(sizeof(FaultFile)) + RealVfs()->szOsFile;
    v.xOpen = FaultOpen;
    v.xSleep = FaultSleep;
    v.pNext = nullptr;
    return v;
  }();
  static const int registered = sqlite3_vfs_register(&vfs, 1);
  return registered;
}

void Arm(const Plan& plan) {
  State& s = S();
  std::lock_guard<std::mutex> lock(s.mu);
  s.plan = plan;
  s.passed = 0;
  s.failures = 0;
}

void Clear() { Arm(Plan{}); }

int Failures() {
  State& s = S();
  std::lock_guard<std::mutex> lock(s.mu);
  return s.failures;
}

std::int64_t WriteLockRequests() {
  return write_lock_requests.load(std::memory_order_relaxed);
}

void WatchFile(std::string path) {
  State& s = S();
  std::lock_guard<std::mutex> lock(s.mu);
  s.watch_path = std::move(path);
  s.watch_key.clear();
  s.plan = Plan{};
  s.passed = 0;
  s.failures = 0;
}

std::optional<Plan> ParsePlan(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::string word;
  Plan plan;
  if (!(in >> word) || word == "none") return plan;
  if (word == "full") {
    plan.fault = Fault::kDiskFull;
  } else if (word == "ioerr") {
    plan.fault = Fault::kIoError;
  } else if (word == "busy") {
    plan.fault = Fault::kBusy;
  } else if (word == "locked") {
    plan.fault = Fault::kLocked;
  } else {
    return std::nullopt;
  }
  while (in >> word) {
    int n = 0;
    if (!(in >> n) || n < 0) return std::nullopt;
    if (word == "after") {
      plan.after = n;
    } else if (word == "times") {
      plan.times = n;
    } else {
      return std::nullopt;
    }
  }
  return plan;
}

}  // namespace warta::sqlite::fault
