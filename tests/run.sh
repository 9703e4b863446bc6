#!/bin/sh
# Runs the whole suite: cmocka unit binaries, then the shell tests in
# tests/sandbox, tests/cli and tests/tui.  Shell tests report one line per
# check, "PASS name" or "FAIL name: why".  Ends with "N passed, N failed".
set -u
BUILD_DIR=${BUILD_DIR:-build}
export BUILD_DIR
top=$(pwd)
export AFCQ_TOP="$top"
passed=0
failed=0
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
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	passed=$((passed + p)); failed=$((failed + f))
	if [ "$f" -ne 0 ]; then
		cat "$log"
		failures="$failures $name"
	fi
	printf '%-40s %3d passed, %d failed\n' "$name" "$p" "$f"
done

for t in tests/sandbox/*.sh tests/cli/*.sh tests/tui/*.sh; do
	[ -f "$t" ] || continue
	sh "$t" >"$log" 2>&1
	rc=$?
	p=$(grep -c '^PASS ' "$log")
	f=$(grep -c '^FAIL ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "FAIL $t: exited $rc" >>"$log"; fi
	passed=$((passed + p)); failed=$((failed + f))
	if [ "$f" -ne 0 ]; then
		grep -v '^PASS ' "$log" | head -60
		failures="$failures $t"
	fi
	printf '%-40s %3d passed, %d failed\n' "$t" "$p" "$f"
done

[ -n "$failures" ] && echo "failing:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
