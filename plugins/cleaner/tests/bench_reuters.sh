#!/bin/sh
# bench_reuters.sh - throughput of a cleaner-only pipeline against an empty
# pipeline on Reuters-21578, in one run each, alternating, N rounds.
# Usage: tests/bench_reuters.sh DOCPROC CORPUS.jsonl [ROUNDS]
# (decompress first: zcat reuters21578.jsonl.gz > /tmp/reuters.jsonl)
set -eu
docproc=$1
corpus=$2
rounds=${3:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'docproc: 1\npipeline: []\noutput: { layers: [] }\n' > "$tmp/empty.yaml"
printf 'docproc: 1\npipeline:\n  - plugin: cleaner\noutput: { layers: [edits] }\n' \
	> "$tmp/cleaner.yaml"
secs() {
	"$docproc" -c "$1" "$corpus" 2>&1 >/dev/null |
		sed -n 's/.* in \([0-9.]*\) s.*/\1/p'
}
i=0
while [ "$i" -lt "$rounds" ]; do
	e=$(secs "$tmp/empty.yaml")
	c=$(secs "$tmp/cleaner.yaml")
	echo "empty $e s  cleaner $c s  ratio $(echo "scale=2; $e / $c" | bc)"
	i=$((i + 1))
done
