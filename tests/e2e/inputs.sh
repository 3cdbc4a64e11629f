# inputs.sh - every kind of input: .txt, .jsonl, directories (sorted,
# recursive), stdin, empty files, invalid UTF-8, malformed JSON lines and
# unreadable files.
. "$abs_srcdir/e2e/lib.sh"
FULL=$DATA/configs/full.yaml

# a .txt file: id is its name
run txt -c "$FULL" "$DATA/hello.txt"
expect_rc txt 0 "a .txt file"
expect_lines "$T/txt.out" 1 "a .txt file: one record"
expect_eq "$(jget "$T/txt.out" 1 id)" "hello" "a .txt file: id is the file name without extension"
expect_eq "$(jget "$T/txt.out" 1 text)" "The color of the sea." "a .txt file: edited text"
expect_eq "$(jget "$T/txt.out" 1 layers.edits.1.before)" "colour" "a .txt file: edits layer"
expect_eq "$(jget "$T/txt.out" 1 layers.edits.1.orig_start)" "5" "a .txt file: orig offsets"
expect_eq "$(jget "$T/txt.out" 1 layers.words#len)" "5" "a .txt file: words layer"
expect_in "$T/txt.err" "docproc: 1 documents (1 ok, 0 failed)" "a summary on stderr"

# empty inputs
: >"$T/empty.txt"
: >"$T/empty.jsonl"
run empty -c "$FULL" "$T/empty.txt" "$T/empty.jsonl"
expect_rc empty 0 "an empty .txt and an empty .jsonl"
expect_lines "$T/empty.out" 1 "an empty .txt is one empty document, an empty .jsonl none"
expect_eq "$(jget "$T/empty.out" 1 text)" "" "the empty document has empty text"
expect_eq "$(jget "$T/empty.out" 1 status)" "ok" "the empty document is ok"
run emptyjsonl -c "$FULL" "$T/empty.jsonl"
expect_rc emptyjsonl 0 "only an empty .jsonl"
expect_eq "$(wc -c <"$T/emptyjsonl.out" | tr -d ' ')" "0" "an empty .jsonl: no output"

# a directory: .txt and .jsonl files, recursively, sorted, no hidden
run dir -c "$DATA/configs/empty.yaml" "$DATA/dir"
expect_rc dir 0 "a directory"
expect_eq "$(jget "$T/dir.out" all id | tr '\n' ' ')" "a b j1 j2 c d z " "a directory: .txt and .jsonl, recursive, sorted"

# a symlink loop in a directory: each file once
mkdir -p "$T/loop/sub"
printf 'once' >"$T/loop/sub/a.txt"
ln -s .. "$T/loop/sub/up"
ln -s . "$T/loop/self"
run loop -c "$DATA/configs/empty.yaml" "$T/loop"
expect_rc loop 0 "a directory with symlink loops"
expect_eq "$(jget "$T/loop.out" all id | tr '\n' ' ')" "a " "a symlink loop: every file once"

# Windows line ends, blank lines, no newline at the end
printf '{"id":"w1","text":"one"}\r\n\r\n  \r\n{"id":"w2","text":"two"}\r\n{"id":"w3","text":"three"}' >"$T/crlf.jsonl"
run crlf -c "$DATA/configs/empty.yaml" "$T/crlf.jsonl"
expect_rc crlf 0 "CRLF line ends"
expect_eq "$(jget "$T/crlf.out" all id | tr '\n' ' ')" "w1 w2 w3 " "CRLF, blank lines, a last line without newline"
expect_eq "$(jget "$T/crlf.out" 3 text)" "three" "the last line's text"

# a UTF-8 byte order mark before the first line is not part of it
printf '\357\273\277{"id":"bom","text":"first"}\n{"id":"b2","text":"\357\273\277kept"}\n' >"$T/bom.jsonl"
run bom -c "$DATA/configs/empty.yaml" "$T/bom.jsonl"
expect_rc bom 0 "a .jsonl starting with a byte order mark"
expect_eq "$(jget "$T/bom.out" all id | tr '\n' ' ')" "bom b2 " "a byte order mark: the first record is read"
expect_eq "$(jget "$T/bom.out" 2 text#len)" "7" "a byte order mark inside a text is kept"

