#!/bin/sh
# link-flags.sh PKG... - the linker flags for the named pkg-config packages,
# each library taken from its archive (libNAME.a, or libNAME_s.a as yajl
# names it) when its -dev package ships one, else from its shared object.
#
# afcq links its small libraries in: a one-shot command then starts
# without the dynamic linker looking up their symbols, which cost more
# than the rest of a one-item quote's own work, and the workstation's first
# screen comes sooner.  libcurl and libpq are not linked at all
# (include/afcq/dl.h).  The system libraries they need (libm, libdl,
# pthread) are linked by the Makefile.
set -eu
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
out=""
for pkg in "$@"; do
	libdir=$($PKG_CONFIG --variable=libdir "$pkg")
	for flag in $($PKG_CONFIG --libs-only-l "$pkg"); do
		name=${flag#-l}
		if [ -f "$libdir/lib$name.a" ]; then
			out="$out -l:lib$name.a"
		elif [ -f "$libdir/lib${name}_s.a" ]; then
			out="$out -l:lib${name}_s.a"
		else
			out="$out $flag"
		fi
	done
done
echo "$($PKG_CONFIG --libs-only-L "$@")$out"
