#!/bin/sh
# Runs the whole suite: cmocka unit binaries, then the shell tests in
# tests/sandbox, tests/cli and tests/tui, then the fuzz targets
# (tests/fuzz/targets.sh, one line per target).  Shell tests report one line
# per check, "PASS name", "FAIL name: why" or "SKIP name: why".  Ends with
# "N passed, N failed, N skipped".  A skip is shown and counted, and fails the
# run: set-up installs everything the tests use, so a skip means it did not
# (AFCQ_ALLOW_SKIPS=1 lets a developer's partial machine through).
set -u
BUILD_DIR=${BUILD_DIR:-build}
export BUILD_DIR
top=$(pwd)
export AFCQ_TOP="$top"
passed=0
failed=0
skipped=0
failures=""
log=$(mktemp "${TMPDIR:-/tmp}/afcq-tests.XXXXXX")
trap 'rm -f "$log"' EXIT

for t in "$BUILD_DIR"/tests/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	tmpd=$(mktemp -d "${TMPDIR:-/tmp}/afcq-unit.XXXXXX")
	HOME="$tmpd" XDG_STATE_HOME="$tmpd/state" XDG_CONFIG_HOME="$tmpd/config" XDG_DATA_HOME="$tmpd/data" \
		AFCQ_CONFIG= "$t" >"$log" 2>&1
	rc=$?
	rm -rf "$tmpd"
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	skipped=$((skipped + s))
	[ "$s" -ne 0 ] && grep '^\[  SKIPPED \]' "$log"
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	passed=$((passed + p)); failed=$((failed + f))
	if [ "$f" -ne 0 ]; then
		cat "$log"
		failures="$failures $name"
	fi
	printf '%-40s %3d passed, %d failed\n' "$name" "$p" "$f"
done

for t in tests/sandbox/*.sh tests/cli/*.sh tests/tui/*.sh tests/fuzz/*.sh; do
	[ -f "$t" ] || continue
	sh "$t" >"$log" 2>&1
	rc=$?
	p=$(grep -c '^PASS ' "$log")
	f=$(grep -c '^FAIL ' "$log")
	s=$(grep -c '^SKIP ' "$log")
	skipped=$((skipped + s))
	grep '^SKIP ' "$log"
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "FAIL $t: exited $rc" >>"$log"; fi
	passed=$((passed + p)); failed=$((failed + f))
	if [ "$f" -ne 0 ]; then
		grep -v '^PASS ' "$log" | head -60
		failures="$failures $t"
	fi
	printf '%-40s %3d passed, %d failed%s\n' "$t" "$p" "$f" "$([ "$s" -ne 0 ] && echo ", $s skipped")"
done

[ -n "$failures" ] && echo "failing:$failures"
if [ "$skipped" -ne 0 ] && [ "${AFCQ_ALLOW_SKIPS:-0}" != 1 ]; then
	echo "skipped checks fail the run: set-up should have installed what they need (scripts/setup.sh)"
	failed_by_skip=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ] && [ -z "${failed_by_skip:-}" ]
