#!/bin/sh
# A team on one PostgreSQL store: two reps, each with a HOME of their own
# and the same `store` in their configuration, on a private server started
# here.  A customer one adds the other finds; a conflicting edit is
# reported with who changed it; a document code already in the team's
# journal is refused before anything is sent; an unknown outcome is the
# team's; history shows one's own entries, --all everyone's; store copy
# moves a local book and journal, and twice adds nothing; a store that
# cannot be reached is named with its cause, never with a password.
. "${AFCQ_TOP:-.}/tests/lib.sh"
. "$AFCQ_TOP/tests/cli/lib/cli.sh"
. "$AFCQ_TOP/tests/pg_server.sh"

pg_start || exit 1
TEAM=$(pg_newdb team) || { fail team_newdb "cannot create a database"; exit 1; }
DOCS="$T_TMP/documents.sqlite"
sandbox_start --now 2022-03-15 --store "$DOCS" || exit 1

# rep NAME: a HOME, XDG folders and a configuration naming the team store.
rep_setup() {
	d="$T_TMP/$1"
	mkdir -p "$d/home" "$d/config/afcq"
	printf 'version = 1;\nstore = "%s";\n' "$2" >"$d/config/afcq/config"
}
rep_setup a "$TEAM"
rep_setup b "$TEAM"
# as REP CMD...: runs CMD as that rep (their HOME, their user name).
as() {
	d="$T_TMP/$1"
	r=$1
	shift
	HOME="$d/home" XDG_CONFIG_HOME="$d/config" XDG_DATA_HOME="$d/data" \
		XDG_STATE_HOME="$d/state" USER="rep-$r" "$@"
}

# ---- the setting ---------------------------------------------------------------
mkdir -p "$T_TMP/pw/afcq"
printf 'version = 1;\nstore = "postgresql://rep:hunter2-secret@127.0.0.1:%s/team";\n' "$PG_PORT" \
	>"$T_TMP/pw/afcq/config"
if expect_rc team_password_in_setting_refused 3 env XDG_CONFIG_HOME="$T_TMP/pw" "$AFCQ" check-config; then
	expect_grep team_password_refusal_says_why "$ERR" "store: must not hold a password"
	if grep -q hunter2 "$ERR" "$OUT"; then fail team_password_not_repeated "$(cat "$ERR")"
	else pass team_password_not_repeated; fi
fi

# ---- customers: one adds, the other finds ----------------------------------------
expect_rc team_rep_a_adds_customer 0 as a "$AFCQ" customers add --name "Acme Widgets" \
	--account ACC-9 --phone "(214) 555-0100" --pcode 3726100
expect_rc team_rep_b_finds_customer 0 as b "$AFCQ" customers list 2145550100
expect_grep team_rep_b_sees_the_name "$OUT" "Acme Widgets"
if [ -s "$ERR" ]; then fail team_server_notices_not_shown "$(cat "$ERR")"
else pass team_server_notices_not_shown; fi
if [ -e "$T_TMP/a/data/afcq/book.sqlite" ] || [ -e "$T_TMP/b/data/afcq/book.sqlite" ]; then
	fail team_no_local_book "a local book file was written"
else
	pass team_no_local_book
fi

# A rep's role that may read and write the tables but not create any
# (the database's owner created them) works as well.
pg_psql "$TEAM" "CREATE ROLE clerk LOGIN PASSWORD '$PG_PASSWORD';
	GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO clerk;
	GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO clerk" >/dev/null
rep_setup clerk "postgresql://clerk@127.0.0.1:$PG_PORT/team"
expect_rc team_plain_role_reads 0 as clerk "$AFCQ" customers list acme
expect_grep team_plain_role_finds "$OUT" "Acme Widgets"

