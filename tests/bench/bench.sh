#!/bin/sh
# bench.sh - throughput and peak memory of docproc over a corpus.
#
#   tests/bench/bench.sh [-j JOBS] [-r RUNS] CORPUS.jsonl[.gz] CONFIG...
#
# For each CONFIG, runs docproc over CORPUS (RUNS times, best run kept) and
# prints MB/s of input text, documents/s and peak RSS. Configs run one
# after the other in one invocation, so their ratios are comparable on a
# noisy machine. Set DOCPROC to choose the binary (default: the build
# tree's core/docproc, found from this script's location or $PWD).
set -eu
jobs=1
runs=3
while getopts j:r: opt; do
	case $opt in
	j) jobs=$OPTARG ;;
	r) runs=$OPTARG ;;
	*) echo "usage: $0 [-j JOBS] [-r RUNS] CORPUS CONFIG..." >&2; exit 1 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 2 ] || { echo "usage: $0 [-j JOBS] [-r RUNS] CORPUS CONFIG..." >&2; exit 1; }
corpus=$1; shift
DOCPROC=${DOCPROC:-$(pwd)/core/docproc}
[ -x "$DOCPROC" ] || { echo "bench: $DOCPROC not found (run from the build dir or set DOCPROC)" >&2; exit 1; }
DOCPROC_PLUGIN_PATH=$(dirname "$DOCPROC")/../tests/bench${DOCPROC_PLUGIN_PATH:+:$DOCPROC_PLUGIN_PATH}
export DOCPROC_PLUGIN_PATH
command -v /usr/bin/time >/dev/null || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
case $corpus in
*.gz) gzip -dc "$corpus" > "$tmp/in.jsonl" ;;
*) cp "$corpus" "$tmp/in.jsonl" ;;
esac
set -- "$@"
read -r docs textbytes <<EOF2
$(python3 -c '
import json,sys
n=b=0
for l in open(sys.argv[1],encoding="utf-8"):
    if l.strip():
        n+=1; b+=len(json.loads(l)["text"].encode("utf-8"))
print(n,b)' "$tmp/in.jsonl")
EOF2
printf '%s: %s documents, %.1f MB of text, -j %s, best of %s\n' \
	"$corpus" "$docs" "$(echo "$textbytes / 1000000" | bc -l)" "$jobs" "$runs"
printf '%-28s %10s %10s %10s %12s\n' config seconds "MB/s" "docs/s" "peak RSS MB"
for cfg in "$@"; do
	best=
	rss=
	i=0
	while [ $i -lt "$runs" ]; do
		# Wall time in milliseconds from date(1) (GNU time's %e has a
		# resolution of 10 ms, too coarse for runs of a few tenths);
		# peak RSS from GNU time.
		t0=$(date +%s%N)
		/usr/bin/time -f '%M' -o "$tmp/time" \
			"$DOCPROC" -q --no-progress -j "$jobs" -c "$cfg" \
			"$tmp/in.jsonl" > /dev/null || [ $? -eq 2 ]
		t1=$(date +%s%N)
		sec=$(echo "($t1 - $t0) / 1000000000" | bc -l)
		read -r kb < "$tmp/time"
		if [ -z "$best" ] || [ "$(echo "$sec < $best" | bc -l)" = 1 ]; then
			best=$sec
		fi
		if [ -z "$rss" ] || [ "$kb" -gt "$rss" ]; then rss=$kb; fi
		i=$((i + 1))
	done
	[ "$(echo "$best == 0" | bc -l)" = 1 ] && best=0.001
	printf '%-28s %10.3f %10.1f %10.0f %12.1f\n' "$(basename "$cfg")" "$best" \
		"$(echo "$textbytes / 1000000 / $best" | bc -l)" \
		"$(echo "$docs / $best" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
done
