#!/bin/sh
# check-plugins.sh - docproc-check on every built-in plugin built in this
# tree, and on the template (after the tokenizer when it is built, and
# always after the template's own test stub). A plugin that is not built
# is skipped with a visible message.
# Environment (from make check): top_builddir.
set -u
check=$top_builddir/core/docproc-check
status=0
ran=0

run() {
	label=$1; shift
	echo "== docproc-check $*"
	if "$check" "$@"; then
		echo "PASS: $label"
	else
		echo "FAIL: $label"
		status=1
	fi
	ran=$((ran + 1))
}

for p in cleaner tokenizer dates quotes; do
	if [ -f "$top_builddir/plugins/$p/$p.la" ]; then
		run "$p" "$p"
	else
		echo "SKIP: plugin '$p' is not built in this tree" \
		     "(plugins/$p/$p.la missing): not checked"
	fi
done

stub=$top_builddir/plugins/template/tests/tokens_stub.la
if [ ! -f "$stub" ]; then
	(cd "$top_builddir/plugins/template" && ${MAKE:-make} tests/tokens_stub.la) \
		>/dev/null || { echo "FAIL: cannot build $stub"; exit 1; }
fi
run "template after its test stub" -b "$stub" \
	-o '{min_length: 5, stopwords: [government, however]}' template
if [ -f "$top_builddir/plugins/tokenizer/tokenizer.la" ]; then
	run "template after the tokenizer" template
else
	echo "SKIP: template after the tokenizer: the tokenizer is not built"
fi
echo "$ran plugin runs checked"
exit $status
