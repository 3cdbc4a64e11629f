#!/bin/sh
# check-symbols.sh - every symbol libdocproc.so exports is a public dp_*
# function, declared in include/docproc/*.h with a doc comment (/** ... */)
# directly above its prototype that says which ABI version added it
# ("since X.Y"); and docproc.pc carries the package version.
# Environment (from make check): top_builddir, top_srcdir, PACKAGE_VERSION.
set -u
lib=$top_builddir/.libs/libdocproc.so
headers="$top_srcdir/include/docproc/docproc.h $top_srcdir/include/docproc/harness.h"
status=0

if ! command -v nm >/dev/null 2>&1; then
	echo "SKIP: nm not found"
	exit 77
fi
if [ ! -f "$lib" ]; then
	echo "FAIL: $lib not built"
	exit 1
fi

# symbol -> "ok" | "nodoc" | "nosince", from the headers: a prototype is a
# line outside comments whose first identifier followed by '(' is dp_*.
awk '
	FNR == 1 { incomment = 0; last_end = -1; doc = 0; text = "" }
	{
		line = $0
		if (incomment) {
			text = text " " line
			if (index(line, "*/")) { incomment = 0; last_end = FNR }
			next
		}
		if (line ~ /^[ \t]*\/\*/) {
			doc = (line ~ /^[ \t]*\/\*\*/)
			text = line
			if (index(line, "*/")) last_end = FNR
			else incomment = 1
			next
		}
		if (match(line, /dp_[a-z0-9_]+\(/) && line !~ /^[ \t]*#/ &&
		    line !~ /^[ \t]*(return|if|while)/) {
			sym = substr(line, RSTART, RLENGTH - 1)
			if (last_end != FNR - 1 || !doc) res = "nodoc"
			else if (text !~ /since [0-9]+\.[0-9]+/) res = "nosince"
			else res = "ok"
			if (!(sym in seen)) { seen[sym] = 1; print sym, res }
		}
	}
' $headers > documented.txt

nm -D --defined-only "$lib" | awk 'NF >= 3 { print $3 }' | sort -u \
	> exported.txt
nexp=0
while read -r sym; do
	nexp=$((nexp + 1))
	case $sym in
	dp_*) ;;
	*) echo "FAIL: libdocproc.so exports '$sym', which is not public"
	   status=1; continue ;;
	esac
	res=$(awk -v s="$sym" '$1 == s { print $2 }' documented.txt)
	case $res in
	ok) ;;
	nodoc) echo "FAIL: $sym: no /** doc comment */ directly above its" \
	            "prototype in include/docproc/"; status=1 ;;
	nosince) echo "FAIL: $sym: its doc comment does not say" \
	              "'since X.Y'"; status=1 ;;
	*) echo "FAIL: $sym is exported but not declared in" \
	        "include/docproc/*.h"; status=1 ;;
	esac
done < exported.txt
echo "$nexp exported symbols checked against the public headers"

# every public prototype is exported (a declared but missing function
# would fail only when a plugin is loaded)
while read -r sym res; do
	if ! grep -qx "$sym" exported.txt; then
		echo "FAIL: $sym is declared in include/docproc/ but" \
		     "libdocproc.so does not export it"
		status=1
	fi
done < documented.txt

# the pkg-config file
pcver=$(sed -n 's/^Version: *//p' "$top_builddir/docproc.pc")
if [ "$pcver" != "$PACKAGE_VERSION" ]; then
	echo "FAIL: docproc.pc says version '$pcver', configure says" \
	     "'$PACKAGE_VERSION'"
	status=1
fi
if ! grep -q '^plugindir=' "$top_builddir/docproc.pc"; then
	echo "FAIL: docproc.pc has no plugindir variable"
	status=1
fi
[ $status = 0 ] && echo "PASS: every exported symbol is a documented dp_* function"
exit $status
