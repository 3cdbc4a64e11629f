#!/bin/sh
# check-rogues.sh - docproc-check must catch each breach of the plugin
# contract, on plugins that commit it on purpose (rogue.c), and name the
# check, the document and the allocation in its report; and it must pass
# a plugin that keeps the contract.
# Environment (from make check): top_builddir, builddir.
set -u
check=$top_builddir/core/docproc-check
status=0
out=rogue-out.txt

have_valgrind=no
command -v valgrind >/dev/null 2>&1 && have_valgrind=yes
# under AddressSanitizer a crash is its report and an abort, and leaks are
# found by LeakSanitizer, not valgrind
asan=no
"$check" --version | grep -q AddressSanitizer && asan=yes

# expect ROGUE EXIT PATTERN... [-- OPTIONS...]: runs docproc-check on
# rogue_ROGUE.la; its exit status must be EXIT and its report must hold
# every PATTERN (fixed strings).
expect() {
	name=$1; want=$2; shift 2
	pats=
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		pats="$pats
$1"
		shift
	done
	[ $# -gt 0 ] && shift
	"$check" --big-mb 1 --timeout 300 "$@" "$builddir/rogue_$name.la" \
		> "$out" 2>&1
	got=$?
	ok=yes
	[ "$got" = "$want" ] || ok=no
	printf '%s\n' "$pats" | while IFS= read -r p; do
		[ -z "$p" ] && continue
		grep -qF -- "$p" "$out" || { echo "  missing: $p"; exit 1; }
	done || ok=no
	if [ $ok = yes ]; then
		echo "PASS: rogue_$name: exit $got, report as expected"
	else
		echo "FAIL: rogue_$name: exit $got (want $want); report:"
		sed 's/^/    /' "$out"
		status=1
	fi
}

expect good 0 "[PASS] runs" "[PASS] spans" "[PASS] layers" \
	"[PASS] determinism" "[PASS] threads" "[PASS] alloc" \
	"result: PASS" -- --skip=leaks
expect undeclared 1 "[FAIL] layers" "layer 'sneaky'" "result: FAIL" \
	-- --skip=leaks
expect bounds 1 "[FAIL] spans" "is outside the text" -- --skip=leaks
expect midchar 1 "[FAIL] spans" "character boundaries" -- --skip=leaks
expect history 1 "[PASS] runs" "[FAIL] determinism" "[FAIL] threads" \
	-- --skip=leaks
expect fails 1 "[FAIL] runs" "document 'empty'" \
	"cannot handle an empty text" -- --skip=leaks
# a crash is a signal, or an exit from a sanitizer's handler
expect crash 1 "[FAIL] runs" "on document 'emoji'" -- --skip=leaks
expect nomem 1 "[PASS] runs" "[PASS] threads" "[FAIL] alloc" \
	"with allocation 1 failing" -- --skip=leaks
expect stdout 1 "[FAIL] runs" \
	"document 'latin': 12 bytes written to standard output" -- --skip=leaks
expect exit 1 "[FAIL] runs" "the process exited (status 0)" \
	"on document 'controls'" "result: FAIL" -- --skip=leaks
if [ $asan = no ]; then
	expect crash 1 "CRASHED: signal 11" -- --skip=leaks
fi
if [ $asan = yes ]; then
	expect leak 1 "[FAIL] leaks" "LeakSanitizer" -- --skip=threads
elif [ $have_valgrind = yes ]; then
	expect leak 1 "[PASS] alloc" "definitely lost" "[FAIL] leaks" \
		-- --skip=threads
	expect good 0 "[PASS] leaks" -- --skip=threads
else
	echo "SKIP: rogue_leak: valgrind not found, the leaks check cannot run"
fi
# usage errors: exit 2 with a message
"$check" > "$out" 2>&1
if [ $? = 2 ] && grep -q "expected one PLUGIN" "$out"; then
	echo "PASS: no argument: usage error"
else
	echo "FAIL: no argument: want exit 2 and a message"; status=1
fi
# a plugin built for another ABI is refused, naming both versions
"$check" "$builddir/rogue_abi.la" > "$out" 2>&1
if [ $? = 2 ] && grep -q "rogue_abi.*was built for docproc plugin ABI 2\.0, but this docproc provides ABI 1\.2" "$out"; then
	echo "PASS: rogue_abi: refused, both ABI versions named"
else
	echo "FAIL: rogue_abi: want exit 2 and both ABI versions"; status=1
	cat "$out"
fi
"$check" no_such_plugin_xyz > "$out" 2>&1
if [ $? = 2 ] && grep -q "plugin 'no_such_plugin_xyz' not found" "$out"; then
	echo "PASS: unknown plugin: load error"
else
	echo "FAIL: unknown plugin: want exit 2 and 'not found'"; status=1
	cat "$out"
fi
rm -f "$out"
exit $status
