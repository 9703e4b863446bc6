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
history_lock "locked history file: the test's lock is held" "$HIST"
if expect_rc "locked history file: invoice exits 5" 5 "$AFCQ" invoice -e "$NOWHERE" --number INV-1 \
	"$REQ/dallas.json"; then
	expect_grep "locked history file: says why" "$ERR" "locked"
fi
history_unlock
expect_rc "history usable again once released" 0 "$AFCQ" history
