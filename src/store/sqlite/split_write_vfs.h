// The process's default SQLite VFS: the system's, except that a statement
// journal's file (and a temporary journal's) takes a write longer than
// 64 KiB in pieces. SQLite's unix VFS writes at most 128 KiB - 1 bytes a
// call (seekAndWriteFd masks the length to 17 bits) and reports a longer
// write as a full disk. SQLite itself never writes more than a page at a
// time but in one place: an in-memory statement journal that spills to its
// file is copied there in chunks of the spill size (kStatementJournalSpill,
// 1 MiB, db.h). Without this every statement whose journal spilled failed
// with "database or disk is full" (Debian 12's SQLite, 3.40.1): a DROP
// INDEX, an UPDATE or DELETE of a few MiB of pages inside a transaction.
#ifndef WARTA_STORE_SQLITE_SPLIT_WRITE_VFS_H_
#define WARTA_STORE_SQLITE_SPLIT_WRITE_VFS_H_

namespace warta::sqlite {

// Registers it as the default VFS, wrapping the default of the moment;
// once per process (later calls do nothing). Call it after sqlite3_config
// (it initializes SQLite) and before the first connection opens.
void InstallSplitWriteVfs();

}  // namespace warta::sqlite

#endif  // WARTA_STORE_SQLITE_SPLIT_WRITE_VFS_H_
