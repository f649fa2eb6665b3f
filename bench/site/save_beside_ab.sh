#!/usr/bin/env bash
# An editor's saves beside a `warta import`, two builds in turn (issue 10,
# docs/benchmarks.md "An editor's save beside an import"). For each of
# ROUNDS rounds and each build (A, then B): copies BASE (a data directory)
# to WORK/data, starts `warta import --quiet` of FILE into it, and runs
# bench/site/save_beside.sh (a server of the same build, one save every
# INTERVAL s through the admin API) until the import ends. Prints per run
# the import's wall time and articles/s and the saves' summary line; each
# save's time goes to WORK/saves-BUILD-ROUND.log.
#   bench/site/save_beside_ab.sh FILE BASE WORK ROUNDS WARTA_A WARTA_B [INTERVAL]
#   bench/site/save_beside_ab.sh /w/articles-40000.jsonl /w/base /w/ab 2 \
#     /w/warta-main build/warta 2
set -euo pipefail
usage="usage: bench/site/save_beside_ab.sh FILE BASE WORK ROUNDS WARTA_A WARTA_B [INTERVAL]"
file=${1:?$usage}
base_dir=${2:?$usage}
work=${3:?$usage}
rounds=${4:?$usage}
builds=("${5:?$usage}" "${6:?$usage}")
interval=${7:-2}
root=$(cd "$(dirname "$0")/../.." && pwd)
articles=$(wc -l <"$file")
mkdir -p "$work"
for round in $(seq "$rounds"); do
  for i in 0 1; do
    name=$([[ $i == 0 ]] && echo A || echo B)
    bin=${builds[$i]}
    rm -rf "$work/data"
    cp -a "$base_dir" "$work/data"
    start=$(date +%s.%N)
    "$bin" import --quiet --data "$work/data" "$file" >/dev/null \
      2>"$work/import-$name-$round.err" &
    import_pid=$!
    WARTA=$bin "$root/bench/site/save_beside.sh" "$work/data" "$import_pid" \
      "$interval" >"$work/saves-$name-$round.log" 2>&1 &
    saves_pid=$!
    wait "$import_pid"
    end=$(date +%s.%N)
    wait "$saves_pid" || true
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}')
    rate=$(awk -v n="$articles" -v s="$secs" 'BEGIN {printf "%.0f", n / s}')
    echo "round $round $name ($bin): import $articles in $secs s, $rate articles/s;" \
      "$(tail -2 "$work/saves-$name-$round.log" | paste -sd ";" -)"
  done
done
rm -rf "$work/data"
