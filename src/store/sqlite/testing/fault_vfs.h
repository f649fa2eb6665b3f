// Test support (issue 15): an SQLite VFS shim that makes the store's disk
// fail on purpose. Installed as the default VFS, it passes every call through
// to the real VFS until a fault is armed; then
//   kDiskFull  writes and truncations fail with SQLITE_FULL, syncs with
//              SQLITE_IOERR_FSYNC;
//   kIoError   writes and truncations fail with SQLITE_IOERR_WRITE, syncs
//              with SQLITE_IOERR_FSYNC;
//   kBusy      the write lock (WAL_WRITE_LOCK, or a RESERVED lock and above
//              outside WAL mode) is refused with SQLITE_BUSY, as while
//              another process writes; SQLite's busy handler retries until
//              its timeout, without sleeping while the fault is armed, so a
//              10 s busy timeout runs out at once;
//   kLocked    the write lock is refused with SQLITE_LOCKED, which no busy
//              handler waits out.
// Reads are never failed: a reader goes on while the disk is full or locked.
//
// Not part of warta: the unit tests link it (store_sqlite_test), and the
// integration tests preload it into the real `warta` binary as the shared
// library warta_fault_vfs (fault_vfs_preload.cc), controlled from outside
// the process through the file named by FAULT_VFS_FILE.
#ifndef WARTA_STORE_SQLITE_TESTING_FAULT_VFS_H_
#define WARTA_STORE_SQLITE_TESTING_FAULT_VFS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace warta::sqlite::fault {

enum class Fault { kNone, kDiskFull, kIoError, kBusy, kLocked };

// When and for how long a fault strikes: `after` calls of its kind (writes,
// or write-lock requests) pass first, then `times` calls fail (-1: every
// call until Clear).
struct Plan {
  Fault fault = Fault::kNone;
  int after = 0;
  int times = -1;
};

// Registers the shim as the default VFS, wrapping the default one. Once per
// process; later calls do nothing. Returns an SQLite result code.
int Install();

// Arms `plan` (replacing any armed one) / passes everything through again.
void Arm(const Plan& plan);
void Clear();
// How many calls the shim has failed since the last Arm.
int Failures();
// How many times a connection asked for the write lock (WAL_WRITE_LOCK, as
// at each BEGIN IMMEDIATE) since Install, granted or not, fault or none: a
// count of write transactions begun, for tests of how many a task makes.
std::int64_t WriteLockRequests();

// Control from outside the process: while `path` names a file, the plan is
// what it holds (ParsePlan), read again whenever the file changes; no file
// (or an empty one) is no fault. "" stops watching.
void WatchFile(std::string path);

// "full", "ioerr", "busy" or "locked", optionally followed by "after N"
// and/or "times N"; "" or "none" is no fault. nullopt for anything else.
std::optional<Plan> ParsePlan(std::string_view text);

}  // namespace warta::sqlite::fault

#endif  // WARTA_STORE_SQLITE_TESTING_FAULT_VFS_H_
