#!/bin/sh
# bench/bench_start.sh [-r RUNS] - how long the workstation takes to show
# its first screen, against the least a curses program takes.
#
# Builds afcq and afcq-sandbox without sanitizers (BUILD=build/bench by
# default) and two helpers with the Makefile's flags: bench/first_frame.c
# (runs a command on a fresh 80x24 pseudo-terminal and times it from the
# fork until a marker text has been written, and until it has exited) and
# bench/nc_floor.c (curses started, a box and a line drawn, ended).  Then
# times, RUNS times each (20 by default), in a temporary HOME with no
# configuration:
#
#   floor              nc_floor: initscr, one screen, endwin
#   floor + libraries  the same program linked with every library afcq
#                      links (--no-as-needed, so each is loaded)
#   afcq -e URL        the workstation on an afcq-sandbox started here,
#                      its first screen ending with the key bar's "Quit";
#                      a script of one line ("quit") ends it at once
#   afcq --sandbox     the same, starting the bundled sandbox itself
#
# A first run of each workstation line fills the T/S catalog cache, as any
# earlier session would have.  A benchmark, never a test: nothing is
# compared with a limit.
set -eu
cd "$(dirname "$0")/.."
TOP=$(pwd)
BUILD=${BUILD:-build/bench}
RUNS=20
while [ $# -gt 0 ]; do
	case $1 in
	-r) RUNS=$2; shift 2 ;;
	*) echo "usage: bench/bench_start.sh [-r RUNS]" >&2; exit 2 ;;
	esac
done
make --no-print-directory BUILD="$BUILD" SAN=0 COV=0 -j2 all
make --no-print-directory BUILD="$BUILD" SAN=0 COV=0 \
	--eval='$(BUILD)/first_frame: bench/first_frame.c ; $(CC) $(BASE_CFLAGS) -o $@ $< -lutil' \
	--eval='$(BUILD)/nc_floor: bench/nc_floor.c ; $(CC) $(BASE_CFLAGS) $(call pkg_cflags,ncursesw) -o $@ $< $(call pkg_libs,ncursesw)' \
	--eval='$(BUILD)/nc_floor_libs: bench/nc_floor.c ; $(CC) $(TUI_CFLAGS) -o $@ $< -Wl,--no-as-needed $(TUI_LIBS) $(CORE_LIBS) -Wl,--as-needed' \
	"$BUILD/first_frame" "$BUILD/nc_floor" "$BUILD/nc_floor_libs"
FF=$TOP/$BUILD/first_frame
AFCQ=$TOP/$BUILD/afcq

TMP=$(mktemp -d -t afcq-bench-start.XXXXXX)
SB_PID=""
cleanup() {
	[ -n "$SB_PID" ] && kill "$SB_PID" 2>/dev/null && wait "$SB_PID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM
mkdir -p "$TMP/user"
HOME=$TMP/user
XDG_CACHE_HOME=$TMP/user/.cache
XDG_CONFIG_HOME=$TMP/user/.config
XDG_DATA_HOME=$TMP/user/.local/share
XDG_STATE_HOME=$TMP/user/.local/state
TERM=xterm
export HOME XDG_CACHE_HOME XDG_CONFIG_HOME XDG_DATA_HOME XDG_STATE_HOME TERM
unset LINES COLUMNS AFCQ_SCRIPT AFCQ_CONFIG NO_COLOR || true
echo quit >"$TMP/quit"
# the first runs wait for the T/S catalog, which fills its cache
printf 'wait-idle\nquit\n' >"$TMP/fill"

"$TOP/$BUILD/afcq-sandbox" --listen 127.0.0.1:0 >"$TMP/sandbox.out" 2>/dev/null &
SB_PID=$!
i=0
while ! grep -q '^listening on ' "$TMP/sandbox.out" 2>/dev/null; do
	i=$((i + 1))
	[ $i -gt 100 ] && { echo "bench_start: the sandbox did not start" >&2; exit 1; }
	sleep 0.1
done
URL=$(sed -n 's/^listening on //p' "$TMP/sandbox.out" | head -1)

"$FF" -r 1 -m Quit "$AFCQ" -e "$URL" --script "$TMP/fill" >/dev/null
"$FF" -r 1 -m Quit "$AFCQ" --sandbox --script "$TMP/fill" >/dev/null

echo "first screen on an 80x24 pseudo-terminal, $RUNS runs each (ms from the fork):"
printf '  %-22s ' "floor (nc_floor)"
"$FF" -r "$RUNS" -m "floor" "$TOP/$BUILD/nc_floor"
printf '  %-22s ' "floor + libraries"
"$FF" -r "$RUNS" -m "floor" "$TOP/$BUILD/nc_floor_libs"
printf '  %-22s ' "afcq -e URL"
"$FF" -r "$RUNS" -m Quit "$AFCQ" -e "$URL" --script "$TMP/quit"
printf '  %-22s ' "afcq --sandbox"
"$FF" -r "$RUNS" -m Quit "$AFCQ" --sandbox --script "$TMP/quit"
