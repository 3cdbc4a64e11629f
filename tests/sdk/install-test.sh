#!/bin/sh
# install-test.sh - the plugin SDK's end-to-end proof (issue 7):
#   1. configure and install docproc into a temporary prefix;
#   2. check what a plugin author needs is there (headers, library,
#      docproc.pc with plugindir, default config, man pages that `man`
#      finds);
#   3. copy plugins/template out of the tree, build it alone against the
#      installed docproc through pkg-config, run its tests, install it
#      into the pkg-config plugindir;
#   4. run the installed docproc with a config naming the template after
#      the built-in plugins, and check its layer in the output; run the
#      installed docproc-check on it.
# Takes a minute (a second build of docproc). Set DOCPROC_SKIP_INSTALL_TEST
# to skip it. Environment (from make check): top_srcdir, top_builddir.
set -u
if [ -n "${DOCPROC_SKIP_INSTALL_TEST:-}" ]; then
	echo "SKIP: DOCPROC_SKIP_INSTALL_TEST is set"
	exit 77
fi
for tool in autoreconf pkg-config; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "SKIP: $tool not found"
		exit 77
	fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/docproc-install.XXXXXX") || exit 1
cleanup() { chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 1' INT TERM
prefix=$tmp/prefix
status=0
# the outer make's jobserver and flags are not for these builds
unset MAKEFLAGS MFLAGS MAKELEVEL
MAKE=${MAKE:-make}

fail() { echo "FAIL: $*"; status=1; }
pass() { echo "PASS: $*"; }
# step LOG COMMAND...: runs COMMAND with its output in LOG; on failure
# shows the end of LOG and stops the test.
step() {
	log=$1; shift
	if ! "$@" > "$log" 2>&1; then
		echo "FAIL: $* (see below)"
		tail -40 "$log" | sed 's/^/    /'
		exit 1
	fi
}

# 1. install docproc
echo "== installing docproc into $prefix"
src=$top_srcdir
if [ -f "$top_srcdir/config.status" ]; then
	# the source tree is configured in place (./configure && make), and
	# configure refuses a second build from it: build from a clean copy
	dd=$top_builddir/docproc-${PACKAGE_VERSION:?}
	rm -rf "$dd"
	step "$tmp/distdir.log" $MAKE -C "$top_builddir" distdir
	step "$tmp/distdir-mv.log" mv "$dd" "$tmp/src"
	src=$tmp/src
fi
mkdir -p "$tmp/build"
cd "$tmp/build" || exit 1
step "$tmp/configure.log" "$src/configure" --prefix="$prefix" \
	--disable-dependency-tracking
step "$tmp/make.log" $MAKE -j2
step "$tmp/install.log" $MAKE install
pass "docproc installed"

# 2. what an author needs
for f in include/docproc/docproc.h include/docproc/harness.h \
         lib/libdocproc.so lib/pkgconfig/docproc.pc bin/docproc \
         bin/docproc-check share/docproc/default.yaml \
         share/man/man1/docproc.1 share/man/man1/docproc-check.1 \
         share/man/man7/docproc-plugin.7; do
	[ -e "$prefix/$f" ] || fail "not installed: $f"
done
PKG_CONFIG_PATH=$prefix/lib/pkgconfig
export PKG_CONFIG_PATH
plugindir=$(pkg-config --variable=plugindir docproc)
if [ "$plugindir" = "$prefix/lib/docproc" ]; then
	pass "pkg-config: plugindir=$plugindir"
else
	fail "pkg-config plugindir is '$plugindir', want $prefix/lib/docproc"
fi
if command -v man >/dev/null 2>&1 &&
   man -w -M "$prefix/share/man" docproc >/dev/null 2>&1; then
	for page in "1 docproc" "1 docproc-check" "7 docproc-plugin"; do
		# shellcheck disable=SC2086
		if MANPAGER=cat PAGER=cat MANWIDTH=80 \
		   man -M "$prefix/share/man" $page 2>/dev/null |
		   grep -q "NAME"; then
			pass "man -M \$prefix/share/man $page"
		else
			fail "man -M $prefix/share/man $page shows no page"
		fi
	done
elif command -v man >/dev/null 2>&1; then
	fail "man -M $prefix/share/man docproc does not find the page"
else
	echo "SKIP: man not installed; the pages are in $prefix/share/man"
fi

# 3. the template, copied out of the tree and built alone
echo "== building plugins/template alone against the installed docproc"
cp -R "$src/plugins/template" "$tmp/myplugin"
chmod -R u+w "$tmp/myplugin"
rm -f "$tmp/myplugin/Makefile" "$tmp/myplugin/Makefile.in"
cd "$tmp/myplugin" || exit 1
step "$tmp/t-autogen.log" sh standalone/autogen.sh
step "$tmp/t-configure.log" ./configure
grep -q "installed in $plugindir" "$tmp/t-configure.log" ||
	fail "the template's configure did not pick plugindir $plugindir"
step "$tmp/t-make.log" $MAKE
step "$tmp/t-check.log" $MAKE check
step "$tmp/t-install.log" $MAKE install
if [ -f "$plugindir/template.so" ] && [ -f "$plugindir/template.la" ]; then
	pass "template built alone, its tests pass, installed in plugindir"
else
	fail "template.so not installed in $plugindir"
fi

# 4. the installed docproc runs it after the built-in plugins
cd "$tmp" || exit 1
printf 'The government announced comprehensive reforms.\n' > news.txt
before=
extra_path=
[ -f "$plugindir/cleaner.so" ] && before="$before
  - plugin: cleaner"
if [ -f "$plugindir/tokenizer.so" ]; then
	before="$before
  - plugin: tokenizer"
else
	echo "NOTE: the tokenizer is not built in this tree: the template runs" \
	     "after its test stub"
	before="$before
  - plugin: tokens_stub"
	extra_path="$tmp/myplugin/tests"
fi
cat > pipeline.yaml <<EOC
docproc: 1
plugin_path: [$extra_path]
pipeline:$before
  - plugin: template
    options: { min_length: 10, stopwords: [government] }
output: { layers: [tokens, long_words] }
EOC
if "$prefix/bin/docproc" -q -c pipeline.yaml news.txt > out.jsonl \
	2> err.txt; then
	pass "installed docproc ran the pipeline" \
	     "$(sed -n 's/^  - plugin: //p' pipeline.yaml | tr '\n' ' ')"
else
	fail "installed docproc failed:"
	sed 's/^/    /' err.txt
fi
want1='{"start":4,"end":14,"length":10,"stopword":1}'
want2='{"start":25,"end":38,"length":13,"stopword":0}'
if grep -qF "\"long_words\":[$want1,$want2]" out.jsonl; then
	pass "the template's long_words layer is in the output"
else
	fail "long_words not as expected in the output:"
	sed 's/^/    /' out.jsonl
fi
if "$prefix/bin/docproc" --list-plugins -c pipeline.yaml 2>&1 |
   grep -q template; then
	pass "docproc --list-plugins lists the installed template"
else
	fail "docproc --list-plugins does not list template"
fi
if [ -z "$extra_path" ]; then
	set -- template
else
	set -- -P "$extra_path" template
fi
if DOCPROC_CHECK_NO_VALGRIND=1 "$prefix/bin/docproc-check" --big-mb 1 \
	"$@" > check.txt 2>&1; then
	pass "installed docproc-check passes the installed template"
else
	fail "installed docproc-check on the installed template:"
	sed 's/^/    /' check.txt
fi
exit $status
