#!/bin/sh
# scripts/loadtest.sh [SECONDS] [CONNECTIONS] - a bounded load test of
# afcq-sandbox on the loopback interface.
#
# Starts afcq-sandbox on 127.0.0.1 (port 0: the kernel picks a free one,
# clock pinned inside the invoice month), then has wrk POST the Dallas
# CalcTaxes request for SECONDS (default 20) over CONNECTIONS (default 4)
# keep-alive connections on 2 threads.  Every answer must be HTTP 200 with
# no "err" entry and there must be no socket errors.  The sandbox's
# resident memory (VmRSS in /proc/PID/status) is sampled every second; the
# start, middle and end values are printed, and the run fails when memory
# grows by more than a fifth (plus 4 MB) from the middle to the end, the
# sign of a leak.  Prints a summary for bench/README.md.
#
# wrk comes from Debian (apt-get install wrk); it is installed when
# missing.  BUILD_DIR (default build) names the build to test; the binary
# is built when it is missing.  Exit status: 0 passed, 1 failed, 2 could
# not run.
set -eu
cd "$(dirname "$0")/.."
DURATION=${1:-20}
CONNS=${2:-4}
THREADS=2
BUILD_DIR=${BUILD_DIR:-build}
SANDBOX="$BUILD_DIR/afcq-sandbox"

case "$DURATION$CONNS" in *[!0-9]*) echo "usage: $0 [SECONDS] [CONNECTIONS]" >&2; exit 2 ;; esac
if [ "$DURATION" -lt 2 ] || [ "$DURATION" -gt 600 ] || [ "$CONNS" -lt 1 ] || [ "$CONNS" -gt 64 ]; then
	echo "loadtest: SECONDS 2-600, CONNECTIONS 1-64" >&2
	exit 2
fi
[ "$CONNS" -lt "$THREADS" ] && THREADS=$CONNS

if ! command -v wrk >/dev/null 2>&1; then
	echo "loadtest: wrk not found; installing it (apt-get install wrk)" >&2
	SUDO=
	[ "$(id -u)" -eq 0 ] || SUDO=sudo
	$SUDO apt-get install -y -q wrk >/dev/null ||
		{ $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q wrk >/dev/null; } ||
		{ echo "loadtest: cannot install wrk" >&2; exit 2; }
