// The fault shim (fault_vfs.h) as a library to preload into the real `warta`
// binary, for the integration tests only:
//   LD_PRELOAD=build/src/store/sqlite/libwarta_fault_vfs.so
//   FAULT_VFS_FILE=/tmp/x/fault warta serve ...
// (both variables in the server's environment)
// then `echo full > /tmp/x/fault` fills the disk, `rm /tmp/x/fault` frees
// it. warta itself holds no fault code and reads no such variable: without
// this library preloaded, FAULT_VFS_FILE means nothing. (Not WARTA_*: warta
// refuses WARTA_ variables it does not know.)
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>

#include "store/sqlite/testing/fault_vfs.h"

namespace {

__attribute__((constructor)) void InstallFromEnvironment() {
  const char* path = std::getenv("FAULT_VFS_FILE");
  if (!path || !*path) return;
  // Registering the VFS initializes SQLite, after which sqlite3_config
  // cannot change process-wide settings: make warta's own first
  // (store/sqlite/db.cc ConfigureOnce), so the server runs as it would.
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  if (int rc = warta::sqlite::fault::Install(); rc != SQLITE_OK) {
    std::fprintf(stderr, "fault_vfs: cannot register the VFS: %s\n",
                 sqlite3_errstr(rc));
    std::abort();
  }
  warta::sqlite::fault::WatchFile(path);
  std::fprintf(stderr, "fault_vfs: faults from %s\n", path);
}

}  // namespace
