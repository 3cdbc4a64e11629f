# config.sh - configuration errors as the user sees them: on stderr, with
# file:line:column, what was expected and a suggestion; exit status 1 and
# no output at all.
. "$abs_srcdir/e2e/lib.sh"
C=$DATA/configs

run typo -c "$C/typo.yaml" "$DATA/hello.txt"
expect_rc typo 1 "an unknown key"
expect_in "$T/typo.err" "docproc: $C/typo.yaml:4:5: unknown key 'plugn' in a pipeline step (did you mean 'plugin'?)" "an unknown key: file:line:column and did-you-mean"
expect_eq "$(wc -c <"$T/typo.out" | tr -d ' ')" "0" "a config error: nothing on stdout"

run badopt -c "$C/badopt.yaml" "$DATA/hello.txt"
expect_rc badopt 1 "an option of the wrong type"
expect_in "$T/badopt.err" "$C/badopt.yaml:6:14: plugin 'optcheck' option 'count': expected an integer, got 'many'" "an option type error: file:line:column"

run noplugin -c "$C/noplugin.yaml" "$DATA/hello.txt"
expect_rc noplugin 1 "an unknown plugin"
expect_in "$T/noplugin.err" "$C/noplugin.yaml:3:5: plugin 'annotat' not found (looked in $PLUGINS" "an unknown plugin: where it looked"
expect_in "$T/noplugin.err" "did you mean 'annotate'?" "an unknown plugin: did-you-mean"
expect_in "$T/noplugin.err" ", $abs_top_builddir/plugins)" "an unknown plugin: the build tree's plugins are searched last"

run version -c "$C/version.yaml" "$DATA/hello.txt"
expect_rc version 1 "another config format version"
expect_in "$T/version.err" "$C/version.yaml:1:10: 'docproc': this docproc reads config format version 1, got '2'" "the version key"

run syntax -c "$C/syntax.yaml" "$DATA/hello.txt"
expect_rc syntax 1 "a YAML syntax error"
expect_in "$T/syntax.err" "$C/syntax.yaml:4:" "a YAML syntax error: file:line:column"

run order -c "$C/order.yaml" "$DATA/hello.txt"
expect_rc order 1 "a step before the one it needs"
expect_in "$T/order.err" "add the plugin that provides 'words' before 'undeclared'" "the order error says how to fix it"

run nofile -c "$T/nonexistent.yaml" "$DATA/hello.txt"
expect_rc nofile 1 "a missing config file"
expect_in "$T/nofile.err" "$T/nonexistent.yaml: cannot read config: No such file or directory" "a missing config file: says so"

# plugin_path in the config is searched before DOCPROC_PLUGIN_PATH
cat >"$T/path.yaml" <<EOC
docproc: 1
plugin_path: [$PLUGINS]
pipeline:
  - plugin: annotate
EOC
DOCPROC_PLUGIN_PATH=/nonexistent run path -c "$T/path.yaml" --check
expect_rc path 0 "plugin_path finds the plugins"

# an ABI mismatch as the command reports it
cat >"$T/abi.yaml" <<EOC
docproc: 1
pipeline:
  - plugin: newminor
EOC
run abi -c "$T/abi.yaml" "$DATA/hello.txt"
expect_rc abi 1 "a plugin built for a newer ABI minor"
expect_in "$T/abi.err" "$T/abi.yaml:3:5: $PLUGINS/newminor.la was built for docproc plugin ABI 1.99, newer than this docproc's ABI 1.2" "an ABI mismatch names the file and both versions"

finish
