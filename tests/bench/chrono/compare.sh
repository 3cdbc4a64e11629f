#!/bin/sh
# compare.sh - issue #5's benchmark: docproc's dates pipelines against the
# chrono-node runner, in one run on the same corpus.
#
#   tests/bench/chrono/compare.sh [-r RUNS] CORPUS.jsonl[.gz]
#
# Runs, RUNS times each (best kept), one after the other:
#   chrono-node   node runner.js CORPUS OUT (whole process: node start,
#                 JSON reading, chrono.parse, JSON writing)
#   docproc       tokenizer + dates (tests/bench/tokenizer-dates.yaml) at
#                 -j 1 and at the default -j, and dates alone
#                 (plugins/dates/tests/bench-dates.yaml) at -j 1
#   one core      chrono-node and docproc tokenizer + dates -j 1 again,
#                 each pinned to one CPU with taskset (when it exists):
#                 neither gets a second core for its helper threads
#                 (node's garbage collector and compiler, docproc's reader
#                 and writer)
# and prints wall seconds and the ratio chrono / docproc. It also prints
# chrono's own parse-only time (reported by runner.js), the figure most
# favourable to chrono. Needs node and `npm install` in this folder; run
# from the build directory or set DOCPROC.
set -eu
runs=3
while getopts r: opt; do
	case $opt in
	r) runs=$OPTARG ;;
	*) echo "usage: $0 [-r RUNS] CORPUS" >&2; exit 1 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || { echo "usage: $0 [-r RUNS] CORPUS" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../../.." && pwd)
DOCPROC=${DOCPROC:-$(pwd)/core/docproc}
[ -x "$DOCPROC" ] || { echo "compare: $DOCPROC not found (run from the build dir or set DOCPROC)" >&2; exit 1; }
command -v node >/dev/null || { echo "compare: needs node" >&2; exit 1; }
[ -d "$here/node_modules/chrono-node" ] || { echo "compare: run 'npm install' in $here first" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
case $1 in
*.gz) gzip -dc "$1" > "$tmp/in.jsonl" ;;
*) cp "$1" "$tmp/in.jsonl" ;;
esac

now() { date +%s%N; }
# best wall time in seconds of "$@" over $runs runs (output discarded)
best() {
	b=
	k=0
	while [ $k -lt "$runs" ]; do
		t0=$(now)
		"$@" > /dev/null 2>> "$tmp/err" || [ $? -eq 2 ]
		t1=$(now)
		t=$(echo "($t1 - $t0) / 1000000000" | bc -l)
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
		k=$((k + 1))
	done
	echo "$b"
}

chrono=$(best node "$here/runner.js" "$tmp/in.jsonl" "$tmp/chrono.jsonl")
parse=$(sed -n 's/.*parsing \([0-9.]*\) s wall.*/\1/p' "$tmp/err" | sort -n | head -1)
td1=$(best "$DOCPROC" -q --no-progress -j 1 -c "$src/tests/bench/tokenizer-dates.yaml" "$tmp/in.jsonl")
tdj=$(best "$DOCPROC" -q --no-progress -c "$src/tests/bench/tokenizer-dates.yaml" "$tmp/in.jsonl")
d1=$(best "$DOCPROC" -q --no-progress -j 1 -c "$src/plugins/dates/tests/bench-dates.yaml" "$tmp/in.jsonl")
pin=
if command -v taskset >/dev/null 2>&1; then
	cpu=$(taskset -cp $$ | sed 's/.*: *//; s/[-,].*//')
	chrono_pin=$(best taskset -c "$cpu" node "$here/runner.js" "$tmp/in.jsonl" "$tmp/chrono.jsonl")
	td1_pin=$(best taskset -c "$cpu" "$DOCPROC" -q --no-progress -j 1 -c "$src/tests/bench/tokenizer-dates.yaml" "$tmp/in.jsonl")
	pin=1
fi

jobs=$(nproc 2>/dev/null || echo "?")
printf '%s, best of %s\n' "$1" "$runs"
printf '%-40s %9s %9s %12s\n' run seconds "chrono/x" "parse-only/x"
row() { printf '%-40s %9.3f %8.1fx %11.1fx\n' "$1" "$2" "$(echo "$chrono / $2" | bc -l)" "$(echo "$parse / $2" | bc -l)"; }
printf '%-40s %9.3f %9s %12s\n' "chrono-node runner (whole process)" "$chrono" "" ""
printf '%-40s %9.3f %9s %12s\n' "chrono-node, chrono.parse only" "$parse" "" ""
row "docproc tokenizer + dates, -j 1" "$td1"
row "docproc tokenizer + dates, -j $jobs (default)" "$tdj"
row "docproc dates alone, -j 1" "$d1"
if [ -n "$pin" ]; then
	printf '\none core each (taskset -c %s)\n' "$cpu"
	printf '%-40s %9.3f\n' "chrono-node runner (whole process)" "$chrono_pin"
	printf '%-40s %9.3f %8.1fx\n' "docproc tokenizer + dates, -j 1" "$td1_pin" "$(echo "$chrono_pin / $td1_pin" | bc -l)"
fi
