# lib.sh - shared by the end-to-end tests (sourced, not run).
#
# Runs the real docproc command of the build tree, with the test plugins
# on DOCPROC_PLUGIN_PATH, in a temporary directory removed at exit. Under
# VALGRIND=1, run-valgrind.sh sets DP_WRAP and every docproc run goes
# through valgrind.
set -u
: "${abs_top_builddir:?run through make check}"
: "${abs_builddir:?run through make check}"
: "${abs_srcdir:?run through make check}"

DOCPROC=$abs_top_builddir/core/docproc
PLUGINS=$abs_builddir/plugins
DATA=$abs_srcdir/data
JGET=$abs_builddir/tools/jsonl_get
DP_WRAP=${DP_WRAP:-}
DOCPROC_PLUGIN_PATH=$PLUGINS
export DOCPROC_PLUGIN_PATH

T=$(mktemp -d "${TMPDIR:-/tmp}/dp-e2e.XXXXXX") || exit 99
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
fails=0
checks=0

# memcheck: the exit statuses run-valgrind.sh gives memory errors
# (valgrind 99, ASan 98, LeakSanitizer 97, UBSan 96)
memcheck() {
	case $1 in
	96|97|98|99)
		not_ok "$2: valgrind or a sanitizer reported errors (exit $1)" \
			"$3"
		;;
	esac
}

# run NAME ARGS...: runs docproc; $T/NAME.out, .err and .rc hold the results
run() {
	name=$1
	shift
	$DP_WRAP "$DOCPROC" "$@" >"$T/$name.out" 2>"$T/$name.err" </dev/null
	rc=$?
	echo $rc >"$T/$name.rc"
	memcheck $rc "docproc $*" "$T/$name.err"
}

# run_stdin NAME FILE ARGS...: the same with FILE on standard input
run_stdin() {
	name=$1
	in=$2
	shift 2
	$DP_WRAP "$DOCPROC" "$@" >"$T/$name.out" 2>"$T/$name.err" <"$in"
	rc=$?
	echo $rc >"$T/$name.rc"
	memcheck $rc "docproc $*" "$T/$name.err"
}

ok() {
	checks=$((checks + 1))
	echo "ok $checks - $1"
}

not_ok() {
	checks=$((checks + 1))
	fails=$((fails + 1))
	echo "not ok $checks - $1"
	shift
	for f in "$@"; do
		[ -f "$f" ] && { echo "--- $f:"; head -c 2000 "$f"; echo; }
	done
}

# expect_rc NAME STATUS DESCRIPTION
expect_rc() {
	got=$(cat "$T/$1.rc")
	if [ "$got" = "$2" ]; then
		ok "$3 (exit $2)"
	else
		not_ok "$3: exit $got, expected $2" "$T/$1.err" "$T/$1.out"
	fi
}

# expect_in FILE TEXT DESCRIPTION: FILE contains TEXT (fixed string)
expect_in() {
	if grep -qF -- "$2" "$1"; then
		ok "$3"
	else
		not_ok "$3: '$2' not in $1" "$1"
	fi
}

expect_not_in() {
	if grep -qF -- "$2" "$1"; then
		not_ok "$3: '$2' in $1" "$1"
	else
		ok "$3"
	fi
}

# expect_eq GOT WANT DESCRIPTION
expect_eq() {
	if [ "x$1" = "x$2" ]; then
		ok "$3"
	else
		not_ok "$3: got '$1', expected '$2'"
	fi
}

# jget FILE N PATH: a field of line N of a JSON Lines file
jget() {
	"$JGET" "$@"
}

# every line of FILE is a JSON object, and there are N of them
expect_lines() {
	n=$("$JGET" "$1") || { not_ok "$3: invalid JSON Lines" "$1"; return; }
	expect_eq "$n" "$2" "$3"
}

finish() {
	echo "$checks checks, $fails failed"
	[ "$fails" -eq 0 ]
	exit $?
}
