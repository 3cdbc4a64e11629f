# jobs.sh - output order is input order, byte-identical whatever -j is.
. "$abs_srcdir/e2e/lib.sh"
FULL=$DATA/configs/full.yaml

# a few hundred documents of very different sizes, some failing
i=0
while [ $i -lt 300 ]; do
	case $((i % 7)) in
	0) words=2000 ;;
	1) words=1 ;;
	*) words=$((i % 50 + 3)) ;;
	esac
	text=$(printf 'the  colour %.0s' $(seq 1 $words))
	[ $((i % 23)) -eq 4 ] && text="$text FAIL"
	printf '{"id":"doc%03d","text":"%s"}\n' $i "$text"
	i=$((i + 1))
done >"$T/corpus.jsonl"
mkdir "$T/txt"
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	printf 'text %s colour  here' $i >"$T/txt/t$i.txt"
done

run j1 -c "$FULL" -j 1 "$T/corpus.jsonl" "$T/txt"
run j4 -c "$FULL" -j 4 "$T/corpus.jsonl" "$T/txt"
run j3 -c "$FULL" -j 3 -o "$T/j3.jsonl" "$T/corpus.jsonl" "$T/txt"
expect_rc j1 2 "-j 1"
expect_rc j4 2 "-j 4"
expect_lines "$T/j1.out" 312 "-j 1: every document"
if cmp -s "$T/j1.out" "$T/j4.out"; then
	ok "-j 1 and -j 4 give byte-identical output"
else
	not_ok "-j 1 and -j 4 differ"
fi
if cmp -s "$T/j1.out" "$T/j3.jsonl"; then
	ok "-j 3 -o gives the same bytes"
else
	not_ok "-j 3 -o differs"
fi
expect_eq "$(jget "$T/j4.out" all id | head -3 | tr '\n' ' ')" "doc000 doc001 doc002 " "input order"
expect_eq "$(jget "$T/j4.out" 301 id)" "t1" "the directory after the file"
expect_eq "$(jget "$T/j4.out" 5 status)" "error" "a failing document in its place with -j 4"
expect_eq "$(jget "$T/j4.out" 5 id)" "doc004" "the failing document keeps its id"
nfail=$(grep -c FAIL "$T/corpus.jsonl")
expect_eq "$(jget "$T/j4.out" all status | grep -c error)" "$nfail" "every failing document is an error record"

# standard input with one and with several workers
run_stdin stdin1 "$T/corpus.jsonl" -c "$FULL" -j 1 -
run_stdin stdin4 "$T/corpus.jsonl" -c "$FULL" -j 4 -
expect_lines "$T/stdin4.out" 300 "stdin: every document"
if cmp -s "$T/stdin1.out" "$T/stdin4.out"; then
	ok "stdin with -j 1 and -j 4 gives the same bytes"
else
	not_ok "stdin with -j 1 and -j 4 differs"
fi
expect_eq "$(jget "$T/stdin4.out" 5 input.source)" "-" "stdin: error records name '-' as the source"

# one usable CPU: -j 1 reads, runs and writes in one thread; the same
# bytes, error records, dead letters and standard input
if command -v taskset >/dev/null 2>&1 && [ -z "$DP_WRAP" ]; then
	cpu=$(taskset -cp $$ | sed 's/.*: *//; s/[-,].*//')
	DP_WRAP="taskset -c $cpu"
	run one -c "$FULL" --errors "$T/one.dead" "$T/corpus.jsonl" "$T/txt"
	run_stdin onestdin "$T/corpus.jsonl" -c "$FULL" -
	run oneo -c "$FULL" -o "$T/one.jsonl" "$T/corpus.jsonl" "$T/txt"
	DP_WRAP=
	expect_rc one 2 "one CPU: some documents failed"
	if cmp -s "$T/j1.out" "$T/one.out" && cmp -s "$T/j1.out" "$T/one.jsonl"; then
		ok "one CPU: byte-identical output, also with -o"
	else
		not_ok "one CPU: the output differs"
	fi
	if cmp -s "$T/stdin1.out" "$T/onestdin.out"; then
		ok "one CPU: standard input gives the same bytes"
	else
		not_ok "one CPU: standard input differs"
	fi
	expect_eq "$(grep -c '"status":"error"' "$T/one.dead")" "$nfail" "one CPU: every error record in the dead letters"
else
	echo "# no taskset, or under valgrind: skipping the one-CPU run"
fi

finish
