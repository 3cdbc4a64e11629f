# cli.sh - the command line: --help, --version, --list-plugins, --check,
# usage errors, and the default config when its plugins are missing.
. "$abs_srcdir/e2e/lib.sh"

run help --help
expect_rc help 0 "--help"
expect_in "$T/help.out" "Usage: docproc [OPTION]... INPUT..." "--help prints the usage"
expect_in "$T/help.out" "Exit status: 0 all ok, 1 usage or configuration error, 2 some documents" "--help explains the exit status"
for opt in --config --output --jobs --check --list-plugins --version; do
	expect_in "$T/help.out" "$opt" "--help documents $opt"
done

run version --version
expect_rc version 0 "--version"
expect_in "$T/version.out" "docproc 0.1.0 (plugin ABI 1.2)" "--version names the release and the plugin ABI"
run version2 -V
expect_eq "$(cat "$T/version2.out")" "$(cat "$T/version.out")" "-V is --version"

run noinput -c "$DATA/configs/empty.yaml"
expect_rc noinput 1 "no input is a usage error"
expect_in "$T/noinput.err" "no input given" "no input: says so"
run badjobs -j 0 "$DATA/hello.txt"
expect_rc badjobs 1 "-j 0"
expect_in "$T/badjobs.err" "expected a number of jobs from 1 to 1024, got '0'" "-j 0: says what it expected"
run badjobs2 -j many "$DATA/hello.txt"
expect_rc badjobs2 1 "-j many"
run badopt --frobnicate "$DATA/hello.txt"
expect_rc badopt 1 "an unknown option"
expect_in "$T/badopt.err" "Try 'docproc --help'" "an unknown option: points to --help"
run badoffsets --offsets chars "$DATA/hello.txt"
expect_rc badoffsets 1 "--offsets chars"

# --list-plugins: every plugin found, with its details
run list -c "$DATA/configs/empty.yaml" --list-plugins
expect_in "$T/list.out" "Plugin search path: $PLUGINS" "--list-plugins: the search path, DOCPROC_PLUGIN_PATH first"
expect_in "$T/list.out" "annotate 1.2.3 - test: one span per word" "--list-plugins: name, version, description"
expect_in "$T/list.out" "  provides  words" "--list-plugins: provides"
expect_in "$T/list.out" "  requires  words" "--list-plugins: requires"
expect_in "$T/list.out" "  file      $PLUGINS/annotate.la" "--list-plugins: the file"
expect_in "$T/list.out" "    mode             string default fast (fast|slow|exact)" "--list-plugins: options with default and choices"
expect_in "$T/list.out" "    name             string required" "--list-plugins: required options"
expect_in "$T/list.out" "      the name to use" "--list-plugins: option descriptions"
expect_in "$T/list.out" "badabi: cannot be used: $PLUGINS/badabi.la was built for docproc plugin ABI 2.0" "--list-plugins: a plugin it cannot use, and why"
expect_in "$T/list.out" "missingdep: cannot be used:" "--list-plugins: a plugin with a missing library"
case $(cat "$T/list.rc") in
0|1) ok "--list-plugins exits 0 or 1" ;;
*) not_ok "--list-plugins exit status $(cat "$T/list.rc")" "$T/list.err" ;;
esac

# --check: loads and validates, processes nothing
run check -c "$DATA/configs/full.yaml" --check
expect_rc check 0 "--check of a valid config"
expect_in "$T/check.out" "full.yaml: OK, 3 steps: edit 0.1 -> annotate 1.2.3 -> failing 1.0" "--check names every step"
run check2 -c "$DATA/configs/order.yaml" --check
expect_rc check2 1 "--check of a config in the wrong order"
expect_in "$T/check2.err" "order.yaml:3:5: plugin 'undeclared' requires layer 'words', which no earlier step provides" "--check: the order error names both"
run check3 -c "$DATA/configs/empty.yaml" --check
expect_rc check3 0 "--check of an empty pipeline"
expect_in "$T/check3.out" "OK, 0 steps" "--check: an empty pipeline is valid"

# The default config names the real plugins. Until they are all built,
# docproc must say which one is missing and where it looked.
missing=
for p in cleaner tokenizer dates quotes; do
	[ -f "$abs_top_builddir/plugins/$p/$p.la" ] || { missing=$p; break; }
done
printf 'A text.' >"$T/a.txt"
if [ -n "$missing" ]; then
	DOCPROC_PLUGIN_PATH= run default "$T/a.txt"
	expect_rc default 1 "the default config with plugin '$missing' missing"
	expect_in "$T/default.err" "plugin '$missing' not found (looked in" "default config: names the missing plugin"
	expect_in "$T/default.err" "$abs_top_builddir/plugins" "default config: names where it looked"
	expect_in "$T/default.err" "config/default.yaml:" "default config: names the config file and line"
else
	echo "# the default pipeline's plugins are all built: skipping the missing-plugin check"
	DOCPROC_PLUGIN_PATH= run default --check
	expect_rc default 0 "the default config checks out"
fi

# Every function of the public headers is exported by the programs that
# load plugins: a plugin may call any of them without linking libdocproc.
if command -v nm >/dev/null 2>&1; then
	sed -n 's/^[a-z].*[ *]\(dp_[a-z0-9_]*\)(.*/\1/p' \
		"$abs_top_srcdir/include/docproc/docproc.h" | sort -u >"$T/api"
	for prog in docproc docproc-check; do
		[ -x "$abs_top_builddir/core/$prog" ] || continue
		nm -D --defined-only "$abs_top_builddir/core/$prog" |
			awk '{ print $3 }' | sort -u >"$T/exported"
		missing=$(comm -23 "$T/api" "$T/exported" | tr '\n' ' ')
		expect_eq "$missing" "" "$prog exports every function of docproc.h ($(wc -l <"$T/api") functions)"
	done
else
	echo "# no nm: skipping the exported-symbols check"
fi

finish