# stdin
run_stdin stdin "$DATA/dir/m.jsonl" -c "$FULL" -
expect_rc stdin 0 "- reads standard input"
expect_eq "$(jget "$T/stdin.out" all id | tr '\n' ' ')" "j1 j2 " "stdin: the documents"

# a malformed JSON line among good ones
run docs -c "$FULL" "$DATA/docs.jsonl"
expect_rc docs 2 "a malformed JSON line and a failing document"
expect_lines "$T/docs.out" 5 "one record per non-blank line"
expect_eq "$(jget "$T/docs.out" all status | tr '\n' ' ')" "ok ok error error ok " "error records in their place"
expect_eq "$(jget "$T/docs.out" 3 input.line)" "3" "the malformed line's record names its line"
expect_in "$T/docs.out" "docs.jsonl:3:" "the malformed line's message names file and line"
expect_eq "$(jget "$T/docs.out" 3 error.plugin)" "docproc" "a malformed line is the core's error"
expect_eq "$(jget "$T/docs.out" 4 error.plugin)" "failing" "a plugin's failure names the plugin"
expect_eq "$(jget "$T/docs.out" 4 error.message)" "document 'four' contains FAIL" "a plugin's failure carries its message"
expect_eq "$(jget "$T/docs.out" 4 id)" "four" "the failed document keeps its id"
expect_eq "$(jget "$T/docs.out" 5 id)" "five" "the lines after the errors are processed"
expect_eq "$(jget "$T/docs.out" 1 meta)" '{"dct":"2024-01-08","n":[1,2],"o":{"x":null}}' "meta of any type is written back unchanged"
expect_eq "$(jget "$T/docs.out" 5 extra)" "(missing)" "unknown input fields are ignored"
expect_eq "$(jget "$T/docs.out" 1 docproc.plugins.1.name)" "annotate" "provenance: the plugins that ran"
expect_in "$T/docs.err" "5 documents (3 ok, 2 failed)" "the summary counts the failures"

# invalid UTF-8, in a .txt and in JSON lines
run utf8 -c "$FULL" "$DATA/bad-utf8.txt" "$DATA/bad-utf8.jsonl" "$DATA/hello.txt"
expect_rc utf8 2 "invalid UTF-8"
expect_eq "$(jget "$T/utf8.out" all status | tr '\n' ' ')" "error ok error error ok ok " "invalid UTF-8: errors in place, the rest processed"
expect_eq "$(jget "$T/utf8.out" 1 error.message)" "$DATA/bad-utf8.txt: invalid UTF-8 at byte 12" "invalid UTF-8 in a .txt: the byte offset"
expect_eq "$(jget "$T/utf8.out" 1 text)" "(missing)" "invalid UTF-8 is never written out"
expect_eq "$(jget "$T/utf8.out" 3 input.line)" "2" "invalid UTF-8 in a JSON line: its line"
expect_eq "$(jget "$T/utf8.out" 4 input.line)" "3" "a lone surrogate escape: its line"

# a file that does not exist, and one that cannot be read
run missing -c "$FULL" "$T/nonexistent.txt" "$DATA/hello.txt"
expect_rc missing 2 "a missing input file"
expect_eq "$(jget "$T/missing.out" 1 status)" "error" "a missing file: an error record"
expect_in "$T/missing.out" "nonexistent.txt: No such file or directory" "a missing file: says why"
expect_eq "$(jget "$T/missing.out" 2 status)" "ok" "a missing file: the next input is processed"
printf 'secret' >"$T/locked.txt"
chmod 000 "$T/locked.txt"
if [ "$(id -u)" = 0 ]; then
	echo "# running as root, which can read a chmod 000 file: skipping the unreadable-file check"
else
	run locked -c "$FULL" "$T/locked.txt" "$DATA/hello.txt"
	expect_rc locked 2 "an unreadable file"
	expect_in "$T/locked.out" "Permission denied" "an unreadable file: says why"
	expect_eq "$(jget "$T/locked.out" 1 id)" "locked" "an unreadable file: its record has its id"
	expect_eq "$(jget "$T/locked.out" 2 status)" "ok" "an unreadable file: the next input is processed"
fi
chmod 644 "$T/locked.txt"

finish
