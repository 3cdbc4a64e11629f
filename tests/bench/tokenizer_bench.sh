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

# best RUNS wall-clock seconds of a command; the best CPU seconds (user +
# system, less sensitive to other load) go to $tmp/cpu
best() {
	b=
	c=
	i=0
	while [ $i -lt "$runs" ]; do
		s=$(date +%s.%N)
		/usr/bin/time -o "$tmp/time" -f '%U %S' "$@" >/dev/null 2>&1
		e=$(date +%s.%N)
		t=$(echo "$e - $s" | bc)
		u=$(awk '{print $1 + $2}' "$tmp/time")
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then
			b=$t
		fi
		if [ -z "$c" ] || [ "$(echo "$u < $c" | bc)" = 1 ]; then
			c=$u
		fi
		i=$((i + 1))
	done
	echo "$c" > "$tmp/cpu"
	echo "$b"
}

mb=$(stat -c %s "$tmp/in.jsonl")
tb=$(stat -c %s "$tmp/in.txt")
d1=$(best "$build/core/docproc" -q -j 1 -c "$tmp/tok.yaml" -o "$tmp/d1.jsonl" "$tmp/in.jsonl")
d1c=$(cat "$tmp/cpu")
d2=$(best "$build/core/docproc" -q -j 2 -c "$tmp/tok.yaml" -o "$tmp/d2.jsonl" "$tmp/in.jsonl")
icu=$(best "$tmp/icu_tokenize" -o "$tmp/icu.jsonl" "$tmp/in.jsonl")
icuc=$(cat "$tmp/cpu")
eng=$(best "$build/plugins/tokenizer/bench/tokenizer_bench" -d "$tmp/in.txt")
engc=$(cat "$tmp/cpu")
icuf=$(best "$tmp/icu_tokenize" -f "$tmp/in.txt")
icufc=$(cat "$tmp/cpu")
wcw=$(best wc -w "$tmp/in.txt")
wcc=$(cat "$tmp/cpu")

ratio() { echo "$1 / $2" | bc -l; }
printf 'JSON Lines in and out (%s bytes in)      wall     cpu\n' "$mb"
printf '  docproc -j1, tokenizer   %6.3f s %6.2f s\n' "$d1" "$d1c"
printf '  docproc -j2, tokenizer   %6.3f s\n' "$d2"
printf '  ICU BreakIterators       %6.3f s %6.2f s\n' "$icu" "$icuc"
printf '  ratio ICU / docproc -j1  %6.2f x %6.2f x\n' "$(ratio "$icu" "$d1")" \
	"$(ratio "$icuc" "$d1c")"
printf '  ratio ICU / docproc -j2  %6.2f x\n' "$(ratio "$icu" "$d2")"
printf 'Plain text, no JSON (%s bytes)\n' "$tb"
printf '  tokenizer engine (news)  %6.3f s %6.2f s\n' "$eng" "$engc"
printf '  ICU BreakIterators       %6.3f s %6.2f s\n' "$icuf" "$icufc"
printf '  wc -w                    %6.3f s %6.2f s\n' "$wcw" "$wcc"
printf '  ratio ICU / engine       %6.2f x %6.2f x\n' "$(ratio "$icuf" "$eng")" \
	"$(ratio "$icufc" "$engc")"
printf '  ratio wc -w / engine     %6.2f   %6.2f   (1.0 = as fast as wc -w)\n' \
	"$(ratio "$wcw" "$eng")" "$(ratio "$wcc" "$engc")"
