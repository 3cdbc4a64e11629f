# errors.sh - exit statuses and the -o output file: written atomically
# (temporary file and rename), complete, and never left half-written.
. "$abs_srcdir/e2e/lib.sh"
FULL=$DATA/configs/full.yaml

run allok -c "$FULL" "$DATA/hello.txt"
expect_rc allok 0 "all documents ok"
printf '{"id":"x","text":"FAIL"}\n{"id":"y","text":"fine"}\n' >"$T/some.jsonl"
run somefail -c "$FULL" "$T/some.jsonl"
expect_rc somefail 2 "some documents failed"
expect_lines "$T/somefail.out" 2 "some documents failed: all are written"
run usage -c "$FULL"
expect_rc usage 1 "a usage error"

# -o: the file is complete, and no temporary file is left
mkdir "$T/out"
run outfile -c "$FULL" -o "$T/out/result.jsonl" "$DATA/docs.jsonl" "$DATA/dir"
expect_rc outfile 2 "-o with some failed documents"
expect_lines "$T/out/result.jsonl" 12 "-o: every record is in the file"
expect_eq "$(wc -c <"$T/outfile.out" | tr -d ' ')" "0" "-o: nothing on stdout"
expect_eq "$(ls -A "$T/out" | tr '\n' ' ')" "result.jsonl " "-o: no temporary file left behind"
perm=$(stat -c %a "$T/out/result.jsonl")
expect_eq "$perm" "$(printf '%o' $((0666 & ~$(umask))))" "-o: the usual file mode, not mkstemp's 600"
# the same output as on stdout
run stdout -c "$FULL" "$DATA/docs.jsonl" "$DATA/dir"
if cmp -s "$T/stdout.out" "$T/out/result.jsonl"; then
	ok "-o writes what stdout gets"
else
	not_ok "-o and stdout differ"
fi

# an existing file is replaced whole, and only at the end
printf 'old content\n' >"$T/out/keep.jsonl"
run cfgerr -c "$DATA/configs/typo.yaml" -o "$T/out/keep.jsonl" "$DATA/hello.txt"
expect_rc cfgerr 1 "-o with a config error"
expect_eq "$(cat "$T/out/keep.jsonl")" "old content" "-o: a failed run leaves the old file alone"
run replace -c "$FULL" -o "$T/out/keep.jsonl" "$DATA/hello.txt"
expect_rc replace 0 "-o over an existing file"
expect_lines "$T/out/keep.jsonl" 1 "-o: the old file is replaced"
expect_eq "$(ls -A "$T/out" | tr '\n' ' ')" "keep.jsonl result.jsonl " "-o: still no temporary file"

# -o into a directory that does not exist
run nodir -c "$FULL" -o "$T/nodir/x.jsonl" "$DATA/hello.txt"
expect_rc nodir 1 "-o into a missing directory"
expect_in "$T/nodir.err" "cannot write $T/nodir/x.jsonl" "-o into a missing directory: says so"

# output to a full device
if [ -w /dev/full ]; then
	$DP_WRAP "$DOCPROC" -c "$FULL" "$DATA/docs.jsonl" >/dev/full 2>"$T/full.err"
	rc=$?
	memcheck $rc "docproc >/dev/full" "$T/full.err"
	expect_eq "$rc" "1" "a failed write to stdout is an error"
	expect_in "$T/full.err" "No space left on device" "a failed write says why"
fi

finish
