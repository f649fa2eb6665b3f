#!/usr/bin/env python3
"""Compares two search-index segment files (DATA/index/seg-*.idx) section by
section, with the padding bytes of DocMeta, Block and TermInfo masked (files
written before those were zeroed hold stray bytes there).

    bench/index/compare_segments.py A.idx B.idx

Prints the sections that differ; exits 1 when any does.
"""
import struct
import sys

SECTIONS = ("docs tag_offsets tag_ids author_offsets author_ids by_article "
            "terms term_offsets term_text term_order blocks doc_bytes pos_bytes "
            "surfaces surface_text extra_df feature_keys feature_ids "
            "feature_offsets doc_features list_offsets list_entries").split()
SCALARS = (40, 112)  # the header's SegmentScalars
TABLE = 112  # then one (offset, bytes) pair per section
# record size and the offsets of its padding bytes (src/index/segment.h)
PADDING = {"docs": (40, [38, 39]), "blocks": (32, [7, 10, 11, 12, 13, 14, 15]),
           "terms": (16, [15])}


def section(data, i, name):
    offset, size = struct.unpack_from("<QQ", data, TABLE + 16 * i)
    out = bytearray(data[offset:offset + size])
    if name in PADDING:
        record, pads = PADDING[name]
        for r in range(0, len(out), record):
            for p in pads:
                out[r + p] = 0
    return out


def main():
    a = open(sys.argv[1], "rb").read()
    b = open(sys.argv[2], "rb").read()
    differ = []
    if a[SCALARS[0]:SCALARS[1]] != b[SCALARS[0]:SCALARS[1]]:
        differ.append("scalars")
    for i, name in enumerate(SECTIONS):
        if section(a, i, name) != section(b, i, name):
            differ.append(name)
    print("differ: " + " ".join(differ) if differ else
          f"equal: {len(SECTIONS)} sections and the scalars ({len(a)} bytes)")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
