#!/bin/sh
# bench/bench_tui.sh [-n ITEMS] [-r RUNS] - how fast the workstation shows
# and scrolls a large answer.
#
# Builds afcq and afcq-sandbox without sanitizers (-O2, BUILD=build/bench by
# default), writes a request of one invoice with ITEMS items (10,000 by
# default: VoIP access charges, T/S 19/6, billed to Dallas, TX, 3 taxes
# each), then runs the real workstation RUNS times (5 by default) in script
# mode (afcq --sandbox --script FILE REQUEST, on a 160x50 xterm screen
# drawn to /dev/null, a temporary HOME, AFCQ_NOW pinned).  The script's
# "mark NAME" command draws what changed and prints CLOCK_MONOTONIC to
# stderr; each measured step sits between two marks, so it includes the key's
# handling and the redraw it causes:
#
#   F5 to results shown   F5, the request (validate, encode, HTTP to the
#                         bundled sandbox, its calculation, parse), the
#                         results stored and drawn; resolution about 10 ms
#                         (wait-idle pumps the connection in 10 ms ticks)
#   grid PgDn/End/Home    the form's line-item grid holding every item:
#                         50 PgDn from the top, 10 End/Home pairs
#   PgDn / PgUp           one page in the taxes pane (100 / 50 per run)
#   End / Home            last / first row of the taxes pane (20 each)
#   resize                the whole screen redrawn at a new size
#                         (160x50 <-> 200x60, 10 each)
#   F5 handled            the key F5 itself: the form checked, the request
#                         encoded and recorded as pending, the call
#                         started (a key typed meanwhile waits this long)
#   F9                    the raw view of the second answer, pretty-printed
#   input stall           a second F5, then the loop ticks in 10 ms steps
#                         for 2 s with a mark each: the longest gap
#                         between two marks (minus the 10 ms) is the
#                         longest a key typed meanwhile would wait
#
# Prints the minimum and the median over all samples of all runs, in
# milliseconds.  A benchmark, never a test: nothing is compared with a
# limit; the script only checks the work was done (every tax row arrived,
# the focus reached the taxes pane).
set -eu
cd "$(dirname "$0")/.."
TOP=$(pwd)
BUILD=${BUILD:-build/bench}
ITEMS=10000
RUNS=5
while [ $# -gt 0 ]; do
	case $1 in
	-n) ITEMS=$2; shift 2 ;;
	-r) RUNS=$2; shift 2 ;;
	*) echo "usage: bench/bench_tui.sh [-n ITEMS] [-r RUNS]" >&2; exit 2 ;;
	esac
done
make --no-print-directory BUILD="$BUILD" SAN=0 COV=0 -j2 all
AFCQ=$TOP/$BUILD/afcq

TMP=$(mktemp -d -t afcq-bench-tui.XXXXXX)
trap 'rm -rf "$TMP"' EXIT INT TERM
mkdir -p "$TMP/user"
HOME=$TMP/user
XDG_CACHE_HOME=$TMP/user/.cache
XDG_CONFIG_HOME=$TMP/user/.config
XDG_DATA_HOME=$TMP/user/.local/share
AFCQ_NOW=2022-03-02
TERM=xterm
export HOME XDG_CACHE_HOME XDG_CONFIG_HOME XDG_DATA_HOME AFCQ_NOW TERM
unset LINES COLUMNS AFCQ_SCRIPT || true

# The request: charges 10.00 to 19.99, one item each.
awk -v n="$ITEMS" 'BEGIN {
	print "{ \"cmpn\": { \"bscl\": 0, \"svcl\": 0, \"fclt\": true, \"frch\": false, \"reg\": true },"
	print "  \"inv\": [ { \"doc\": \"BENCH-TUI\", \"cmmt\": false, \"bill\": { \"pcd\": 3726100 },"
	print "    \"cust\": 0, \"date\": \"2022-03-02\", \"invm\": true, \"dtl\": true, \"summ\": true,"
	print "    \"itms\": ["
	for (k = 0; k < n; k++)
		printf "      { \"ref\": \"item-%d\", \"chg\": %d.%02d, \"line\": 0, \"sale\": 1, \"tran\": 19, \"serv\": 6 }%s\n",
		       k, 10 + int((k % 1000) / 100), k % 100, (k + 1 < n ? "," : "")
	print "    ] } ] }"
}' >"$TMP/request.json"