# ---- a conflicting edit ------------------------------------------------------------
# Rep a's workstation loads the customer; rep b changes it (an import that
# matches the account); rep a's save is refused, naming rep b.
cat >"$T_TMP/b-change.csv" <<'CSV'
name,account,city
Acme Widgets,ACC-9,Plano
CSV
cat >"$T_TMP/a.script" <<SCRIPT
wait-idle
key C-p
type acme
assert-screen "1 found"
key Enter
assert-screen "Acme Widgets"
dump-screen $T_TMP/a-loaded
wait-file $T_TMP/b-saved
set-field lfln -
key C-p
key F2
key Enter
type y
wait-screen "The customer changed in the book"
assert-screen "changed by rep-b@"
dump-screen $T_TMP/a-conflict
SCRIPT
as a "$AFCQ" --endpoint "$SB_URL" --script "$T_TMP/a.script" "$FIX/requests/dallas.json" \
	>"$T_TMP/a.out" 2>"$T_TMP/a.err" </dev/null &
a_pid=$!
n=0
while [ ! -e "$T_TMP/a-loaded" ] && kill -0 "$a_pid" 2>/dev/null && [ $n -lt 600 ]; do
	sleep 0.05
	n=$((n + 1))
done
as b "$AFCQ" customers import "$T_TMP/b-change.csv" >"$T_TMP/b.out" 2>&1
touch "$T_TMP/b-saved"
if wait "$a_pid"; then pass team_conflicting_edit_reported
else fail team_conflicting_edit_reported "$(head -c 2000 "$T_TMP/a.err") / $(cat "$T_TMP/b.out")"; fi
as a "$AFCQ" customers list acme -f json >"$OUT" 2>"$ERR"
expect_grep team_conflict_kept_the_other_edit "$OUT" "Plano"

# ---- document codes are the team's -----------------------------------------------------
expect_rc team_rep_a_invoices 0 as a "$AFCQ" invoice -e "$SB_URL" --number INV-A1 \
	--doc TEAM-DOC-1 "$REQ/dallas.json"
if expect_rc team_same_code_refused 2 as b "$AFCQ" invoice -e "$SB_URL" --number INV-B1 \
	--doc TEAM-DOC-1 "$REQ/dallas.json"; then
	expect_grep team_same_code_says_why "$ERR" "TEAM-DOC-1"
fi
expect_eq team_same_code_nothing_sent 0 "$(sandbox_docs "$DOCS" INV-B1)"
# The database itself holds the line: a second invoice row with the code
# cannot be written, whatever a workstation checked before.
if pg_psql "$TEAM" "INSERT INTO journal (time, kind, doc) VALUES ('x', 'invoice', 'TEAM-DOC-1')" \
	>/dev/null 2>&1; then
	fail team_database_refuses_duplicate_code "the insert went through"
else
	pass team_database_refuses_duplicate_code
fi

# ---- the journal: who sent what -----------------------------------------------------------
expect_rc team_rep_b_quotes 0 as b "$AFCQ" quote -e "$SB_URL" "$REQ/dallas.json"
as b "$AFCQ" history >"$OUT" 2>"$ERR"
if grep -q "TEAM-DOC-1" "$OUT"; then fail team_history_own_by_default "rep a's invoice listed: $(cat "$OUT")"
else pass team_history_own_by_default; fi
expect_grep team_history_names_sender "$OUT" "rep-b@"
as b "$AFCQ" history --all >"$OUT" 2>"$ERR"
expect_grep team_history_all_shows_team "$OUT" "TEAM-DOC-1"
expect_grep team_history_all_names_rep_a "$OUT" "rep-a@"
as b "$AFCQ" history --all -f csv >"$OUT" 2>"$ERR"
expect_line team_history_csv_by "$OUT" "^[0-9]+,.*,TEAM-DOC-1,.*,rep-a@[^,]*$"
as b "$AFCQ" history --all -f json >"$OUT" 2>"$ERR"
expect_grep team_history_json_by "$OUT" '"by": "rep-a@'

