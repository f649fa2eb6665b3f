#!/usr/bin/env python3
"""Inclusive share of perf samples per function (docs/benchmarks.md, "The
saver's items").

Usage:
  perf record -e cpu-clock -F 499 --call-graph dwarf -t TID -o w.data -- sleep 15
  bench/perf_inclusive.py w.data [TOP]

Each sample counts once for every function on its stack, so the shares
overlap (a caller includes its callees) and do not add up to 100%.
"""
import collections
import re
import subprocess
import sys


def main():
    data = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    out = subprocess.run(["perf", "script", "-i", data, "-F", "tid,ip,sym"],
                         capture_output=True, text=True, check=True).stdout
    counts = collections.Counter()
    samples = 0
    stack = []

    def flush():
        nonlocal samples
        if not stack:
            return
        samples += 1
        for name in {re.sub(r"\(.*", "", s)[:90] for s in stack}:
            counts[name] += 1

    for line in out.splitlines():
        if line.startswith(("\t", " ")) and line.strip():
            parts = line.strip().split(None, 1)
            stack.append(parts[1] if len(parts) > 1 else parts[0])
        else:
            flush()
            stack = []
    flush()
    print("samples", samples)
    for name, c in counts.most_common(top):
        print(f"{100 * c / samples:6.2f}%  {name}")


if __name__ == "__main__":
    main()
