#!/bin/sh
# tokenizer_bench.sh - the tokenizer plugin against ICU, and the engine
# alone against `wc -w`, on the same corpus (not part of `make check`).
#
#   tests/bench/tokenizer_bench.sh BUILDDIR [CORPUS.jsonl.gz] [RUNS]
#
# BUILDDIR is a configured and built docproc tree (it must hold
# core/docproc and plugins/tokenizer/bench/tokenizer_bench: run
# `make -C BUILDDIR/plugins/tokenizer bench` first). The ICU reference is
# built here with tests/bench/Makefile.icu. Every figure is the best of
# RUNS (default 5) wall-clock runs, so that other load on the machine
# counts as little as possible. Needs python3 to extract the texts.
set -eu

build=$(cd "$1" && pwd)
corpus=${2:-../shared/corpus/reuters21578.jsonl.gz}
runs=${3:-5}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

make -s -C "$tmp" -f "$here/Makefile.icu" >/dev/null
zcat -f "$corpus" > "$tmp/in.jsonl"
python3 - "$tmp/in.jsonl" "$tmp/in.txt" <<'EOF'
import json, sys
with open(sys.argv[1]) as f, open(sys.argv[2], "w") as out:
    out.write("\f".join(json.loads(l)["text"] for l in f))
EOF
cat > "$tmp/tok.yaml" <<'EOF'
docproc: 1
pipeline:
  - plugin: tokenizer
output: { layers: [sentences, tokens] }
EOF

# best RUNS wall-clock seconds of a command
best() {
	b=
	i=0
	while [ $i -lt "$runs" ]; do
		s=$(date +%s.%N)
		"$@" >/dev/null 2>&1
		e=$(date +%s.%N)
		t=$(echo "$e - $s" | bc)
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then
			b=$t
		fi
		i=$((i + 1))
	done
	echo "$b"
}

mb=$(stat -c %s "$tmp/in.jsonl")
tb=$(stat -c %s "$tmp/in.txt")
d1=$(best "$build/core/docproc" -q -j 1 -c "$tmp/tok.yaml" -o "$tmp/d1.jsonl" "$tmp/in.jsonl")
d2=$(best "$build/core/docproc" -q -j 2 -c "$tmp/tok.yaml" -o "$tmp/d2.jsonl" "$tmp/in.jsonl")
icu=$(best "$tmp/icu_tokenize" -o "$tmp/icu.jsonl" "$tmp/in.jsonl")
eng=$(best "$build/plugins/tokenizer/bench/tokenizer_bench" -d "$tmp/in.txt")
icuf=$(best "$tmp/icu_tokenize" -f "$tmp/in.txt")
wcw=$(best wc -w "$tmp/in.txt")

printf 'JSON Lines in and out (%s bytes in):\n' "$mb"
printf '  docproc -j1, tokenizer   %6.3f s\n' "$d1"
printf '  docproc -j2, tokenizer   %6.3f s\n' "$d2"
printf '  ICU BreakIterators       %6.3f s\n' "$icu"
printf '  ratio ICU / docproc -j1  %6.2f x\n' "$(echo "$icu / $d1" | bc -l)"
printf '  ratio ICU / docproc -j2  %6.2f x\n' "$(echo "$icu / $d2" | bc -l)"
printf 'Plain text, no JSON (%s bytes):\n' "$tb"
printf '  tokenizer engine (news)  %6.3f s\n' "$eng"
printf '  ICU BreakIterators       %6.3f s\n' "$icuf"
printf '  wc -w                    %6.3f s\n' "$wcw"
printf '  ratio ICU / engine       %6.2f x\n' "$(echo "$icuf / $eng" | bc -l)"
printf '  ratio wc -w / engine     %6.2f  (1.0 = as fast as wc -w)\n' \
	"$(echo "$wcw / $eng" | bc -l)"
