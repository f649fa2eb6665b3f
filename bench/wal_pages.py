#!/usr/bin/env python3
"""Which tables a WAL's last commits wrote (docs/benchmarks.md, "The saver's
items").

Usage:
  cp DIR/warta.db-wal /tmp/wal.copy          # while an import runs
  bench/wal_pages.py DIR/warta.db /tmp/wal.copy [COMMITS]

Reads the frames with the WAL header's salts (the current cycle), takes the
last COMMITS (default 2) commits, and maps each frame's page to its table or
index with `dbstat` on DB (opened read-only). Pages freed and reused between
the copy and the mapping count under their later owner.
"""
import collections
import sqlite3
import struct
import sys


def main():
    db, wal = sys.argv[1], sys.argv[2]
    ncommits = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    data = open(wal, "rb").read()
    _, _, page_size, _, salt1, salt2, _, _ = struct.unpack(">8I", data[:32])
    frames = []
    off = 32
    while off + 24 + page_size <= len(data):
        page, commit, s1, s2 = struct.unpack(">4I", data[off:off + 16])
        if (s1, s2) != (salt1, salt2):
            break
        frames.append((page, commit))
        off += 24 + page_size
    commits = [i for i, (_, c) in enumerate(frames) if c]
    print("frames", len(frames), "commits", len(commits), "page size",
          page_size)
    if not commits:
        return
    start = commits[-ncommits - 1] + 1 if len(commits) > ncommits else 0
    last = frames[start:commits[-1] + 1]
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    owner = dict((p, n) for n, p in con.execute(
        "SELECT name, pageno FROM dbstat"))
    counts = collections.Counter(owner.get(p, "?") for p, _ in last)
    print(f"last {ncommits} commits: {len(last)} frames "
          f"({len({p for p, _ in last})} distinct pages)")
    for name, n in counts.most_common(25):
        print(f"{n:8d} {name}")


if __name__ == "__main__":
    main()
