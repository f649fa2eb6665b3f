#!/usr/bin/env bash
# Instructions the import's writer (the main thread) executes an article,
# counted by valgrind's callgrind: a figure that does not move with the
# machine's speed, for changes worth a few percent of the writer, which the
# wall time of a 1M import (±10% between neighbouring runs here) cannot show.
#   bench/writer_instructions.sh WARTA BASE_DIR NEW.jsonl [WORK]
# Imports NEW.jsonl onto a copy of the data directory BASE_DIR (made once,
# e.g. `warta import --data BASE FIRST-20000.jsonl`) under callgrind, in
# batches of 40 (each done well before the batch time of one second even
# under valgrind, so every run cuts the same batches: three runs of one
# build spread 0.6%), and prints the writer's instructions in all and an
# article. Compare builds on the same BASE_DIR and NEW.jsonl. Needs valgrind.
#   python3 bench/gen_articles.py 1500 --seed 77 --out /tmp/new.jsonl
set -euo pipefail
warta=${1:?usage: bench/writer_instructions.sh WARTA BASE_DIR NEW.jsonl [WORK]}
base=${2:?base data directory}
new=${3:?articles to import}
work=${4:-/tmp/writer-instructions}
rm -rf "$work"
mkdir -p "$work/out"
cp -a "$base" "$work/data"
valgrind --tool=callgrind --separate-threads=yes \
  --callgrind-out-file="$work/out/cg.%p" \
  "$warta" import --batch 40 --data "$work/data" "$new" \
  >/dev/null 2>"$work/out/err"
n=$(grep -c '' "$new")
main=$(ls "$work"/out/cg.*-01 | head -1)
ir=$(awk '/^summary:/ {print $2; exit}' "$main")
echo "writer: $ir instructions, $(( ir / n )) an article ($n articles)"
echo "callgrind_annotate --inclusive=yes $main   # where they go"
