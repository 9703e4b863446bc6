#!/bin/sh
# The history of a team's store in a real terminal at 80x24, filtered by
# the rep who sent the entries: u opens "Whose entries" over the history,
# each rep (user@host) with how many entries, whole on its row; the one
# picked lists only their entries and the key line says whose.
. tests/lib.sh
. tests/tui/lib/tmux.sh
. tests/pg_server.sh
tmux_require "tmux history by rep tests"
tmux_setup hu
pg_start || exit 1
# pg_server.sh's EXIT trap replaced tmux's: both go
trap 'tm_cleanup; pg_stop' EXIT
TEAM=$(pg_newdb team) || { fail tmux_history_user_newdb "cannot create a database"; exit 1; }
sandbox_start || exit 1
REQ="$FIX/requests/dallas.json"
mkdir -p "$T_TMP/rep/home" "$T_TMP/rep/config/afcq"
printf 'version = 1;\nstore = "%s";\n' "$TEAM" >"$T_TMP/rep/config/afcq/config"
for r in rep-a rep-a rep-c; do
	env HOME="$T_TMP/rep/home" XDG_CONFIG_HOME="$T_TMP/rep/config" XDG_DATA_HOME="$T_TMP/rep/data" \
		XDG_STATE_HOME="$T_TMP/rep/state" USER=$r \
		"$AFCQ" --endpoint "$SB_URL" quote "$REQ" >/dev/null 2>&1
done
ENV="HOME='$T_TMP/rep/home' XDG_CONFIG_HOME='$T_TMP/rep/config' XDG_DATA_HOME='$T_TMP/rep/data' XDG_STATE_HOME='$T_TMP/rep/state' USER=rep-t PGPASSWORD='$PG_PASSWORD'"
TM_AFCQ_ARGS="--endpoint '$SB_URL'" tmux_start_afcq tmux_history_user_started "$ENV"
host=$(uname -n)

keys F8
see tmux_history_user_history "nothing sent yet" 10
keys u
see tmux_history_user_dialog "Whose entries" 10
check tmux_history_user_every "every rep's entries (3)"
cap
if grep -qE "rep-a@$host +2 entries" "$SCREEN" && grep -qE "rep-c@$host +1 entry" "$SCREEN"; then
	pass tmux_history_user_reps_whole
else
	fail tmux_history_user_reps_whole "$(cat "$SCREEN")"
fi
check tmux_history_user_hint "Enter lists that rep's entries"
keys Down Down Enter
see tmux_history_user_listed " 1 entry by rep-c  Enter results" 10
cap
if grep -q "rep-a" "$SCREEN"; then fail tmux_history_user_only_theirs "$(cat "$SCREEN")"
else pass tmux_history_user_only_theirs; fi
case "$(sed -n 24p "$SCREEN")" in
F1Help*F10Quit*) pass tmux_history_user_keybar_stays ;;
*) fail tmux_history_user_keybar_stays "$(cat "$SCREEN")" ;;
esac
keys Escape
see tmux_history_user_closed "Bill-to PCode" 10
keys F10
keys "echo rc=\$?" Enter
see tmux_history_user_quit "rc=0" 20
