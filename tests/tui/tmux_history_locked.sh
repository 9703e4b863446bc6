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
history_lock "locked_lock_held" "$HIST"
keys F5
# (history waits for the lock a while before giving up)
see locked_quote_said_not_in_history "Quote: total due 19.78 - not in history: its file cannot be written" 30
history_unlock
keys F10
keys "echo rc=\$?" Enter
see locked_quit_exit_0 "rc=0" 10
