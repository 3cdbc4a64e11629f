# memory.sh - streaming: docproc's peak memory does not grow with the
# number of documents (DESIGN: memory must not grow with the corpus).
. "$abs_srcdir/e2e/lib.sh"
cat >"$T/light.yaml" <<EOC
docproc: 1
pipeline:
  - plugin: edit
  - plugin: failing
EOC

if [ -n "$DP_WRAP" ] || grep -q __asan_init "$DOCPROC"; then
	echo "# under valgrind or AddressSanitizer memory use is theirs: skipped"
	exit 77
fi
# 10 KB documents, a few edits each (the issue's benchmark shape)
text=$(awk 'BEGIN { for (i = 0; i < 450; i++) printf "the colour of the sea "; }')
gen() {
	awk -v n="$1" -v t="$text" 'BEGIN {
		for (i = 0; i < n; i++) printf "{\"id\":\"m%d\",\"text\":\"%s\"}\n", i, t;
	}' >"$T/m$1.jsonl"
}
peak() {
	"$abs_builddir/tools/peak_rss" "$DOCPROC" -c "$T/light.yaml" -j 2 -o "$T/out.jsonl" \
		"$T/m$1.jsonl" 2>&1 >/dev/null | sed -n 's/^peak_rss: //p'
}
gen 1000
gen 20000
small=$(peak 1000)
big=$(peak 20000)
echo "# peak RSS: $small kB for 1000 documents, $big kB for 20000"
expect_lines "$T/out.jsonl" 20000 "20000 documents written"
if [ -n "$small" ] && [ -n "$big" ] && [ "$big" -lt $((small + 4096)) ]; then
	ok "peak memory is flat: $small kB for 1000 documents, $big kB for 20000"
else
	not_ok "peak memory grows: $small kB for 1000 documents, $big kB for 20000"
fi
finish
