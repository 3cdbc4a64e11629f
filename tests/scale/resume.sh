#!/bin/sh
# --resume: kill -9 a real run at random moments, resume it, and check the
# final output is byte-identical to an uninterrupted run; also checks that
# the --errors file is complete and has no duplicates.
set -eu
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is not installed (it generates the test corpus)"; exit 77; }
DOCPROC=${DOCPROC:-$abs_top_builddir/core/docproc}
[ -z "${DOCPROC_CONFIG:-}" ] || DOCPROC="$DOCPROC -c $DOCPROC_CONFIG"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$abs_srcdir/scale/gen-docs.py" 5000 > "$tmp/in.jsonl"
# a few bad lines, so that the dead-letter file has something to keep
sed -i '500s/.*/{"id": "bad-1", "text": /; 1700s/.*/not json at all/' "$tmp/in.jsonl"
$DOCPROC -q -j 2 -o "$tmp/full.jsonl" --errors "$tmp/full.err" "$tmp/in.jsonl" || [ $? -eq 2 ]
kills=0
for delay in 0 0.02 0.05 0.1 0.2 0.4; do
	rm -f "$tmp/out.jsonl" "$tmp/out.jsonl.partial" "$tmp/out.err"
	$DOCPROC -q -j 2 -o "$tmp/out.jsonl" --errors "$tmp/out.err" "$tmp/in.jsonl" &
	pid=$!
	sleep "$delay"
	if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
	wait "$pid" 2>/dev/null || true
	# resume, possibly after a second interruption; also when the kill
	# came before the run had created OUT.partial (a slow start, as under
	# a sanitizer): --resume then starts from the beginning
	if [ ! -e "$tmp/out.jsonl" ]; then
		$DOCPROC -q -j 2 -o "$tmp/out.jsonl" --errors "$tmp/out.err" --resume "$tmp/in.jsonl" &
		pid=$!
		sleep 0.05
		kill -9 "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		$DOCPROC -q -j 2 -o "$tmp/out.jsonl" --errors "$tmp/out.err" --resume "$tmp/in.jsonl" || [ $? -eq 2 ]
	fi
	cmp "$tmp/full.jsonl" "$tmp/out.jsonl" || { echo "FAIL: resumed output differs (delay $delay)"; exit 1; }
	cmp "$tmp/full.err" "$tmp/out.err" || { echo "FAIL: resumed errors file differs (delay $delay)"; exit 1; }
	[ ! -e "$tmp/out.jsonl.partial" ] || { echo "FAIL: .partial left behind"; exit 1; }
done
[ "$kills" -gt 0 ] || { echo "FAIL: no run was still going when killed: the test proves nothing"; exit 1; }
echo "PASS: resume after kill -9 gives identical output ($kills runs killed mid-way)"
