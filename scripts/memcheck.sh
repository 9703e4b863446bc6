#!/bin/sh
# scripts/memcheck.sh [ROUNDS] [IDLE_SECONDS] - does afcq-sandbox give memory
# back after hostile load?  A bounded loopback run, a measurement (never
# part of make test: it waits IDLE_SECONDS).
#
# Starts afcq-sandbox on 127.0.0.1 (port 0), notes its resident memory
# (VmRSS in /proc/PID/status), then for ROUNDS rounds (default 3) sends at
# once: a 60 MB body (the Dallas request padded with blanks), a request of
# 200,000 bare items (a large answer of errors), a body nested 100,000 deep,
# a truncated body and a body over the 64 MB limit.  It prints the memory at
# the start, the highest after a round, right after the load and after
# IDLE_SECONDS idle (default 60), and fails when the last is more than 64 MB
# above the start.
# BUILD_DIR (default build) names the build; use an unsanitized one (the
# sanitizers keep freed memory on purpose).  Exit status: 0 passed, 1
# failed, 2 could not run.
set -eu
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
IDLE=${2:-60}
BUILD_DIR=${BUILD_DIR:-build}
SANDBOX="$BUILD_DIR/afcq-sandbox"
case "$ROUNDS$IDLE" in *[!0-9]*) echo "usage: $0 [ROUNDS] [IDLE_SECONDS]" >&2; exit 2 ;; esac
[ -x "$SANDBOX" ] || { echo "memcheck: $SANDBOX not built (make BUILD=$BUILD_DIR)" >&2; exit 2; }
command -v curl >/dev/null 2>&1 || { echo "memcheck: curl not found" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/afcq-memcheck.XXXXXX")
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

"$SANDBOX" --listen 127.0.0.1:0 --now 2022-03-15 >"$tmp/out" 2>"$tmp/err" &
pid=$!
url=""
i=0
while [ -z "$url" ] && [ $i -lt 100 ]; do
	sleep 0.05
	url=$(sed -n '1s/^listening on //p' "$tmp/out")
	i=$((i + 1))
done
[ -n "$url" ] || { echo "memcheck: the sandbox did not start: $(cat "$tmp/err")" >&2; exit 2; }

# the hostile bodies
req=tests/fixtures/requests/dallas.json
{ head -c 62914560 /dev/zero | tr '\0' ' '; cat "$req"; } >"$tmp/huge.json"
awk 'BEGIN { printf "{\"inv\":[{\"itms\":["; for (i = 0; i < 200000; i++) printf "%s{\"chg\":1}", i ? "," : ""; print "]}]}" }' >"$tmp/many.json"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]"; print "" }' >"$tmp/deep.json"
head -c 5000 "$req" >"$tmp/bad.json"
head -c 67108870 /dev/zero | tr '\0' ' ' >"$tmp/over.json"

rss() { awk '/^VmRSS:/ { print int($2 / 1024) }' "/proc/$pid/status"; }
post() { curl -s -o /dev/null -H 'Content-Type: application/json' --data-binary "@$tmp/$1" "$url/api/v2/afc/CalcTaxes" || true; }

start=$(rss)
peak=$start
r=0
while [ $r -lt "$ROUNDS" ]; do
	pids=""
	for body in huge many deep bad over; do
		post "$body.json" &
		pids="$pids $!"
	done
	for j in $pids; do wait "$j" || true; done
	now=$(rss)
	[ "$now" -gt "$peak" ] && peak=$now
	r=$((r + 1))
done
after=$(rss)
sleep "$IDLE"
idle=$(rss)
echo "afcq-sandbox resident memory (MB): start $start, highest after a round $peak, after $ROUNDS rounds $after, after ${IDLE}s idle $idle"
if [ "$idle" -gt $((start + 64)) ]; then
	echo "memcheck: FAIL: $((idle - start)) MB above the start after ${IDLE}s idle (limit 64)"
	exit 1
fi
echo "memcheck: ok: within $((idle - start)) MB of the start"
