#!/bin/sh
# History that cannot take a quote mid-session (another program holds its
# write lock): the quote is answered and shown, and the message line says it
# is not in history, as the command line warns; an invoice is not sent.
. tests/lib.sh
. tests/tui/lib/tmux.sh
tmux_require "tmux history tests"
tmux_setup h
HIST="$XDG_STATE_HOME/afcq/history.sqlite"
TM_AFCQ_ARGS="--sandbox '$FIX/requests/dallas.json'" tmux_start_afcq locked_started
keys F5
see locked_first_quote "Quote: total due 19.78" 15
cap
if grep -q "not in history" "$SCREEN"; then fail locked_first_in_history "$(cat "$SCREEN")"
else pass locked_first_in_history; fi
# another program takes the write lock (sqlite3 on a pipe kept open)
mkfifo "$T_TMP/sql"
sqlite3 -bail "$HIST" <"$T_TMP/sql" >"$T_TMP/holder.out" 2>&1 &
holder=$!
exec 9>"$T_TMP/sql"
# (it waits its turn: the workstation may still be writing the first quote)
printf '.timeout 20000\nBEGIN EXCLUSIVE; INSERT INTO requests (time) VALUES (1);\nSELECT 42424242;\n' >&9
n=0
# wait (30 s at most, a loaded machine is slow to start sqlite3) until the
# holder says it has the lock: a probe that finds the file busy proves
# nothing, the workstation may be writing at that moment
while ! grep -q 42424242 "$T_TMP/holder.out" 2>/dev/null && [ $n -lt 600 ]; do
	sleep 0.05; n=$((n + 1))
done
[ $n -lt 600 ] || fail "locked_lock_held" "sqlite3 never took it"
keys F5
# (history waits for the lock a while before giving up)
see locked_quote_said_not_in_history "Quote: total due 19.78 - not in history: its file cannot be written" 30
exec 9>&-
wait "$holder" 2>/dev/null
keys F10
keys "echo rc=\$?" Enter
see locked_quit_exit_0 "rc=0" 10
