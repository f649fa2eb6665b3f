#!/usr/bin/env python3
"""Generates N real-sized articles as JSON Lines, for import and whole-site
benchmarks (docs/benchmarks.md, "Import").

Usage:
  bench/gen_articles.py N [--out FILE] [--seed S] [--corpus PATH]
                          [--start YYYY-MM-DD] [--end YYYY-MM-DD]

  bench/gen_articles.py 100000 --out /tmp/articles-100k.jsonl
  bench/gen_articles.py 1000000 --out /tmp/articles-1m.jsonl.gz   # .gz: gzip
  ./build/warta import --data /tmp/d100k /tmp/articles-100k.jsonl

Each article: ~300 words (250-350) of sentences drawn at random across all
articles of the id-news corpus (each distinct sentence equally likely) (../shared/corpus/id-news.jsonl.gz beside the
checkout), so two generated articles share a sentence only by chance and
there are no accidental near-duplicates; a title of 7-10 words joined from
two sentences; one of the corpus's 6 categories (in the corpus's
proportions: olahraga ~25%); 2 tags from a pool of 400 (skewed: the first
are the most used); 1 author of 60; a dateline on about half; published_at
spread evenly from --start to --end (default 2016-01-01 .. 2026-01-01, WIB)
in file order, like an archive. Ids are "gen:<seed>:<n>" (the import key), so
the same command gives the same file and re-importing it duplicates nothing.
Output is deterministic for a given N, seed and corpus.
"""
import argparse
import gzip
import json
import os
import random
import re
import sys
from datetime import datetime, timedelta, timezone

CATEGORIES = {
    "tajuk utama": "Tajuk Utama",
    "olahraga": "Olahraga",
    "showbiz": "Showbiz",
    "teknologi": "Teknologi",
    "hiburan": "Hiburan",
    "inspirasi": "Inspirasi",
}
FIRST = ["Andi", "Budi", "Citra", "Dewi", "Eko", "Fajar", "Gita", "Hadi",
         "Indah", "Joko", "Kartika", "Lestari", "Made", "Nur", "Putri",
         "Rizky", "Sari", "Taufik", "Utami", "Wahyu"]
LAST = ["Pratama", "Wulandari", "Santoso", "Hidayat", "Nugroho", "Siregar",
        "Lubis", "Saputra", "Rahmawati", "Kurniawan", "Setiawan", "Harahap"]
CITIES = ["Jakarta", "Bandung", "Surabaya", "Medan", "Makassar", "Semarang",
          "Yogyakarta", "Denpasar", "Palembang", "Balikpapan", "Jayapura",
          "Pontianak", "Manado", "Padang", "Kupang", "Seoul", "Tokyo",
          "Singapura", "Kuala Lumpur", "Jenewa"]
SENTENCE_END = re.compile(r'(?<=[.!?])\s+(?=["A-Z0-9])')


def default_corpus():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.join(here, "..", "..", "shared", "corpus",
                        "id-news.jsonl.gz")


def load(corpus):
    sentences, categories, words = [], [], {}
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            categories.append(CATEGORIES.get(a.get("category", ""),
                                             "Tajuk Utama"))
            for para in a["body"].split("\n\n"):
                for s in SENTENCE_END.split(para.strip()):
                    s = " ".join(s.split())
                    n = len(s.split())
                    if 5 <= n <= 60:
                        sentences.append((s, n))
                    for w in s.split():
                        w = w.strip('.,!?;:"()\'')
                        if len(w) > 3 and w[0].isupper() and w[1:].islower():
                            words[w] = words.get(w, 0) + 1
    # Each distinct sentence once: outlets repeat boilerplate (a newsletter
    # plug, a byline) in hundreds of articles, which would otherwise be drawn
    # hundreds of times more often and make generated articles share runs
    # of words, i.e. near-duplicate candidates a real archive does not have.
    sentences = list(dict.fromkeys(sentences))
    # Tags: the corpus's most frequent capitalised words (names, places).
    tags = [w for w, _ in sorted(words.items(), key=lambda x: (-x[1], x[0]))]
    return sentences, categories, tags[:400]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("n", type=int)
    p.add_argument("--out", default="-")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--corpus", default=default_corpus())
    p.add_argument("--start", default="2016-01-01")
    p.add_argument("--end", default="2026-01-01")
    args = p.parse_args()

    sentences, categories, tags = load(args.corpus)
    rng = random.Random(args.seed)
    authors = [f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]}"
               for i in range(60)]
    tag_weights = [1.0 / (r + 10) for r in range(len(tags))]
    cum_tags = []
    total = 0.0
    for w in tag_weights:
        total += w
        cum_tags.append(total)
    wib = timezone(timedelta(hours=7))
    start = datetime.fromisoformat(args.start).replace(tzinfo=wib)
    end = datetime.fromisoformat(args.end).replace(tzinfo=wib)
    span = (end - start).total_seconds()
    step = span / max(args.n, 1)

    if args.out == "-":
        out = sys.stdout
    elif args.out.endswith(".gz"):
        out = gzip.open(args.out, "wt", encoding="utf-8", compresslevel=3)
    else:
        out = open(args.out, "w", encoding="utf-8")
    ns = len(sentences)
    for i in range(args.n):
        target = rng.randint(250, 350)
        paragraphs, para, count = [], [], 0
        while count < target:
            s, n = sentences[rng.randrange(ns)]
            para.append(s)
            count += n
            if len(para) >= rng.randint(2, 4):
                paragraphs.append(" ".join(para))
                para = []
        if para:
            paragraphs.append(" ".join(para))
        a = sentences[rng.randrange(ns)][0].split()
        b = sentences[rng.randrange(ns)][0].split()
        ka = rng.randint(3, 5)
        title = " ".join(a[:ka] + b[-rng.randint(4, 5):]).rstrip(".!?,")
        title = title[0].upper() + title[1:]
        chosen = set()
        while len(chosen) < 2:
            x = rng.random() * total
            lo, hi = 0, len(cum_tags) - 1
            while lo < hi:
                mid = (lo + hi) // 2
                if cum_tags[mid] < x:
                    lo = mid + 1
                else:
                    hi = mid
            chosen.add(tags[lo])
        t = start + timedelta(seconds=step * i + rng.random() * step)
        art = {
            "id": f"gen:{args.seed}:{i}",
            "title": title,
            "body": "\n\n".join(paragraphs),
            "published": t.strftime("%Y-%m-%dT%H:%M:%S+07:00"),
            "category": categories[rng.randrange(len(categories))],
            "tags": sorted(chosen),
            "authors": [authors[rng.randrange(len(authors))]],
        }
        if rng.random() < 0.5:
            art["dateline"] = rng.choice(CITIES)
        out.write(json.dumps(art, ensure_ascii=False))
        out.write("\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
