#!/bin/sh
# The workstation on a team's store in a real terminal: started while the
# PostgreSQL server is down it quotes and says "store unavailable"; the
# server started, the status line says the store is back and the quote
# kept meanwhile is written to the team's journal; the server hung, the
# customer finder names it within a few seconds while keys still work, and
# its answering again is noticed.
. tests/lib.sh
. tests/tui/lib/tmux.sh
. tests/pg_server.sh
tmux_require "tmux team store tests"
tmux_setup ts
pg_start || exit 1
# pg_server.sh's EXIT trap replaced tmux's: both go
trap 'tm_cleanup; pg_stop' EXIT
TEAM=$(pg_newdb team) || { fail tmux_team_newdb "cannot create a database"; exit 1; }
sandbox_start || exit 1
REQ="$FIX/requests/dallas.json"
mkdir -p "$T_TMP/rep/home" "$T_TMP/rep/config/afcq"
printf 'version = 1;\nstore = "%s";\n' "$TEAM" >"$T_TMP/rep/config/afcq/config"
ENV="HOME='$T_TMP/rep/home' XDG_CONFIG_HOME='$T_TMP/rep/config' XDG_DATA_HOME='$T_TMP/rep/data' XDG_STATE_HOME='$T_TMP/rep/state' USER=rep-t PGPASSWORD='$PG_PASSWORD'"
env HOME="$T_TMP/rep/home" XDG_CONFIG_HOME="$T_TMP/rep/config" XDG_DATA_HOME="$T_TMP/rep/data" \
	XDG_STATE_HOME="$T_TMP/rep/state" USER=rep-t \
	"$AFCQ" customers add --name "Acme Widgets" --pcode 3726100 >/dev/null 2>&1

pg_halt
TM_AFCQ_ARGS="--endpoint '$SB_URL' '$REQ'" tmux_start_afcq tmux_team_started "$ENV"
see tmux_team_says_unavailable "store unavailable" 10
keys F5
see tmux_team_quotes_while_down "Total due 19.78" 20
pg_resume
see tmux_team_store_back "store back" 60
# whole on the 80-column line, what matters first
see tmux_team_kept_quote_written "store back: 1 quote kept while it was unavailable now in the team's journal" 30
cap
if grep -q "store unavailable" "$SCREEN"; then fail tmux_team_status_line_follows "$(cat "$SCREEN")"
else pass tmux_team_status_line_follows; fi
expect_n=$(pg_psql "$TEAM" "SELECT count(*) FROM journal WHERE kind = 'quote' AND by_user LIKE 'rep-t@%'")
if [ "$expect_n" -ge 1 ]; then pass tmux_team_quote_in_journal
else fail tmux_team_quote_in_journal "$expect_n quotes"; fi

# hung: the finder gives up naming the server; keys still work meanwhile
pg_freeze
keys C-p
keys a c m e
see tmux_team_hung_server_named "postgresql://afcq@127.0.0.1:$PG_PORT/team" 30
keys Escape
see tmux_team_hung_store_unavailable "store unavailable" 30
keys F5
see tmux_team_hung_quotes "Total due 19.78" 20
keys F1
see tmux_team_keys_work_while_retrying "Help (F1)" 10
keys Escape
pg_thaw
see tmux_team_hung_back "store back" 60
keys F10
keys "echo rc=\$?" Enter
see tmux_team_quit "rc=0" 20