# The workstation's history: one's own entries, A every rep's, with who.
cat >"$T_TMP/b-history.script" <<'SCRIPT'
key F8
assert-state view history
assert-screen "By"
assert-screen "rep-b"
assert-not-screen "rep-a"
assert-not-screen "invoice"
key A
assert-state message "every rep's entries"
assert-screen "rep-a"
assert-screen "invoice"
key A
assert-not-screen "rep-a"
SCRIPT
if as b "$AFCQ" --endpoint "$SB_URL" --script "$T_TMP/b-history.script" >"$OUT" 2>"$ERR" </dev/null; then
	pass team_history_screen_filters_by_rep
else
	fail team_history_screen_filters_by_rep "$(head -c 2000 "$ERR")"
fi

# The workstation's quote is completed in the team's journal (its answer
# is recorded apart from the loop's connection): answered, with its total.
printf 'key F5\nwait-idle\nassert-state total 19.78\n' >"$T_TMP/b-quote.script"
if as b "$AFCQ" --endpoint "$SB_URL" --script "$T_TMP/b-quote.script" "$FIX/requests/dallas.json" \
	>"$OUT" 2>"$ERR" </dev/null; then
	pass team_workstation_quotes
	expect_eq team_workstation_quote_completed "1|19.78" \
		"$(pg_psql "$TEAM" "SELECT outcome, round(total::numeric, 2) FROM journal WHERE by_user LIKE 'rep-b@%' AND kind = 'quote' ORDER BY id DESC LIMIT 1")"
else
	fail team_workstation_quotes "$(head -c 2000 "$ERR")"
fi

# An unknown outcome (rep a's invoice never answered, as after a crash) is
# everyone's: listed for rep b, and its number refused to rep b.
pg_psql "$TEAM" "UPDATE journal SET outcome = 0 WHERE doc = 'TEAM-DOC-1'" >/dev/null
as b "$AFCQ" history >"$OUT" 2>"$ERR"
expect_grep team_unknown_outcome_visible_to_all "$OUT" "Outcome unknown"
if expect_rc team_unknown_outcome_blocks_number 2 as b "$AFCQ" invoice -e "$SB_URL" \
	--number INV-A1 "$REQ/dallas.json"; then
	expect_grep team_unknown_outcome_says_why "$ERR" "unknown outcome"
fi
pg_psql "$TEAM" "UPDATE journal SET outcome = 1 WHERE doc = 'TEAM-DOC-1'" >/dev/null

# ---- store copy ------------------------------------------------------------------------------
# Rep c worked alone: a local book and journal, then joins the team.
mkdir -p "$T_TMP/c/home"
expect_rc team_local_customer 0 as c "$AFCQ" customers add --name "Zed Local" --account ZL-1
printf '[{"name": "VoIP line", "itms": [{"chg": 15, "tran": 19, "serv": 6}]}]\n' >"$T_TMP/p.json"
expect_rc team_local_product 0 as c "$AFCQ" products import "$T_TMP/p.json"
expect_rc team_local_invoice 0 as c "$AFCQ" invoice -e "$SB_URL" --number INV-C1 --doc LOCAL-DOC-1 \
	"$REQ/dallas.json"
# copied by another OS user than the one who sent (an administrator's
# account): the team's journal says who sent it
if expect_rc team_store_copy 0 as c env USER=office-admin "$AFCQ" store copy --to "$TEAM"; then
	expect_grep team_store_copy_customers "$OUT" "customers  1 added, 0 already there"
	expect_grep team_store_copy_products "$OUT" "products   1 added, 0 already there"
	expect_grep team_store_copy_journal "$OUT" "journal    1 added, 0 already there"
fi
count() { pg_psql "$TEAM" "SELECT (SELECT count(*) FROM customers) || ' ' || (SELECT count(*) FROM products) || ' ' || (SELECT count(*) FROM journal)"; }
before=$(count)
if expect_rc team_store_copy_again 0 as c "$AFCQ" store copy --to "$TEAM"; then
	expect_grep team_store_copy_again_adds_nothing "$OUT" "customers  0 added, 1 already there"
	expect_grep team_store_copy_again_journal "$OUT" "journal    0 added, 1 already there"
