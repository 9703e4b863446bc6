# Shared helpers for the shell tests.  Source it; it sets up a temporary
# HOME (clock-free, config-free), finds the binaries and can start the
# sandbox on an ephemeral loopback port.
set -u
BUILD_DIR=${BUILD_DIR:-build}
AFCQ_TOP=${AFCQ_TOP:-$(pwd)}
AFCQ="$AFCQ_TOP/$BUILD_DIR/afcq"
SANDBOX_BIN="$AFCQ_TOP/$BUILD_DIR/afcq-sandbox"
FIX="$AFCQ_TOP/tests/fixtures"
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/afcq-t.XXXXXX")
export HOME="$T_TMP/home"
export XDG_STATE_HOME="$T_TMP/state"
export XDG_CONFIG_HOME="$T_TMP/config"
export XDG_DATA_HOME="$T_TMP/data"
export AFCQ_CONFIG=
unset NO_COLOR || true
mkdir -p "$HOME"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
SB_PID=""
SB_URL=""
PX_PID=""
PX_URL=""
PX_LOG="$T_TMP/proxy.log"

t_cleanup() {
	[ -n "$SB_PID" ] && kill "$SB_PID" 2>/dev/null && wait "$SB_PID" 2>/dev/null
	[ -n "$PX_PID" ] && kill "$PX_PID" 2>/dev/null && wait "$PX_PID" 2>/dev/null
	rm -rf "$T_TMP"
}
trap t_cleanup EXIT

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1${2:+: $2}"; }

# listening_url FILE PID: waits (5 s at most) for the "listening on URL"
# line a server started as PID writes first into FILE; prints URL, or
# returns 1 when the server stopped or never said it.
listening_url() {
	i=0
	while [ $i -lt 100 ]; do
		url=$(sed -n '1s/^listening on //p' "$1")
		[ -n "$url" ] && { echo "$url"; return 0; }
		kill -0 "$2" 2>/dev/null || break
		sleep 0.05; i=$((i + 1))
	done
	return 1
}

# sandbox_start [args...]: starts afcq-sandbox on 127.0.0.1:0 and sets SB_URL.
sandbox_start() {
	fifo="$T_TMP/sb.out"
	# Empty it first: the child opens it only after the fork, and a read
	# before that must not find the previous sandbox's URL.
	: >"$fifo"
	"$SANDBOX_BIN" --listen 127.0.0.1:0 "$@" >"$fifo" 2>"$T_TMP/sb.err" &
	SB_PID=$!
	SB_URL=$(listening_url "$fifo" "$SB_PID") && return 0
	echo "FAIL sandbox did not start: $(cat "$T_TMP/sb.err")"
	return 1
}

# sandbox_docs STORE INVN: how many documents the sandbox's --store file
# holds for the invoice number.
sandbox_docs() {
	sqlite3 "$1" "select count(*) from documents where answer like '%\"invn\":\"$2\"%'"
}

sandbox_stop() {
	[ -n "$SB_PID" ] && kill "$SB_PID" 2>/dev/null && wait "$SB_PID" 2>/dev/null
	SB_PID=""
}

# answers_proxy_start UPSTREAM: starts tests/cli/lib/lookup_proxy.py (python3) in
# front of UPSTREAM and sets PX (its URL), PX_RULES (answers to replace,
# read on every request: "PATH-SUFFIX STATUS BODY" lines) and PX_LOG (one
# "METHOD PATH" line per request).  Both files start empty.
answers_proxy_start() {
	PX_RULES="$T_TMP/proxy.rules"
	PX_LOG="$T_TMP/answers-proxy.log"
	: >"$PX_RULES"
	: >"$PX_LOG"
	: >"$T_TMP/answers-proxy.out"
	python3 "$AFCQ_TOP/tests/cli/lib/lookup_proxy.py" "$1" "$PX_RULES" "$PX_LOG" \
		>"$T_TMP/answers-proxy.out" 2>"$T_TMP/answers-proxy.err" &
	PX_PID=$!
	i=0
	while [ $i -lt 400 ]; do
		PX=$(sed -n '1s/^listening on //p' "$T_TMP/answers-proxy.out")
		[ -n "$PX" ] && return 0
		kill -0 "$PX_PID" 2>/dev/null || break
		sleep 0.05; i=$((i + 1))
	done
	echo "FAIL proxy did not start: $(cat "$T_TMP/answers-proxy.err")"
	return 1
}

