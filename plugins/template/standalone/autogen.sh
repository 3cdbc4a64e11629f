#!/bin/sh
# Turns a copy of docproc's plugins/template into a project of its own:
# moves standalone/configure.ac and standalone/Makefile.am to the top of
# the copy (replacing the in-tree Makefile.am), then runs autoreconf.
# Run it once, in the copy: sh standalone/autogen.sh
set -e
dir=$(cd "$(dirname "$0")" && pwd)
case $dir in
*/standalone) here=${dir%/standalone} ;;
*) here=$dir ;;
esac
cd "$here"
if [ -f ../../include/docproc/docproc.h ]; then
	echo "autogen.sh: $here is inside the docproc tree;" \
	     "copy it elsewhere first (see README.md, step 1)" >&2
	exit 1
fi
if [ -f standalone/configure.ac ]; then
	mv standalone/configure.ac configure.ac
	mv standalone/Makefile.am Makefile.am
	cp standalone/autogen.sh autogen.sh
	rm -f standalone/autogen.sh
	rmdir standalone
fi
mkdir -p m4 build-aux
autoreconf --install --force
echo "Now run: ./configure && make && make check && make install"
