#!/bin/sh
# Generates configure and the Makefile.in files (they are not committed).
set -e
cd "$(dirname "$0")"
mkdir -p m4 build-aux
autoreconf --install --force
echo "Now run ./configure && make"
