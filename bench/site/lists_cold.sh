#!/usr/bin/env bash
# Cold list pages, two builds A/B (docs/benchmarks.md, "Cards apart from
# bodies"):
#   bench/site/lists_cold.sh OLD_WARTA OLD_DATA NEW_WARTA NEW_DATA PATH...
# Per build: drops the OS page cache (root), starts `warta serve` on its data
# directory (empty page cache), fetches each PATH once with a browser's
# Accept-Encoding and prints its time, then the bytes the server's read
# calls returned (rchar) and, with BLOCKDEV=vda, the read requests that
# device completed (machine-wide), per page.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=bench/site_common.sh
. "$root/bench/site_common.sh"
old=${1:?usage: lists_cold.sh OLD_WARTA OLD_DATA NEW_WARTA NEW_DATA PATH...}
old_data=$2 new=$3 new_data=$4
shift 4
port=${PORT:-18473}
run() {  # binary data label
  sync; echo 3 > /proc/sys/vm/drop_caches
  bench_start_only "$1" "$2" "$port" "/tmp/lists_cold-$3.err"
  local pid=$bench_pid
  local rc0 ios0; rc0=$(bench_io "$pid" rchar); ios0=$(bench_disk_reads)
  local line="$3:" p t
  for p in "${paths[@]}"; do
    t=$(curl -s -H "Accept-Encoding: gzip, deflate, br" -o /dev/null \
      -w '%{http_code} %{time_total}' "http://127.0.0.1:$port$p")
    line+=" $p ${t#* } s (${t%% *})"
  done
  local rc1 ios1; rc1=$(bench_io "$pid" rchar); ios1=$(bench_disk_reads)
  line+=" | read $(((rc1 - rc0) / 1024 / ${#paths[@]})) KB/page"
  ((ios0 >= 0)) && line+=", $BLOCKDEV reads $(((ios1 - ios0) / ${#paths[@]}))/page"
  echo "$line"
  kill "$pid"; wait "$pid" 2>/dev/null
}
paths=("$@")
run "$old" "$old_data" old
run "$new" "$new_data" new