fi
expect_eq team_store_copy_twice_same_rows "$before" "$(count)"
expect_eq team_store_copy_keeps_sender "rep-c" \
	"$(pg_psql "$TEAM" "SELECT split_part(by_user, '@', 1) FROM journal WHERE doc = 'LOCAL-DOC-1'")"
expect_rc team_copied_customer_found 0 as b "$AFCQ" customers list zed
expect_grep team_copied_customer_listed "$OUT" "Zed Local"
as b "$AFCQ" history --all >"$OUT" 2>"$ERR"
expect_grep team_copied_journal_entry "$OUT" "LOCAL-DOC-1"
# a copied document code stays the team's
expect_rc team_copied_code_refused 2 as b "$AFCQ" invoice -e "$SB_URL" --number INV-B9 \
	--doc LOCAL-DOC-1 "$REQ/dallas.json"
# A rep without a local book or journal: nothing to copy, no file made.
mkdir -p "$T_TMP/e/home"
if expect_rc team_store_copy_empty 0 as e "$AFCQ" store copy --to "$TEAM"; then
	expect_grep team_store_copy_empty_adds_nothing "$OUT" "customers  0 added, 0 already there"
	if [ -e "$T_TMP/e/data/afcq/book.sqlite" ]; then fail team_store_copy_reads_only "a book was created"
	else pass team_store_copy_reads_only; fi
fi
expect_rc team_store_copy_needs_url 2 as c "$AFCQ" store copy --to "$T_TMP/copy.sqlite"
if [ -e "$T_TMP/copy.sqlite" ]; then fail team_store_copy_file_not_made "a file was written"
else pass team_store_copy_file_not_made; fi

# ---- bad times ----------------------------------------------------------------------------------
DOWN="postgresql://afcq@127.0.0.1:1/team"
rep_setup down "$DOWN"
if expect_rc team_unreachable_invoice_refused 5 as down "$AFCQ" invoice -e "$SB_URL" \
	--number INV-D1 "$REQ/dallas.json"; then
	expect_grep team_unreachable_names_server "$ERR" "postgresql://afcq@127.0.0.1:1/team"
	expect_grep team_unreachable_names_cause "$ERR" "refused"
fi
expect_eq team_unreachable_nothing_sent 0 "$(sandbox_docs "$DOCS" INV-D1)"
# A quote still goes out, kept in the local history meanwhile.
if expect_rc team_unreachable_quote_goes_out 0 as down "$AFCQ" quote -e "$SB_URL" "$REQ/dallas.json"; then
	expect_grep team_unreachable_quote_warns "$ERR" "store unavailable"
	expect_eq team_unreachable_quote_kept_locally 1 \
		"$(sqlite3 "$T_TMP/down/state/afcq/offline.sqlite" "select count(*) from requests where kind = 'quote'")"
fi
# ...but an invoice never goes to a journal that is not the team's.
expect_rc team_unreachable_invoice_still_refused 5 as down "$AFCQ" invoice -e "$SB_URL" \
	--number INV-D2 "$REQ/dallas.json"
expect_eq team_unreachable_invoice_not_local 0 \
	"$(sqlite3 "$T_TMP/down/state/afcq/offline.sqlite" "select count(*) from requests where kind = 'invoice'")"
# The workstation still quotes, and says the store is unavailable.
cat >"$T_TMP/down.script" <<'SCRIPT'
wait-idle
assert-screen "store unavailable"
key F5
wait-idle
assert-state total 19.78
key F6
type INV-D3
key Enter
key Enter
wait-idle
assert-state message "not sent"
assert-state message "team's store is unavailable"
SCRIPT
if as down "$AFCQ" --endpoint "$SB_URL" --script "$T_TMP/down.script" "$FIX/requests/dallas.json" \
	>"$OUT" 2>"$ERR" </dev/null; then
	pass team_unreachable_workstation_quotes
else
	fail team_unreachable_workstation_quotes "$(head -c 2000 "$ERR")"
