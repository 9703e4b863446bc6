#!/bin/sh
# bench_sandbox.sh: how long afcq-sandbox takes to answer one large
# CalcTaxes, from outside.  Starts build/bench's afcq-sandbox on a loopback
# port (no --store: documents in memory), writes one invoice of N VoIP line
# items (T/S 19/6, billed to PCode 3726100, compact JSON), sends it 3 times
# to warm up, then in each batch R times with curl, noting curl's
# time_total (request up, calculation, answer down) and the server's CPU
# time over the batch (utime + stime from /proc/PID/stat).  Prints, per
# batch, the minimum and median wall time and the server's CPU per request,
# and the load average before and after.  Nothing is compared with a limit.
#
#   sh bench/bench_sandbox.sh                 # 10,000 items, 3 batches of 15
#   sh bench/bench_sandbox.sh -n 1000 -r 5 -b 2
#   sh bench/bench_sandbox.sh --store FILE    # documents in an SQLite file
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build/bench}
ITEMS=10000
RUNS=15
BATCHES=3
STORE=
while [ $# -gt 0 ]; do
	case $1 in
	-n) ITEMS=$2; shift 2 ;;
	-r) RUNS=$2; shift 2 ;;
	-b) BATCHES=$2; shift 2 ;;
	--store) STORE=$2; shift 2 ;;
	*) echo "usage: bench_sandbox.sh [-n ITEMS] [-r RUNS] [-b BATCHES] [--store FILE]" >&2; exit 2 ;;
	esac
done
command -v curl >/dev/null || { echo "bench_sandbox.sh: curl is needed" >&2; exit 2; }

make -s BUILD="$BUILD" SAN=0 COV=0 all
TMP=$(mktemp -d "${TMPDIR:-/tmp}/afcq-bench-sb.XXXXXX")
SB_PID=
cleanup() {
	[ -n "$SB_PID" ] && kill "$SB_PID" 2>/dev/null && wait "$SB_PID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

# The request: item k (from 0) charges 15, then 5 + ((k * 37) mod 995) / 10.
awk -v n="$ITEMS" 'BEGIN {
	printf "{\"cmpn\":{\"bscl\":0,\"svcl\":0,\"fclt\":false,\"frch\":true,\"reg\":false},"
	printf "\"inv\":[{\"doc\":\"INV-%d-0001\",\"bill\":{\"pcd\":3726100},\"cust\":0,", n
	printf "\"date\":\"2022-03-02\",\"itms\":["
	for (k = 0; k < n; k++) {
		t = 50 + (k * 37) % 995
		chg = k == 0 ? "15" : sprintf("%d.%d", int(t / 10), t % 10)
		printf "%s{\"ref\":\"Line Item %05d\",\"chg\":%s,\"line\":%d,\"sale\":1,", (k ? "," : ""), k + 1, chg, k + 1
		printf "\"tran\":19,\"serv\":6,\"adj\":false}"
	}
	printf "],\"invm\":true,\"dtl\":true,\"summ\":true}]}"
}' >"$TMP/req.json"

if [ -n "$STORE" ]; then
	"$BUILD/afcq-sandbox" --listen 127.0.0.1:0 --store "$STORE" >"$TMP/sb.out" 2>"$TMP/sb.err" &
else
	"$BUILD/afcq-sandbox" --listen 127.0.0.1:0 >"$TMP/sb.out" 2>"$TMP/sb.err" &
fi
SB_PID=$!
i=0
URL=
while [ -z "$URL" ] && [ $i -lt 100 ]; do
	sleep 0.05
	URL=$(sed -n '1s/^listening on //p' "$TMP/sb.out")
	i=$((i + 1))
done
[ -n "$URL" ] || { echo "afcq-sandbox did not start: $(cat "$TMP/sb.err")" >&2; exit 1; }

post() {
	curl -s -o "$TMP/answer" -w '%{time_total}\n' -H 'Content-Type: application/json' \
		--data-binary @"$TMP/req.json" "$URL/api/v2/afc/CalcTaxes"
}
# CPU ticks (utime + stime) of the sandbox so far
ticks() { awk '{ print $14 + $15 }' "/proc/$SB_PID/stat"; }
HZ=$(getconf CLK_TCK)

for k in 1 2 3; do post >/dev/null; done
echo "request $(wc -c <"$TMP/req.json") bytes, answer $(wc -c <"$TMP/answer") bytes, $ITEMS items"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
b=1
while [ "$b" -le "$BATCHES" ]; do
	: >"$TMP/times"
	t0=$(ticks)
	k=0
	while [ $k -lt "$RUNS" ]; do post >>"$TMP/times"; k=$((k + 1)); done
	t1=$(ticks)
	sort -n "$TMP/times" | awk -v b="$b" -v cpu="$(((t1 - t0) * 1000 / HZ))" -v r="$RUNS" '
		{ v[NR] = $1 * 1000 }
		END { printf "batch %d: wall min %.1f ms, median %.1f ms; server CPU %.1f ms a request (%d runs)\n",
			     b, v[1], v[int((NR + 1) / 2)], cpu / r, NR }'
	b=$((b + 1))
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
