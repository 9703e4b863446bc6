#!/bin/sh
# The history of a team's store (a private PostgreSQL server started here)
# filtered by the rep who sent the entries: u offers the reps who sent the
# team's entries, each with how many, and lists the entries of the one
# picked; A goes back to one's own; Esc leaves the list as it was.  A
# history that is one's own file says there is no one else's to pick.
. "${AFCQ_TOP:-.}/tests/lib.sh"
. "$AFCQ_TOP/tests/tui/tui_lib"
. "$AFCQ_TOP/tests/pg_server.sh"

pg_start || exit 1
TEAM=$(pg_newdb team) || { fail history_user_newdb "cannot create a database"; exit 1; }
sandbox_start --now 2022-03-15 || exit 1
DALLAS="$FIX/requests/dallas.json"

# as REP CMD...: runs CMD as rep-REP, with a HOME of their own on the team's store
as() {
	d="$T_TMP/$1"
	mkdir -p "$d/home" "$d/config/afcq"
	printf 'version = 1;\nstore = "%s";\n' "$TEAM" >"$d/config/afcq/config"
	r=$1
	shift
	HOME="$d/home" XDG_CONFIG_HOME="$d/config" XDG_DATA_HOME="$d/data" \
		XDG_STATE_HOME="$d/state" USER="rep-$r" "$@"
}
for r in a a c b; do
	as $r "$AFCQ" --endpoint "$SB_URL" quote "$DALLAS" >/dev/null 2>"$ERR" ||
		fail history_user_quotes "rep-$r: $(cat "$ERR")"
done

cat >"$T_TMP/pick.script" <<'SCRIPT'
wait-idle
key F8
assert-state view history
assert-screen " 1 entry  Enter results  l load  / find  u one rep  A every rep's  Esc back"
key u
assert-state view pick
assert-screen "Whose entries"
assert-screen "every rep's entries (4)"
assert-screen "2 entries"
assert-screen "Enter lists that rep's entries"
key Down Down Down
key Enter
assert-state view history
assert-screen " 1 entry by rep-c  Enter results"
assert-screen "rep-c"
assert-not-screen "rep-a"
assert-not-screen "rep-b"
# the one picked is offered selected; Esc keeps the list
key u
assert-state view pick
key Esc
assert-state view history
assert-screen " 1 entry by rep-c"
key u
key Up Up
key Enter
assert-screen " 2 entries by rep-a"
assert-not-screen "rep-c"
# every rep's again, then one's own
key u
key Home
key Enter
assert-state message "history: every rep's entries"
assert-screen " 4 entries  Enter results"
assert-screen "rep-a"
assert-screen "rep-c"
key A
assert-state message "history: your entries"
assert-screen " 1 entry  Enter results"
assert-not-screen "rep-a"
SCRIPT
if as b "$AFCQ" --endpoint "$SB_URL" --script "$T_TMP/pick.script" >"$OUT" 2>"$ERR" </dev/null; then
	pass history_user_picked
else
	fail history_user_picked "$(head -c 2500 "$ERR")"
fi
host=$(as b "$AFCQ" history --all 2>/dev/null | grep -o 'rep-c@[^ ]*' | head -1)
printf 'wait-idle\nkey F8\nkey u\nkey Down Down Down\nkey Enter\nassert-state message "history: the 1 entry %s sent"\n' \
	"$host" >"$T_TMP/said.script"
if [ -n "$host" ] && as b "$AFCQ" --endpoint "$SB_URL" --script "$T_TMP/said.script" >"$OUT" 2>"$ERR" </dev/null; then
	pass history_user_said
else
	fail history_user_said "host '$host': $(head -c 2500 "$ERR")"
fi

# one's own file: no one else's entries to pick
run_script history_user_file_is_yours <<'SCRIPT'
wait-idle
key F8
assert-state view history
key u
assert-state view history
assert-state message "this history is yours alone: a team's store (config key store) shares one"
SCRIPT