# expect_rc NAME WANT CMD...: runs CMD, stdout to $OUT, stderr to $ERR.
OUT="$T_TMP/out"
ERR="$T_TMP/err"
expect_rc() {
	name=$1; want=$2; shift 2
	"$@" >"$OUT" 2>"$ERR"
	rc=$?
	if [ "$rc" -eq "$want" ]; then pass "$name"; return 0; fi
	fail "$name" "exit $rc, wanted $want; stderr: $(head -c 400 "$ERR")"
	return 1
}

# history_lock NAME FILE: another program (sqlite3 on a pipe kept open on
# fd 9) takes FILE's write lock and keeps it until history_unlock; FAIL
# NAME when it never got it.  The holder waits its turn (.timeout: afcq
# may be writing at that moment) and says when it holds the lock: a probe
# that finds the file busy would prove nothing.  30 s at most, as a loaded
# machine is slow to start sqlite3.
history_lock() {
	mkfifo "$T_TMP/lock.sql"
	sqlite3 -bail "$2" <"$T_TMP/lock.sql" >"$T_TMP/lock.out" 2>&1 &
	LOCK_HOLDER=$!
	exec 9>"$T_TMP/lock.sql"
	printf '.timeout 20000\nBEGIN EXCLUSIVE; INSERT INTO requests (time) VALUES (1);\nSELECT 42424242;\n' >&9
	n=0
	while ! grep -q 42424242 "$T_TMP/lock.out" 2>/dev/null && [ $n -lt 600 ]; do
		sleep 0.05; n=$((n + 1))
	done
	[ $n -lt 600 ] || fail "$1" "sqlite3 never took the lock: $(cat "$T_TMP/lock.out")"
}

# history_unlock: the holder of history_lock lets go and ends.
history_unlock() {
	exec 9>&-
	wait "$LOCK_HOLDER" 2>/dev/null
	rm -f "$T_TMP/lock.sql"
}

# json_sorted FILE: FILE's JSON written with sorted keys, one value per
# line, for comparing two answers (python3 is installed by set-up).
json_sorted() {
	python3 -c 'import json, sys; print(json.dumps(json.load(open(sys.argv[1])), sort_keys=True, indent=1))' "$1"
}

# expect_grep NAME FILE PATTERN: fixed-string search.
expect_grep() {
	if grep -qF -- "$3" "$2"; then pass "$1"; else fail "$1" "'$3' not in $(head -c 600 "$2")"; fi
}

# proxy_start [afcq-slowproxy options...]: a loopback proxy in front of the
# sandbox ($SB_URL) that holds CalcTaxes answers as told; sets PX_URL.  Its
# steps go to $PX_LOG (emptied here): wait for them with proxy_wait.
proxy_start() {
	: >"$PX_LOG"
	: >"$T_TMP/px.out"
	"$AFCQ_TOP/$BUILD_DIR/tests/tools/afcq-slowproxy" --upstream "$SB_URL" --log "$PX_LOG" "$@" \
		>"$T_TMP/px.out" 2>"$T_TMP/px.err" &
	PX_PID=$!
	PX_URL=$(listening_url "$T_TMP/px.out" "$PX_PID") && return 0
	echo "FAIL proxy did not start: $(cat "$T_TMP/px.err")"
	return 1
}

proxy_stop() {
	[ -n "$PX_PID" ] && kill "$PX_PID" 2>/dev/null && wait "$PX_PID" 2>/dev/null
	PX_PID=""
}

# proxy_wait TEXT [SECONDS]: until the proxy's log has a line holding TEXT
# ("answered 200 POST /api/v2/afc/CalcTaxes": the service has the request;
# "holding POST ...": it waits in the proxy).  30 s unless told; 1 if never.
proxy_wait() {
	n=0
	lim=$(( ${2:-30} * 20 ))
	while [ $n -lt $lim ]; do
		grep -qF -- "$1" "$PX_LOG" && return 0
		sleep 0.05
		n=$((n + 1))
	done
	return 1
}
