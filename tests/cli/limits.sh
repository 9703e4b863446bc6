#!/bin/sh
# Local limits and local failures: a request file or stdin larger than the
# service accepts (64 MB) is refused before it is read to the end (exit 2,
# with a message), and a broken or locked history file is a local store
# failure (exit 5), not a network one (4).
. "${AFCQ_TOP:-.}/tests/lib.sh"
. "$AFCQ_TOP/tests/cli/lib/cli.sh"
NOWHERE=http://127.0.0.1:9

# ---- sizes ----------------------------------------------------------------
if expect_rc "endless request file exits 2" 2 "$AFCQ" quote -e "$NOWHERE" /dev/zero; then
	expect_grep "endless file: says the limit" "$ERR" \
		"afcq: /dev/zero: larger than 64 MB, the most the service accepts in one request"
fi
head -c 67108865 /dev/zero >"$T_TMP/big.json"
expect_rc "a file one byte over 64 MB exits 2" 2 "$AFCQ" quote -e "$NOWHERE" "$T_TMP/big.json"
if expect_rc "stdin over 64 MB exits 2" 2 sh -c "'$AFCQ' quote -e $NOWHERE - <'$T_TMP/big.json'"; then
	expect_grep "stdin: says the limit" "$ERR" "afcq: (stdin): larger than 64 MB"
fi
# exactly 64 MB is read (and then found not to be JSON)
head -c 67108864 /dev/zero | tr '\0' ' ' >"$T_TMP/big.json"
if expect_rc "a 64 MB file is read" 2 "$AFCQ" quote -e "$NOWHERE" "$T_TMP/big.json"; then
	if grep -q "larger than 64 MB" "$ERR"; then fail "a 64 MB file is within the limit" "$(cat "$ERR")"
	else pass "a 64 MB file is within the limit"; fi
fi
rm -f "$T_TMP/big.json"

# ---- the history store --------------------------------------------------------
HIST="$XDG_STATE_HOME/afcq/history.sqlite"
mkdir -p "$XDG_STATE_HOME/afcq"
printf 'this is not an SQLite file, just garbage of a sort %.0s' 1 2 3 4 5 6 7 8 >"$HIST"
if expect_rc "garbage history file: history exits 5" 5 "$AFCQ" history; then
	expect_grep "garbage history file: names the file" "$ERR" "afcq: $HIST"
fi
expect_rc "garbage history file: invoice exits 5" 5 "$AFCQ" invoice -e "$NOWHERE" --number INV-1 \
	"$REQ/dallas.json"
expect_rc "garbage history file: resolve exits 5" 5 "$AFCQ" resolve -e "$NOWHERE"
rm -f "$HIST"

# locked: another program holds the write lock (sqlite3 on a pipe we keep open)
"$AFCQ" history >/dev/null 2>&1   # a good, empty store
mkfifo "$T_TMP/sql"
sqlite3 -bail "$HIST" <"$T_TMP/sql" >"$T_TMP/holder.out" 2>&1 &
holder=$!
exec 9>"$T_TMP/sql"
# (.timeout: the probe below may hold its lock at the moment the holder asks)
printf '.timeout 20000\nBEGIN EXCLUSIVE; INSERT INTO requests (time) VALUES (1);\nSELECT 42424242;\n' >&9
n=0
# wait (30 s at most, a loaded machine is slow to start sqlite3) until the
# holder says it has the lock: a probe that finds the file busy proves
# nothing, the workstation may be writing at that moment
while ! grep -q 42424242 "$T_TMP/holder.out" 2>/dev/null && [ $n -lt 600 ]; do
	sleep 0.05; n=$((n + 1))
done
[ $n -lt 600 ] || fail "locked history file: the test's lock is held" "sqlite3 never took it"
if expect_rc "locked history file: invoice exits 5" 5 "$AFCQ" invoice -e "$NOWHERE" --number INV-1 \
	"$REQ/dallas.json"; then
	expect_grep "locked history file: says why" "$ERR" "locked"
fi
exec 9>&-
wait "$holder" 2>/dev/null
expect_rc "history usable again once released" 0 "$AFCQ" history
