#!/usr/bin/env python3
"""Adds near-duplicate wire copies to a generated archive (gen_articles.py),
for comparing near-duplicate clusters between two builds:

    bench/near_dup_copies.py IN.jsonl N OUT.jsonl

Writes the first articles of IN with, after each, at probability 0.25 a copy
of one of the 300 articles before it (or, one copy in 5, of any earlier
one) with one sentence of a paragraph dropped, " (salinan K)" added to its
title and its own id "dup:K": N lines in all. Deterministic. Compare the
builds with `sqlite3 DATA/warta.db "SELECT article_id, cluster_id FROM
article_signatures ORDER BY article_id"` after importing OUT into each.
"""
import json
import random
import sys


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rng = random.Random(7)
    seen = []
    with open(src) as f, open(out, "w") as o:
        k = 0
        for line in f:
            if k >= n:
                break
            a = json.loads(line)
            o.write(line)
            k += 1
            seen.append(a)
            if rng.random() < 0.25 and k < n:
                pool = seen[-300:] if rng.random() < 0.8 else seen
                b = dict(rng.choice(pool))
                paras = b["body"].split("\n\n")
                i = rng.randrange(len(paras))
                sents = paras[i].split(". ")
                if len(sents) > 1:
                    sents.pop(rng.randrange(len(sents)))
                paras[i] = ". ".join(sents)
                b["body"] = "\n\n".join(paras)
                b["id"] = f"dup:{k}"
                b["title"] = b["title"] + " (salinan " + str(k) + ")"
                o.write(json.dumps(b, ensure_ascii=False) + "\n")
                k += 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