fi
expect_eq team_unreachable_workstation_invoice_not_sent 0 "$(sandbox_docs "$DOCS" INV-D3)"
expect_eq team_unreachable_workstation_quote_completed 2 \
	"$(sqlite3 "$T_TMP/down/state/afcq/offline.sqlite" "select count(*) from requests where kind = 'quote' and outcome = 1 and total > 19.77 and total < 19.79")"
# The kept quotes are being written to the team's journal when a command
# that still finds the store down keeps one more in the same file: held
# once the file's quotes are in the team's journal and before they leave
# the file (afcq-flushstep), the command runs, then the flush finishes.
# The late quote stays in the file for the next time: nothing lost.
offline_rows() {
	sqlite3 "$T_TMP/down/state/afcq/offline.sqlite" "select count(*) from requests$1"
}
team_quotes() {
	pg_psql "$TEAM" "SELECT count(*) FROM journal WHERE by_user LIKE 'rep-down@%' AND kind = 'quote'"
}
mkfifo "$T_TMP/flush.in"
as down "$AFCQ_TOP/$BUILD_DIR/tests/tools/afcq-flushstep" "$TEAM" <"$T_TMP/flush.in" \
	>"$T_TMP/flush.out" 2>"$T_TMP/flush.err" &
FLUSHER=$!
exec 8>"$T_TMP/flush.in"
n=0
while ! grep -q '^copied' "$T_TMP/flush.out" && kill -0 "$FLUSHER" 2>/dev/null && [ $n -lt 600 ]; do
	sleep 0.05; n=$((n + 1))
done
expect_grep team_flush_held_after_copying "$T_TMP/flush.out" "copied 2"
expect_rc team_flush_meanwhile_quote_goes_out 0 as down "$AFCQ" quote -e "$SB_URL" "$REQ/dallas.json"
expect_eq team_flush_meanwhile_quote_kept 3 "$(offline_rows " where kind = 'quote'")"
echo go >&8
exec 8>&-
if wait "$FLUSHER"; then pass team_flush_finishes
else fail team_flush_finishes "$(cat "$T_TMP/flush.out" "$T_TMP/flush.err")"; fi
expect_eq team_flush_wrote_the_kept_quotes 2 "$(team_quotes)"
expect_eq team_flush_late_quote_left_in_file 1 "$(offline_rows " where outcome = 1 and total > 19.77")"
# Two quotes recorded and never answered: one just now (another program
# may still be waiting for its answer) and one long ago (its program died).
sqlite3 "$T_TMP/down/state/afcq/offline.sqlite" "INSERT INTO requests (time, kind, outcome, detail)
	VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'quote', 0, 'waiting'),
	('2022-03-15T10:00:00Z', 'quote', 0, 'died')"
# The store is back for the rep: the quotes kept meanwhile go into the
# team's journal too, under the rep who sent them, and leave the file; the
# one still waiting stays there until it is answered.
rep_setup down "$TEAM"
expect_rc team_back_history 0 as down "$AFCQ" history
expect_eq team_back_offline_quotes_written 4 "$(team_quotes)"
expect_eq team_back_unanswered_long_ago_written 1 \
	"$(pg_psql "$TEAM" "SELECT count(*) FROM journal WHERE detail = 'died' AND outcome = 0")"
