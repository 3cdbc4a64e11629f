# output.sh - output options: --errors, --resume after an interrupted -o
# run, --offsets codepoints, --layers, output.text, --progress, -q.
. "$abs_srcdir/e2e/lib.sh"
FULL=$DATA/configs/full.yaml

# --errors: the error records also go to a dead-letter file
run errs -c "$FULL" --errors "$T/dead.jsonl" "$DATA/docs.jsonl"
expect_rc errs 2 "--errors"
expect_lines "$T/dead.jsonl" 2 "--errors: the error records only"
expect_eq "$("$JGET" "$T/dead.jsonl" all id | tr '\n' ' ')" "three four " "--errors: the failed documents (the malformed line keeps the id read before the error)"
expect_lines "$T/errs.out" 5 "--errors: the output still has every record"

# codepoint offsets: "é" is one code point, two bytes
printf '{"id":"cp","text":"\\u00e9t\\u00e9  colour \\ud83d\\ude00 end"}\n' >"$T/cp.jsonl"
run bytes -c "$FULL" "$T/cp.jsonl"
run cps -c "$FULL" --offsets codepoints "$T/cp.jsonl"
expect_rc cps 0 "--offsets codepoints"
expect_eq "$(jget "$T/bytes.out" 1 layers.words.1.start)" "6" "byte offsets by default"
expect_eq "$(jget "$T/cps.out" 1 layers.words.1.start)" "4" "--offsets codepoints: code point offsets"
expect_eq "$(jget "$T/cps.out" 1 layers.words.2.start)" "10" "--offsets codepoints: after the edits"
expect_eq "$(jget "$T/cps.out" 1 layers.words.3.start)" "12" "--offsets codepoints: after an astral character"
expect_eq "$(jget "$T/cps.out" 1 layers.edits.1.orig_start)" "5" "--offsets codepoints: original offsets too"
expect_eq "$(jget "$T/cps.out" 1 layers.edits.1.orig_end)" "11" "--offsets codepoints: original end"

# --layers overrides output.layers; output.text: false
run lay -c "$FULL" --layers words "$DATA/hello.txt"
expect_rc lay 0 "--layers"
expect_eq "$(jget "$T/lay.out" 1 layers.edits)" "(missing)" "--layers words: no edits layer"
expect_eq "$(jget "$T/lay.out" 1 layers.words#len)" "5" "--layers words: the words layer"
run lay2 -c "$FULL" --layers wrods "$DATA/hello.txt"
expect_rc lay2 1 "--layers with an unknown layer"
expect_in "$T/lay2.err" "docproc: --layers: output layer 'wrods' is not provided by any plugin of the pipeline (did you mean 'words'?)" "--layers: the option is blamed, with did-you-mean"
cat >"$T/notext.yaml" <<EOC
docproc: 1
pipeline:
  - plugin: annotate
output: { text: false }
EOC
run notext -c "$T/notext.yaml" "$DATA/hello.txt"
expect_rc notext 0 "output.text: false"
expect_eq "$(jget "$T/notext.out" 1 text)" "(missing)" "output.text: false leaves the text out"
expect_eq "$(jget "$T/notext.out" 1 layers.words#len)" "5" "output.text: false keeps the layers"

# meta is written back as it came, also when a plugin sets a key in it,
# whatever the values (beyond int64 and double, NUL characters)
printf '%s\n' '{"id":"m","text":"x","meta":{"big":123456789012345678901234567890,"f":1e400,"z":"a\u0000b","dct":"d"}}' >"$T/meta.jsonl"
cat >"$T/meta.yaml" <<EOC
docproc: 1
pipeline:
  - plugin: optcheck
    options: {name: n}
EOC
run meta -c "$T/meta.yaml" "$T/meta.jsonl"
expect_rc meta 0 "a plugin sets meta of a document with unusual meta values"
expect_in "$T/meta.out" '"meta":{"big":123456789012345678901234567890,"f":1e400,"z":"a\u0000b","dct":"d","optcheck":"flag=0 count=3' "meta: the input's values unchanged, the plugin's key added"

# --progress goes to stderr only; -q drops the summary
run prog -c "$FULL" --progress "$DATA/docs.jsonl"
run quiet -c "$FULL" -q "$DATA/docs.jsonl"
if cmp -s "$T/prog.out" "$T/quiet.out"; then
	ok "--progress does not touch the output"
else
	not_ok "--progress changed the output"
fi
expect_in "$T/prog.err" "docproc: 5 docs" "--progress: a progress line on stderr"
expect_in "$T/prog.err" "plugin time: edit " "the summary: each plugin's share of the time (timed only then)"
expect_eq "$(wc -c <"$T/quiet.err" | tr -d ' ')" "0" "-q: nothing on stderr"

# on a terminal, the progress line comes by itself (documents, MB, rate,
# ETA); not when standard error is a file
run noprog -c "$FULL" "$DATA/docs.jsonl"
expect_not_in "$T/noprog.err" "docs/s" "no progress line when stderr is not a terminal"
if command -v script >/dev/null 2>&1 && [ -z "$DP_WRAP" ]; then
	script -qec "'$DOCPROC' -c '$FULL' -o '$T/tty.jsonl' '$DATA/docs.jsonl'" \
		"$T/tty.log" >/dev/null 2>&1 </dev/null
	expect_in "$T/tty.log" "docproc: 5 docs, 0.0/0.0 MB," "a progress line on a terminal: documents and MB"
	expect_in "$T/tty.log" "docs/s, ETA" "a progress line on a terminal: rate and ETA"
	expect_in "$T/tty.log" "5 documents (3 ok, 2 failed)" "the summary after it"
else
	echo "# no script(1), or under valgrind: skipping the terminal check"
fi

# an interrupted -o run never leaves OUT; --resume completes it
i=0
while [ $i -lt 200 ]; do
	printf '{"id":"r%03d","text":"the  colour %d"}\n' $i $i
	i=$((i + 1))
done >"$T/resume.jsonl"
run whole -c "$FULL" "$T/resume.jsonl"
mkfifo "$T/fifo"
$DP_WRAP "$DOCPROC" -c "$FULL" -o "$T/res.jsonl" - <"$T/fifo" \
	>/dev/null 2>"$T/killed.err" &
pid=$!
exec 3>"$T/fifo"
head -120 "$T/resume.jsonl" >&3
sleep 1
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null || :
exec 3>&-
if [ -e "$T/res.jsonl" ]; then
	not_ok "an interrupted -o run left $T/res.jsonl"
else
	ok "an interrupted -o run leaves no output file"
fi
# whatever the partial file holds, possibly a record cut in half:
if [ -f "$T/res.jsonl.partial" ]; then
	head -c 5000 "$T/res.jsonl.partial" >"$T/cut"
	mv "$T/cut" "$T/res.jsonl.partial"
fi
run resume -c "$FULL" -o "$T/res.jsonl" --resume "$T/resume.jsonl"
expect_rc resume 0 "--resume"
if cmp -s "$T/whole.out" "$T/res.jsonl"; then
	ok "--resume gives the output of an uninterrupted run"
else
	not_ok "--resume output differs from an uninterrupted run" "$T/resume.err"
fi
expect_eq "$(ls "$T" | grep -c partial)" "0" "--resume: no partial file left"
run resume2 -c "$FULL" --resume "$T/resume.jsonl"
expect_rc resume2 1 "--resume without -o"

finish
