# big.sh - a 50 MB document, as a .txt file and as one JSON line,
# generated at test time.
. "$abs_srcdir/e2e/lib.sh"
FULL=$DATA/configs/full.yaml
MB=50

cat >"$T/edit.yaml" <<EOC
docproc: 1
pipeline:
  - plugin: edit
  - plugin: failing
EOC
# 50 MB of text: 'the colour of a line ' repeated, a newline now and then
line='The colour of a line, with  two spaces. '
awk -v mb=$MB -v l="$line" 'BEGIN {
	n = int(mb * 1024 * 1024 / (length(l) + 1));
	for (i = 0; i < n; i++) print l;
}' >"$T/big.txt"
size=$(wc -c <"$T/big.txt" | tr -d ' ')
nlines=$(wc -l <"$T/big.txt" | tr -d ' ')

run bigtxt -c "$T/edit.yaml" "$T/big.txt" "$DATA/hello.txt"
expect_rc bigtxt 0 "a $MB MB .txt document"
expect_lines "$T/bigtxt.out" 2 "a $MB MB document: one record, and the next input"
# every line loses 'u' from colour and one of the two spaces
expect_eq "$(jget "$T/bigtxt.out" 1 text#len)" "$((size - 2 * nlines))" "a $MB MB document: the whole text, edited"
expect_eq "$(jget "$T/bigtxt.out" 1 layers.edits#len)" "$((2 * nlines))" "a $MB MB document: every edit recorded"
expect_in "$T/bigtxt.err" "2 documents (2 ok, 0 failed), 52.4" "the summary counts the $MB MB"

# the same text as one JSON line
awk 'BEGIN { printf "{\"id\":\"big\",\"text\":\"" } { printf "%s\\n", $0 } END { print "\"}" }' "$T/big.txt" >"$T/big.jsonl"
printf '{"id":"after","text":"FAIL"}\n' >>"$T/big.jsonl"
run bigjson -c "$T/edit.yaml" "$T/big.jsonl"
expect_rc bigjson 2 "a $MB MB JSON line, then a failing one"
expect_eq "$(jget "$T/bigjson.out" 1 text#len)" "$((size - 2 * nlines))" "a $MB MB JSON line: the whole text"
expect_eq "$(jget "$T/bigjson.out" 2 status)" "error" "the line after it is processed"
rm -f "$T/big.txt" "$T/big.jsonl" "$T"/big*.out

finish