# The script: one item heading plus 3 tax rows per item in the taxes pane.
ROWS=$((ITEMS * 4))
{
	echo "resize 160 50"
	echo "wait-idle"
	# the line-item grid of the form holding every item
	echo "key Down Down Down Down"
	echo "assert-state focus itms[0].ref"
	i=0; while [ $i -lt 50 ]; do printf 'mark gdn.start\nkey PgDn\nmark gdn.end\n'; i=$((i + 1)); done
	i=0; while [ $i -lt 10 ]; do
		printf 'mark gend.start\nkey End\nmark gend.end\nmark ghome.start\nkey Home\nmark ghome.end\n'
		i=$((i + 1))
	done
	echo "assert-state focus itms[0].ref"
	echo "mark f5.start"
	echo "key F5"
	echo "wait-idle"
	echo "mark f5.end"
	echo "dump-screen $TMP/quoted"
	echo "assert-state status ok"
	echo "assert-state taxrows $ROWS"
	echo "action ACT_NEXT_PANE"
	echo "assert-state focus taxes"
	i=0; while [ $i -lt 100 ]; do printf 'mark pgdn.start\nkey PgDn\nmark pgdn.end\n'; i=$((i + 1)); done
	i=0; while [ $i -lt 20 ]; do
		printf 'mark end.start\nkey End\nmark end.end\nmark home.start\nkey Home\nmark home.end\n'
		i=$((i + 1))
	done
	echo "key End"
	i=0; while [ $i -lt 50 ]; do printf 'mark pgup.start\nkey PgUp\nmark pgup.end\n'; i=$((i + 1)); done
	i=0; while [ $i -lt 10 ]; do
		printf 'mark resize.start\nresize 200 60\nmark resize.end\n'
		printf 'mark resize.start\nresize 160 50\nmark resize.end\n'
		i=$((i + 1))
	done
	# a second quote, the loop ticking (10 ms each) while it runs: the
	# longest gap between ticks is how long a key would wait
	echo "mark f5key.start"
	echo "key F5"
	echo "mark f5key.end"
	i=0; while [ $i -lt 200 ]; do printf 'mark tick\nsleep 10\n'; i=$((i + 1)); done
	echo "wait-idle"
	echo "assert-state taxrows $ROWS"
	echo "assert-state focus taxes"
	# the raw view of the answer (6.35 MB, pretty-printed)
	echo "mark raw.start"
	echo "key F9"
	echo "mark raw.end"
	echo "assert-state view raw"
	echo "key Esc"
	echo "quit"
} >"$TMP/script"

: >"$TMP/marks"
: >"$TMP/http"
run=1
while [ "$run" -le "$RUNS" ]; do
	if ! "$AFCQ" --sandbox --script "$TMP/script" "$TMP/request.json" \
		>/dev/null 2>"$TMP/err" </dev/null; then
		echo "bench_tui: run $run failed:" >&2
		grep -v '^mark ' "$TMP/err" | head -40 >&2
		exit 1
	fi
	grep '^mark ' "$TMP/err" >>"$TMP/marks"
	sed -n 's/.*quote OK \([0-9][0-9]*\) ms.*/\1/p' "$TMP/quoted" | head -1 >>"$TMP/http"
	run=$((run + 1))
done

echo "workstation, $ITEMS items ($((ITEMS * 3)) taxes, $ROWS rows in the taxes pane), $RUNS runs, 160x50 screen:"
# samples NAME: the durations of every NAME.start..NAME.end pair, one a line
samples() {
	awk -v n="$1" '$2 == n ".start" { t = $3 } $2 == n ".end" { printf "%.3f\n", $3 - t }' "$TMP/marks"
}
# report LABEL < samples: min and median (upper median for an even count)
report() {
	sort -n | awk -v l="$1" '{ v[NR] = $1 }
		END { if (NR) printf "  %-36s min %9.2f ms   median %9.2f ms   (%d samples)\n", l, v[1], v[int(NR / 2) + 1], NR }'
}
samples f5 | report "F5 to results shown"
report "  of which the request (status line)" <"$TMP/http"
# per run: F5 to results less that run's request time
samples f5 | paste - "$TMP/http" | awk '{ printf "%.3f\n", $1 - $2 }' |
	report "  the rest (beyond the request)"
samples f5key | report "F5 handled (until sent)"
samples gdn | report "PgDn in the item grid (form)"
samples gend | report "End in the item grid"
samples ghome | report "Home in the item grid"
samples pgdn | report "PgDn in the taxes pane"
samples pgup | report "PgUp near the end of the taxes pane"
samples end | report "End in the taxes pane"
samples home | report "Home in the taxes pane"
samples resize | report "resize and redraw (160x50 <-> 200x60)"
samples raw | report "F9: the raw view of the answer"
# the longest gap between consecutive ticks of each run
awk '$2 == "tick" { if (t && $3 - t - 10 > m) m = $3 - t - 10; t = $3 }
	$2 != "tick" && t { printf "%.3f\n", m; t = 0; m = 0 } END { if (t) printf "%.3f\n", m }' \
	"$TMP/marks" | report "longest input stall during a quote"