expect_eq team_back_offline_file_emptied 0 "$(offline_rows " where detail is null or detail <> 'waiting'")"
expect_eq team_back_waiting_quote_stays 1 "$(offline_rows " where detail = 'waiting'")"
expect_rc team_back_history_again 0 as down "$AFCQ" history
expect_eq team_back_offline_quotes_once 4 "$(team_quotes)"
# ---- a server that hangs, or whose schema another session keeps locked ---------------------
# Opening gives up within seconds, naming the server and what to do; a
# quote goes out all the same, kept locally.  (timeout only ends a command
# that would otherwise never return; nothing is measured.)
hang_case() {  # NAME URL REP
	rep_setup "$3" "$2"
	if expect_rc "$1_customers_refused" 5 timeout -k 5 120 sh -c \
		'HOME="$0/home" XDG_CONFIG_HOME="$0/config" XDG_DATA_HOME="$0/data" XDG_STATE_HOME="$0/state" USER="$2" "$1" customers list' \
		"$T_TMP/$3" "$AFCQ" "rep-$3"; then
		expect_grep "$1_names_server" "$ERR" "$2"
	fi
	cp "$ERR" "$T_TMP/$1.err"
	expect_rc "$1_quote_goes_out" 0 timeout -k 5 120 sh -c \
		'HOME="$0/home" XDG_CONFIG_HOME="$0/config" XDG_DATA_HOME="$0/data" XDG_STATE_HOME="$0/state" USER="$4" "$1" quote -e "$2" "$3"' \
		"$T_TMP/$3" "$AFCQ" "$SB_URL" "$REQ/dallas.json" "rep-$3"
	expect_grep "$1_quote_warns" "$ERR" "store unavailable"
}
if pg_hung_peer after-login; then
	hang_case team_hung_after_login "$HUNG_URL" hung
	expect_grep team_hung_after_login_says_why "$T_TMP/team_hung_after_login.err" \
		"cannot check the schema: no answer within 4 s (the server accepted the connection and then stopped answering; check that it is running and not overloaded"
	pg_hung_peer_stop
fi
if pg_hung_peer silent; then
	hang_case team_hung_silent "$HUNG_URL" silent
	expect_grep team_hung_silent_says_why "$T_TMP/team_hung_silent.err" \
		"timeout expired (nothing answered as a PostgreSQL server does; check the host and port"
	pg_hung_peer_stop
fi
# The schema's lock held by another session while the schema is behind
# this afcq's (an upgrade under way, or one stopped while opening): opening
# waits for it a few seconds, then says why.  (Lowered by one step here;
# the step is run again once the lock is let go.)
pg_psql "$TEAM" "UPDATE afcq_schema SET version = version - 1" >/dev/null
if pg_lock_schema "$TEAM"; then
	hang_case team_schema_locked "$TEAM" locked
	expect_grep team_schema_locked_says_why "$T_TMP/team_schema_locked.err" \
		"cannot open the store: schema lock busy (held by another session, an afcq upgrading the tables"
	expect_grep team_schema_locked_says_fix "$T_TMP/team_schema_locked.err" "pg_terminate_backend"
	pg_unlock_schema
	# the lock let go: the store opens, and the quote kept meanwhile is written
	expect_rc team_schema_unlocked_opens 0 as locked "$AFCQ" history --all
	expect_eq team_schema_unlocked_quote_written 1 \
		"$(pg_psql "$TEAM" "SELECT count(*) FROM journal WHERE by_user LIKE 'rep-locked@%' AND kind = 'quote'")"
else
	fail team_schema_lock_held "psql never took the lock: $(cat "$T_TMP/pglock.out")"
fi
# A schema at this version is read without the lock: held by another
# session, it keeps nobody waiting.
if pg_lock_schema "$TEAM"; then
	expect_rc team_schema_current_lock_held_opens 0 as locked timeout -k 5 120 \
		"$AFCQ" customers list
	if grep -q 'lock' "$ERR"; then fail team_schema_current_not_waited "$(cat "$ERR")"
	else pass team_schema_current_not_waited; fi
	pg_unlock_schema
else
	fail team_schema_lock_held_again "psql never took the lock: $(cat "$T_TMP/pglock.out")"
fi
# A wrong password: the server and libpq's cause, never the password.
if PGPASSWORD=wrong-pass-xyz as a "$AFCQ" customers list >"$OUT" 2>"$ERR"; then
	fail team_wrong_password_fails "exit 0"
else
	expect_grep team_wrong_password_names_cause "$ERR" "password authentication failed"
	if grep -q wrong-pass-xyz "$ERR"; then fail team_wrong_password_not_shown "$(cat "$ERR")"
	else pass team_wrong_password_not_shown; fi
fi
