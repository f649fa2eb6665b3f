#!/usr/bin/env python3
"""Pages an import batch writes into the near-duplicate band index, one
table against the levels of migration 061, on a synthetic index of N
articles (no articles, no /tmp data of anyone else):

    bench/band_pages.py N [DB] [--recent ROWS] [--middle ROWS]

Builds, in DB (default /tmp/band-pages-N.db, removed at the end), the band
table of N articles as the import builds it (16 random 64-bit band keys per
article, inserted in id order, so at random places of the key; WITHOUT
ROWID with its by-article index, as migrations 054 and 061). Then counts the
WAL frames (4 KiB pages) each transaction writes, the WAL emptied before
each, with the writer's 128 MiB cache:
  - one table: a batch of 1000 new articles' 16,000 band rows;
  - levels: the same batch into the recent level when it is empty, half
    full and full; merging a full recent level into a half-full middle
    one; merging a full middle level into the big table of N articles.
and prints the band pages per article for each, the levels' amortised over
how often each merge runs. A page written to the WAL is written again by
the checkpoint, so the bytes on disk are twice the figures.
"""
import argparse
import os
import random
import sqlite3
import time

BANDS = 16
BATCH = 1000


def table(db, name):
    db.execute(f"CREATE TABLE {name} (band_key INTEGER NOT NULL, "
               f"article_id INTEGER NOT NULL, PRIMARY KEY (band_key, "
               f"article_id)) WITHOUT ROWID")
    db.execute(f"CREATE INDEX {name}_by_article ON {name} (article_id)")


def rows(rng, first, n):
    return [(rng.getrandbits(63), a) for a in range(first, first + n)
            for _ in range(BANDS)]


def frames(db, fn):
    """WAL frames one transaction running fn() writes, and its seconds."""
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    start = time.monotonic()
    db.execute("BEGIN")
    fn()
    db.execute("COMMIT")
    took = time.monotonic() - start
    _, log, _ = db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    return log, took


def fill(db, name, rng, first, n, per_txn=BATCH):
    for a in range(first, first + n, per_txn):
        k = min(per_txn, first + n - a)
        db.execute("BEGIN")
        db.executemany(f"INSERT OR IGNORE INTO {name} VALUES (?, ?)",
                       rows(rng, a, k))
        db.execute("COMMIT")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("n", type=int)
    p.add_argument("db", nargs="?")
    p.add_argument("--recent", type=int, default=16 * 12000)
    p.add_argument("--middle", type=int, default=16 * 150000)
    args = p.parse_args()
    path = args.db or f"/tmp/band-pages-{args.n}.db"
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    rng = random.Random(1)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA wal_autocheckpoint=0")
    db.execute("PRAGMA synchronous=OFF")
    for name in ("big", "recent", "middle", "scratch"):
        table(db, name)
    n = args.n
    db.execute("PRAGMA cache_size=-1048576")  # filling: 1 GiB
    t = time.monotonic()
    fill(db, "big", rng, 1, n, per_txn=10 * BATCH)
    leaves = db.execute("SELECT count(*) FROM dbstat WHERE name = 'big' "
                        "AND pagetype = 'leaf'").fetchone()[0]
    print(f"{n} articles: big table {leaves} leaves, filled in "
          f"{time.monotonic() - t:.0f} s")
    db.execute("PRAGMA cache_size=-131072")  # the writer's in a batch
    db.execute("PRAGMA cache_size=-131072")
    nxt = n + 1

    def batch_into(name):
        nonlocal nxt
        r = rows(rng, nxt, BATCH)
        nxt += BATCH
        return frames(db, lambda: db.executemany(
            f"INSERT OR IGNORE INTO {name} VALUES (?, ?)", r))

    one = [batch_into("big") for _ in range(3)]
    per = sum(f for f, _ in one) / len(one) / BATCH
    print(f"one table: a batch writes {[f for f, _ in one]} pages: "
          f"{per:.1f} pages = {per * 4:.1f} KiB per article")
    # Levels. The recent level: a batch when empty, half full, full.
    cap_r, cap_m = args.recent, args.middle
    rec = []
    for fill_rows in (0, cap_r // 2, cap_r - BANDS * BATCH):
        db.execute("DELETE FROM recent")
        fill(db, "recent", rng, nxt, fill_rows // BANDS)
        nxt += fill_rows // BANDS
        rec.append(batch_into("recent")[0])
    rec_per = (rec[0] + 2 * rec[1] + rec[2]) / 4 / BATCH
    # The middle level half full (built by merges: sorted inserts), merged
    # into by a full recent level.
    db.execute("DELETE FROM scratch")
    fill(db, "scratch", rng, nxt, cap_m // 2 // BANDS, per_txn=10 * BATCH)
    nxt += cap_m // 2 // BANDS
    db.execute("BEGIN")
    db.execute("DELETE FROM middle")
    db.execute("INSERT INTO middle SELECT * FROM scratch "
               "ORDER BY band_key, article_id")
    db.execute("COMMIT")
    mid_f, mid_s = frames(db, lambda: (
        db.execute("INSERT OR IGNORE INTO middle SELECT * FROM recent "
                   "ORDER BY band_key, article_id"),
        db.execute("DELETE FROM recent")))
    merges_r = cap_r // BANDS  # articles between two merges of recent
    # A full middle level merged into the big table.
    db.execute("DELETE FROM scratch")
    fill(db, "scratch", rng, nxt, cap_m // BANDS - cap_m // 2 // BANDS,
         per_txn=10 * BATCH)
    db.execute("INSERT OR IGNORE INTO middle SELECT * FROM scratch "
               "ORDER BY band_key, article_id")
    mrows = db.execute("SELECT count(*) FROM middle").fetchone()[0]
    big_f, big_s = frames(db, lambda: (
        db.execute("INSERT OR IGNORE INTO big SELECT * FROM middle "
                   "ORDER BY band_key, article_id"),
        db.execute("DELETE FROM middle")))
    merges_m = cap_m // BANDS  # articles between two merges of middle
    lv = rec_per + mid_f / merges_r + big_f / merges_m
    print(f"levels: a batch into recent writes {rec} pages (empty, half, "
          f"full): {rec_per:.2f} pages per article")
    print(f"  recent ({cap_r} rows) into half-full middle: {mid_f} pages "
          f"({mid_s:.1f} s), every {merges_r} articles: "
          f"{mid_f / merges_r:.2f} pages per article")
    print(f"  middle ({mrows} rows) into big: {big_f} pages ({big_s:.1f} s), "
          f"every {merges_m} articles: {big_f / merges_m:.2f} pages per "
          f"article")
    print(f"levels in all: {lv:.1f} pages = {lv * 4:.1f} KiB per article "
          f"(one table: {per * 4:.1f} KiB)")
    db.close()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


if __name__ == "__main__":
    main()