fi
if [ ! -x "$SANDBOX" ]; then
	make --no-print-directory BUILD="$BUILD_DIR" -j2 "$SANDBOX" >/dev/null ||
		{ echo "loadtest: cannot build $SANDBOX" >&2; exit 2; }
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/afcq-load.XXXXXX")
SB_PID=""
SAMPLER=""
cleanup() {
	[ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null
	[ -n "$SB_PID" ] && kill "$SB_PID" 2>/dev/null && wait "$SB_PID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# The Dallas fact pattern: a VoIP access charge, one line and an invoice
# charge for a residential customer billed to PCode 3726100.  The fixed
# document code is replaced on every request (it is open in March 2022).
cat >"$TMP/dallas.json" <<'JSON'
{"cfg":{"incrf":true},"cmpn":{"bscl":0,"svcl":0,"fclt":true,"frch":false,"reg":true,"idnt":"CertCompany"},"inv":[{"doc":"LOADTEST-DALLAS","cmmt":false,"bill":{"pcd":3726100},"cust":0,"lfln":true,"date":"2022-03-02","itms":[{"ref":"access","chg":15,"line":0,"sale":1,"tran":19,"serv":6},{"ref":"lines","chg":0,"line":1,"sale":1,"tran":19,"serv":21},{"ref":"invoice","chg":1,"line":0,"sale":1,"tran":19,"serv":43}],"invm":true,"dtl":true,"summ":true,"acct":"CertCompany","custref":"CertTest4_1","invn":"CertTest4_1","bcyc":"202203","bpd":{"month":3,"year":2022}}]}
JSON

# wrk script: POST the body; count 200s, other statuses and answers with
# an "err" entry per thread, added up at the end.
cat >"$TMP/post.lua" <<'LUA'
local f = assert(io.open(os.getenv("AFCQ_LOAD_BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) ok = 0; other = 0; apierr = 0 end
function response(status, headers, body)
  if status ~= 200 then
    other = other + 1
  elseif string.find(body, '"err"', 1, true) then
    apierr = apierr + 1
  else
    ok = ok + 1
  end
end
function done(summary, latency, requests)
  local o, b, a = 0, 0, 0
  for _, t in ipairs(threads) do
    o = o + t:get("ok"); b = b + t:get("other"); a = a + t:get("apierr")
  end
  io.write(string.format("status-200-ok: %d\nstatus-other: %d\napi-errors: %d\n", o, b, a))
  io.write(string.format("latency-p50-ms: %.3f\nlatency-p99-ms: %.3f\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA

# The file exists before the child opens it, so reading it never races.
: >"$TMP/sb.out"
"$SANDBOX" --listen 127.0.0.1:0 --now 2022-03-15 >"$TMP/sb.out" 2>"$TMP/sb.err" &
SB_PID=$!
URL=""
i=0
while [ $i -lt 100 ] && [ -z "$URL" ]; do
	URL=$(sed -n '1s/^listening on //p' "$TMP/sb.out" 2>/dev/null || true)
	[ -n "$URL" ] && break
	kill -0 "$SB_PID" 2>/dev/null || break
	sleep 0.1
	i=$((i + 1))
done
case "$URL" in
http://127.0.0.1:[0-9]*) ;;
*) echo "loadtest: the sandbox did not start on loopback: $(head -c 300 "$TMP/sb.err")" >&2; exit 2 ;;
esac
TARGET="$URL/api/v2/afc/CalcTaxes"

rss_kb() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$SB_PID/status" 2>/dev/null; }

# One request first: the answer must be right before we measure anything.
code=$(curl -s -o "$TMP/first.json" -w '%{http_code}' -H 'Content-Type: application/json' \
	--data-binary @"$TMP/dallas.json" "$TARGET" || true)
if [ "$code" != 200 ] || grep -q '"err"' "$TMP/first.json"; then
	echo "loadtest: the first request failed (HTTP $code): $(head -c 300 "$TMP/first.json")" >&2
	exit 1
fi

RSS_START=$(rss_kb)
( while kill -0 "$SB_PID" 2>/dev/null; do
	echo "$(date +%s) $(rss_kb)"
	sleep 1
  done ) >"$TMP/rss.log" &
SAMPLER=$!
STARTED=$(date +%s)

AFCQ_LOAD_BODY="$TMP/dallas.json" wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --timeout 5s \
	-s "$TMP/post.lua" "$TARGET" >"$TMP/wrk.out" 2>&1 || {
	echo "loadtest: wrk failed:" >&2; cat "$TMP/wrk.out" >&2; exit 1; }
RSS_END=$(rss_kb)
kill "$SAMPLER" 2>/dev/null || true
wait "$SAMPLER" 2>/dev/null || true
SAMPLER=""

MIDDLE_AT=$((STARTED + DURATION / 2))
RSS_MIDDLE=$(awk -v t="$MIDDLE_AT" '$1 >= t && $2 != "" { print $2; exit }' "$TMP/rss.log")
RSS_MAX=$(awk 'BEGIN { m = 0 } $2 > m { m = $2 } END { print m }' "$TMP/rss.log")
field() { sed -n "s|^$1:[[:space:]]*||p" "$TMP/wrk.out"; }
REQUESTS=$(sed -n 's/^[[:space:]]*\([0-9]*\) requests in \([0-9.]*[a-z]*\).*/\1/p' "$TMP/wrk.out")
ELAPSED=$(sed -n 's/^[[:space:]]*[0-9]* requests in \([0-9.]*[a-z]*\).*/\1/p' "$TMP/wrk.out")
RPS=$(field "Requests/sec")
OK=$(field status-200-ok)
OTHER=$(field status-other)
APIERR=$(field api-errors)
SOCKERR=$(sed -n 's/^[[:space:]]*Socket errors:[[:space:]]*//p' "$TMP/wrk.out")
NON2XX=$(sed -n 's/^[[:space:]]*Non-2xx or 3xx responses:[[:space:]]*//p' "$TMP/wrk.out")

echo "Load test: afcq-sandbox on $URL"
echo "  tool            $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2), $THREADS threads, $CONNS connections, ${DURATION} s"
echo "  request         POST /api/v2/afc/CalcTaxes, Dallas fact pattern ($(wc -c <"$TMP/dallas.json") bytes)"
echo "  requests        ${REQUESTS:-?} in ${ELAPSED:-?} (${RPS:-?} per second)"
echo "  latency         p50 $(field latency-p50-ms) ms, p99 $(field latency-p99-ms) ms"
echo "  answers         200 without err: ${OK:-?}; other status: ${OTHER:-?}; with err: ${APIERR:-?}"
echo "  socket errors   ${SOCKERR:-none}"
echo "  sandbox VmRSS   start ${RSS_START} kB, middle ${RSS_MIDDLE:-?} kB, end ${RSS_END:-?} kB (max ${RSS_MAX} kB)"

status=0
[ -n "$REQUESTS" ] && [ "$REQUESTS" -gt 0 ] || { echo "FAIL no requests were made"; status=1; }
[ "${OK:-0}" = "${REQUESTS:-x}" ] || { echo "FAIL not every answer was a 200 without err"; status=1; }
[ "${OTHER:-1}" = 0 ] && [ "${APIERR:-1}" = 0 ] || { echo "FAIL errors in answers"; status=1; }
[ -z "$SOCKERR" ] || { echo "FAIL socket errors: $SOCKERR"; status=1; }
[ -z "$NON2XX" ] || { echo "FAIL non-2xx answers: $NON2XX"; status=1; }
kill -0 "$SB_PID" 2>/dev/null || { echo "FAIL the sandbox died"; status=1; }
if [ -n "$RSS_MIDDLE" ] && [ -n "$RSS_END" ] &&
	[ "$RSS_END" -gt $((RSS_MIDDLE + RSS_MIDDLE / 5 + 4096)) ]; then
	echo "FAIL memory grew from ${RSS_MIDDLE} kB to ${RSS_END} kB in the second half"
	status=1
fi
[ $status -eq 0 ] && echo "PASS errors = 0, memory flat"
exit $status
