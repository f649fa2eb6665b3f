#!/usr/bin/env python3
"""Insert cost of an article's card (SQLite migration 061): none, kept by a
trigger, or by the write path's own INSERT with bound values.

    bench/card_trigger.py none|trigger|writepath [DIR]

Inserts 10k rows of ~12 KB (body, html and plain text of 600 words each) in
transactions of 1,000 into a fresh WAL database in DIR (default /tmp) and
prints the best CPU time of three runs (docs/benchmarks.md, "Cards apart
from bodies"). Uses Python's sqlite3, i.e. the system SQLite.
"""
import os
import random
import sqlite3
import sys
import time

COLS = ["slug", "title", "custom_excerpt", "dateline_city", "source",
        "feature_image", "feature_image_caption", "status", "published_at",
        "created_at", "updated_at", "word_count", "reading_time", "version",
        "category_id", "deleted_at"]
# Where each card column sits in the inserted row (after id).
ROW_INDEX = [0, 1, 2, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]


def run(mode, path):
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(
        "CREATE TABLE articles (id INTEGER PRIMARY KEY, slug TEXT, title TEXT, "
        "custom_excerpt TEXT, body TEXT, html TEXT, plaintext TEXT, "
        "dateline_city TEXT, source TEXT, feature_image TEXT, "
        "feature_image_caption TEXT, status TEXT, published_at INT, "
        "created_at INT, updated_at INT, word_count INT, reading_time INT, "
        "version INT, category_id INT, deleted_at INT)")
    if mode != "none":
        db.execute("CREATE TABLE article_cards (id INTEGER PRIMARY KEY, %s, "
                   "plaintext_head TEXT)" % ", ".join(COLS))
    if mode == "trigger":
        db.execute("CREATE TRIGGER t AFTER INSERT ON articles BEGIN "
                   "INSERT INTO article_cards VALUES (NEW.id, %s, "
                   "SUBSTR(NEW.plaintext, 1, 400)); END" %
                   ", ".join("NEW." + c for c in COLS))
    rnd = random.Random(1)
    words = ["kata%d" % i for i in range(5000)]
    bodies = [" ".join(rnd.choice(words) for _ in range(600))
              for _ in range(10000)]
    t0 = time.process_time()
    for i in range(10000):
        if i % 1000 == 0:
            db.execute("BEGIN")
        body = bodies[i]
        row = ("slug-%d" % i, "Judul berita %d" % i, "", body,
               "<p>" + body + "</p>", body, "Jakarta", "Antara",
               "/media/x.jpg", "", "published", 1700000000 + i,
               1700000000 + i, 1700000000 + i, 600, 3, 1, i % 10, None)
        cur = db.execute("INSERT INTO articles VALUES (NULL,%s)" %
                         ",".join("?" * 19), row)
        if mode == "writepath":
            db.execute("INSERT INTO article_cards VALUES (?,%s)" %
                       ",".join("?" * 17),
                       (cur.lastrowid,) + tuple(row[k] for k in ROW_INDEX) +
                       (body[:400],))
        if i % 1000 == 999:
            db.execute("COMMIT")
    return time.process_time() - t0


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in ("none", "trigger",
                                                "writepath"):
        print(__doc__, file=sys.stderr)
        return 2
    mode = sys.argv[1]
    path = os.path.join(sys.argv[2] if len(sys.argv) > 2 else "/tmp",
                        "card_trigger-%s.db" % mode)
    best = min(run(mode, path) for _ in range(3))
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    print("%s: %.3f CPU s for 10k inserts" % (mode, best))
    return 0


if __name__ == "__main__":
    sys.exit(main())
