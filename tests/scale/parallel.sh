#!/bin/sh
# The GNU parallel recipe from the README gives exactly the output of one
# docproc process over the same input (default pipeline).
set -eu
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is not installed (it generates the test corpus)"; exit 77; }
DOCPROC=${DOCPROC:-$abs_top_builddir/core/docproc}
[ -z "${DOCPROC_CONFIG:-}" ] || DOCPROC="$DOCPROC -c $DOCPROC_CONFIG"
if ! command -v parallel >/dev/null 2>&1 || ! parallel --version 2>/dev/null | grep -q GNU; then
	echo "SKIP: GNU parallel is not installed (apt-get install parallel)"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$abs_srcdir/scale/gen-docs.py" 600 > "$tmp/in.jsonl"
$DOCPROC -q -j 1 "$tmp/in.jsonl" > "$tmp/single.jsonl"
# the recipe: split stdin into blocks of whole lines, keep their order
parallel --will-cite --pipe --keep-order --block 64k -j 3 \
	$DOCPROC -q -j 1 - < "$tmp/in.jsonl" > "$tmp/parallel.jsonl"
n=$(wc -l < "$tmp/single.jsonl")
[ "$n" -eq 600 ] || { echo "FAIL: expected 600 records, got $n"; exit 1; }
if cmp "$tmp/single.jsonl" "$tmp/parallel.jsonl"; then
	echo "PASS: GNU parallel output identical to one process ($n records)"
else
	echo "FAIL: GNU parallel output differs from one process"
	exit 1
fi
