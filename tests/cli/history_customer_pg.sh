#!/bin/sh
# The customer in a team's journal (PostgreSQL, a private server started
# here): a quote made with afcq quote --customer carries the customer's
# name and account, found by afcq history --customer as the book finds
# them, as does an invoice made with afcq invoice --customer and the
# commit of its document; a journal of the schema before is upgraded keeping its entries
# (no customer), and a newer one is refused naming both versions; a
# local journal's customers go along with afcq store copy.
. "${AFCQ_TOP:-.}/tests/lib.sh"
. "$AFCQ_TOP/tests/cli/lib/cli.sh"
. "$AFCQ_TOP/tests/pg_server.sh"

pg_start || exit 1
TEAM=$(pg_newdb team) || { fail pg_newdb "cannot create a database"; exit 1; }
sandbox_start --now 2022-03-15 || exit 1
export AFCQ_NOW=2022-03-02

rep_setup() {
	d="$T_TMP/$1"
	mkdir -p "$d/home" "$d/config/afcq"
	[ -n "${2:-}" ] && printf 'version = 1;\nstore = "%s";\n' "$2" >"$d/config/afcq/config"
	return 0
}
as() {
	d="$T_TMP/$1"
	r=$1
	shift
	HOME="$d/home" XDG_CONFIG_HOME="$d/config" XDG_DATA_HOME="$d/data" \
		XDG_STATE_HOME="$d/state" USER="rep-$r" "$@"
}
rep_setup a "$TEAM"
printf 'name,account,phone,pcode,cust,lifeline,products\n' >"$T_TMP/c.csv"
printf 'José Smith,ACME-0042,214 555 0101,3726100,0,yes,VoIP residential line\n' >>"$T_TMP/c.csv"
printf 'Dallas Home Two,D-2,214 555 0102,3726100,0,no,VoIP residential line\n' >>"$T_TMP/c.csv"
as a "$AFCQ" products import "$FIX/book/products.json" >/dev/null 2>&1
as a "$AFCQ" customers import "$T_TMP/c.csv" >/dev/null 2>&1

# ---- upgrade: a journal of schema 4 keeps its entries ---------------------------------
expect_rc pg_quote_without_customer 0 as a "$AFCQ" quote -e "$SB_URL" "$REQ/dallas.json"
pg_psql "$TEAM" "ALTER TABLE journal DROP COLUMN customer, DROP COLUMN customer_account,
	DROP COLUMN customer_uid, DROP COLUMN customer_key; UPDATE afcq_schema SET version = 4" >/dev/null
expect_rc pg_old_journal_opens 0 as a "$AFCQ" history
expect_grep pg_old_entry_kept "$OUT" "CertTest4_1"
expect_eq pg_schema_upgraded 5 "$(pg_psql "$TEAM" "SELECT version FROM afcq_schema")"
expect_eq pg_old_entry_no_customer "t" "$(pg_psql "$TEAM" "SELECT customer IS NULL FROM journal WHERE invn = 'CertTest4_1'")"

# ---- a quote for a customer ---------------------------------------------------------
expect_rc pg_quote_customer 0 as a "$AFCQ" quote -e "$SB_URL" --customer "jose smith"
expect_rc pg_quote_customer_other 0 as a "$AFCQ" quote -e "$SB_URL" --customer D-2
expect_eq pg_journal_has_customer "José Smith|ACME-0042" \
	"$(pg_psql "$TEAM" "SELECT customer || '|' || customer_account FROM journal WHERE customer LIKE 'Jos%'")"
expect_eq pg_journal_has_uid "t" \
	"$(pg_psql "$TEAM" "SELECT j.customer_uid = c.uid FROM journal j JOIN customers c ON c.name = j.customer WHERE j.customer LIKE 'Jos%'")"
expect_rc pg_history_lists_customer 0 as a "$AFCQ" history
expect_line pg_history_customer_column "$OUT" "ok +rep-a@[^ ]+  José Smith \\(ACME-0042\\)$"
expect_rc pg_history_find_jose 0 as a "$AFCQ" history --customer jose
expect_grep pg_history_found_jose "$OUT" "José Smith"
if grep -q "Dallas Home Two\|CertTest4_1" "$OUT"; then fail pg_history_found_only_jose "$(cat "$OUT")"
else pass pg_history_found_only_jose; fi
expect_rc pg_history_find_account 0 as a "$AFCQ" history --customer 0042 -f csv
expect_line pg_history_found_by_account "$OUT" ",José Smith,ACME-0042$"
expect_rc pg_history_find_none 0 as a "$AFCQ" history --customer "smith dallas"
expect_grep pg_history_none_said "$OUT" "No entry made for a customer"
# another rep sees them with --all only, as every entry
rep_setup b "$TEAM"
expect_rc pg_other_rep_own 0 as b "$AFCQ" history --customer jose
expect_grep pg_other_rep_own_none "$OUT" "No entry made for a customer"
expect_rc pg_other_rep_all 0 as b "$AFCQ" history --all --customer jose
expect_grep pg_other_rep_all_finds "$OUT" "José Smith"
# an invoice for a customer, and its commit carrying that customer
expect_rc pg_invoice_customer 0 as a "$AFCQ" invoice -e "$SB_URL" --number INV-PG-1 --doc DOC-PG-1 \
	--customer "jose smith"
expect_rc pg_commit_customer_invoice 0 as a "$AFCQ" commit -e "$SB_URL" DOC-PG-1
expect_eq pg_invoice_and_commit_have_customer "commit|José Smith|ACME-0042
invoice|José Smith|ACME-0042" \
	"$(pg_psql "$TEAM" "SELECT kind || '|' || customer || '|' || customer_account FROM journal WHERE doc = 'DOC-PG-1' ORDER BY kind")"

# ---- a newer journal is refused ------------------------------------------------------
pg_psql "$TEAM" "UPDATE afcq_schema SET version = 6" >/dev/null
expect_rc pg_newer_refused 5 as a "$AFCQ" history
expect_grep pg_newer_names_versions "$ERR" "schema 6, this one knows 5"
pg_psql "$TEAM" "UPDATE afcq_schema SET version = 5" >/dev/null

# ---- store copy keeps the customer ------------------------------------------------------
rep_setup c
as c "$AFCQ" products import "$FIX/book/products.json" >/dev/null 2>&1
printf 'name,account,phone,pcode,cust,lifeline,products\nZed Müller,ZL-1,,3726100,0,no,VoIP residential line\n' >"$T_TMP/z.csv"
as c "$AFCQ" customers import "$T_TMP/z.csv" >/dev/null 2>&1
expect_rc pg_local_quote_customer 0 as c "$AFCQ" quote -e "$SB_URL" --customer zed
expect_rc pg_store_copy 0 as c "$AFCQ" store copy --to "$TEAM"
expect_rc pg_copied_found 0 as b "$AFCQ" history --all --customer muller
expect_grep pg_copied_entry_has_customer "$OUT" "Zed Müller (ZL-1)"
