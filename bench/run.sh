#!/bin/sh
# bench/run.sh [bench_large options] - builds afcq, afcq-sandbox and
# bench/bench_large.c with the project's own compiler flags (the Makefile's
# CORE_CFLAGS, optimised -O2, no sanitizers) and runs the benchmark.
#
#   BUILD=build/bench sh bench/run.sh            10,000 items, 7 runs each
#   sh bench/run.sh -n 1000 -r 3 --no-sandbox
#
# The binary lands in $BUILD beside afcq-sandbox, which it starts for the
# CalcTaxes round trips.  A benchmark, never a test: nothing here is timed
# against a limit.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build/bench}
make --no-print-directory BUILD="$BUILD" SAN=0 COV=0 -j2 all
make --no-print-directory BUILD="$BUILD" SAN=0 COV=0 \
	--eval='$(BUILD)/bench_large: bench/bench_large.c $(BUILD)/libafcq.a ; $(CC) $(CORE_CFLAGS) -o $@ $< $(LIBAFCQ) $(CORE_LIBS)' \
	"$BUILD/bench_large"
"$BUILD/bench_large" "$@"
# then the workstation on the same 10,000-item invoice (bench/bench_tui.sh)
BUILD=$BUILD sh bench/bench_tui.sh
# and how long the workstation takes to show its first screen
BUILD=$BUILD sh bench/bench_start.sh
# and the sandbox's own time for a 10,000-item CalcTaxes (bench/bench_sandbox.sh)
BUILD=$BUILD sh bench/bench_sandbox.sh
