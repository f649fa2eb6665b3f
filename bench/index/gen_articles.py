#!/usr/bin/env python3
"""Writes N real-sized articles as JSON Lines (warta import's format) from the
id-news corpus: each article takes ~300 words of sentences drawn from across
the corpus (so no two are near-duplicates), one of 6 categories, 2 tags and 1
author. Deterministic for a seed.

  bench/index/gen_articles.py ../shared/corpus/id-news.jsonl.gz 100000 > a.jsonl
"""
import gzip
import json
import random
import re
import sys


def main():
    corpus, n = sys.argv[1], int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 42
    rng = random.Random(seed)
    sentences, titles = [], []
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            titles.append(a["title"])
            for s in re.split(r"(?<=[.!?])\s+", a["body"].replace("\n", " ")):
                if 6 <= len(s.split()) <= 60:
                    sentences.append(s)
    categories = ["Nasional", "Dunia", "Ekonomi", "Olahraga", "Teknologi",
                  "Hiburan"]
    tags = ["Tag %d" % i for i in range(200)]
    authors = ["Penulis %d" % i for i in range(40)]
    out = sys.stdout
    for i in range(1, n + 1):
        words, paras = 0, []
        while words < 300:
            para = " ".join(rng.choice(sentences) for _ in range(3))
            words += len(para.split())
            paras.append(para)
        day = 1 + (i * 7919) % 28
        month = 1 + (i // 28) % 12
        year = 2020 + (i // 336) % 6
        out.write(json.dumps({
            "id": "gen-%d" % i,
            "title": "%s (%d)" % (rng.choice(titles), i),
            "body": "\n\n".join(paras),
            "published": "%04d-%02d-%02dT%02d:%02d:00+07:00" % (
                year, month, day, i % 24, i % 60),
            "category": categories[i % 6],
            "tags": rng.sample(tags, 2),
            "authors": [authors[i % 40]],
        }, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
