#!/bin/sh
# Runs each libFuzzer target of build/fuzz (make fuzz) over its seed corpus
# (tests/fuzz/lib/corpus.sh), then lets it mutate for FUZZ_SECONDS each
# (default 15).  One line per target: PASS with the runs and coverage, or
# FAIL when it found anything (crash, sanitizer report, leak, slow input,
# broken check); the input is kept as build/fuzz/artifacts/NAME-*.
#   FUZZ_SECONDS=600 FUZZ_TARGETS="request sandbox" sh tests/fuzz/targets.sh
# FUZZ_CORPUS=DIR keeps each target's grown corpus in DIR/NAME across runs;
# FUZZ_NICE=19 runs them at low priority.
. "$(dirname "$0")/../lib.sh"
. "$AFCQ_TOP/tests/fuzz/lib/corpus.sh"

FUZZ_DIR=${FUZZ_DIR:-build/fuzz}
FUZZ_SECONDS=${FUZZ_SECONDS:-15}
if [ -z "${FUZZ_TARGETS:-}" ]; then   # every tests/fuzz/fuzz_NAME.c
	FUZZ_TARGETS=$(for src in "$AFCQ_TOP"/tests/fuzz/fuzz_*.c; do
		basename "$src" .c | sed 's/^fuzz_//'
	done)
fi
FUZZ_NICE=${FUZZ_NICE:-0}
case $FUZZ_DIR in /*) ;; *) FUZZ_DIR="$AFCQ_TOP/$FUZZ_DIR" ;; esac
mkdir -p "$FUZZ_DIR/artifacts"
export TMPDIR="$T_TMP"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$AFCQ_TOP/tests/fuzz/lsan.supp:print_suppressions=0"

for name in $FUZZ_TARGETS; do
	bin="$FUZZ_DIR/fuzz_$name"
	if [ ! -x "$bin" ]; then
		fail "fuzz_$name" "no $bin; run make fuzz"
		continue
	fi
	seeds="$T_TMP/seeds-$name"
	fuzz_seeds "$name" "$seeds"
	work="${FUZZ_CORPUS:+$FUZZ_CORPUS/$name}"
	work=${work:-$T_TMP/corpus-$name}
	mkdir -p "$work"
	log="$T_TMP/log-$name"
	nice -n "$FUZZ_NICE" "$bin" -max_total_time="$FUZZ_SECONDS" -timeout=30 \
		-rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$FUZZ_DIR/artifacts/$name-" "$work" "$seeds" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\).*/cov \1 ft \2/p')
	if [ "$rc" -eq 0 ] && [ -n "$runs" ]; then
		pass "fuzz_$name: ${runs} runs in ${FUZZ_SECONDS}s, ${cov:-no coverage line}"
	else
		grep -E 'ERROR|SUMMARY|fuzz check failed|runtime error|Test unit written|^  (first|second):' \
			"$log" | head -n 20
		fail "fuzz_$name" "exit $rc; see the lines above"
	fi
done
