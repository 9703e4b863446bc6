#!/bin/sh
# The customer in history: a quote made with afcq quote --customer carries
# the customer's name, account and uid; afcq history shows it in its list
# (table, CSV, JSON) and in show, and afcq history --customer TEXT lists
# only the entries made for a customer whose name or account has TEXT's
# words, as the book finds them (accents or none); a quote from a request
# file has no customer and is never found by one.  The name stays out of
# the log.  Real sandbox on a loopback port, real SQLite files.
. "${AFCQ_TOP:-.}/tests/lib.sh"
. "$AFCQ_TOP/tests/cli/lib/cli.sh"

sandbox_start --now 2022-03-15 || exit 1
export AFCQ_NOW=2022-03-02
"$AFCQ" products import "$FIX/book/products.json" >/dev/null 2>&1
printf 'name,account,phone,pcode,cust,lifeline,products\n' >"$T_TMP/c.csv"
printf 'José Smith,ACME-0042,214 555 0101,3726100,0,yes,VoIP residential line\n' >>"$T_TMP/c.csv"
printf 'Dallas Home Two,D-2,214 555 0102,3726100,0,no,VoIP residential line\n' >>"$T_TMP/c.csv"
"$AFCQ" customers import "$T_TMP/c.csv" >/dev/null 2>&1

expect_rc "a quote without a customer" 0 "$AFCQ" quote -e "$SB_URL" "$REQ/dallas.json"
expect_rc "before: no entry has a customer" 0 "$AFCQ" history --customer smith
expect_grep "before: says none was found" "$OUT" "No entry made for a customer whose name or account has 'smith'"
expect_rc "quote --customer" 0 "$AFCQ" quote -e "$SB_URL" --customer "jose smith"
expect_rc "quote --customer, another" 0 "$AFCQ" quote -e "$SB_URL" --customer D-2

expect_rc "history list" 0 "$AFCQ" history
expect_line "the list has a Customer column" "$OUT" ".*Outcome +Customer$"
expect_line "the list names the customer and account" "$OUT" ".* ok +José Smith \\(ACME-0042\\)$"
expect_line "the other customer" "$OUT" ".* ok +Dallas Home Two \\(D-2\\)$"

expect_rc "history --customer by a name word without its accent" 0 "$AFCQ" history --customer jose
expect_grep "found by jose" "$OUT" "José Smith (ACME-0042)"
if grep -q "Dallas Home Two" "$OUT" || [ "$(grep -c ' quote ' "$OUT")" != 1 ]; then
	fail "only that customer's entry" "$(cat "$OUT")"
else
	pass "only that customer's entry"
fi
expect_rc "history --customer with the accent and a second word" 0 "$AFCQ" history list --customer "José SMI"
expect_grep "found by José SMI" "$OUT" "José Smith"
expect_rc "history --customer by the account's digits" 0 "$AFCQ" history --customer 0042
expect_grep "found by 0042" "$OUT" "José Smith"
expect_rc "history --customer by the account" 0 "$AFCQ" history --customer d-2
expect_grep "found by d-2" "$OUT" "Dallas Home Two"
expect_rc "history --customer finding nothing" 0 "$AFCQ" history --customer "jose dallas"
expect_grep "nothing found is said" "$OUT" "No entry made for a customer"

expect_rc "history --customer CSV" 0 "$AFCQ" history -f csv --customer smith
expect_line "CSV header names the customer columns" "$OUT" "id,.*,customer,customer_account$"
expect_line "CSV row" "$OUT" '[0-9]*,.*,José Smith,ACME-0042$'
expect_eq "CSV: one entry" 2 "$(wc -l <"$OUT" | tr -d ' ')"
expect_rc "history --customer JSON" 0 "$AFCQ" history -f json --customer smith
expect_eq "JSON customer" "José Smith" "$(json_get "$OUT" '$[0].customer')"
expect_eq "JSON account" "ACME-0042" "$(json_get "$OUT" '$[0].customer_account')"
id=$(json_get "$OUT" '$[0].id')
expect_rc "history show" 0 "$AFCQ" history show "$id"
expect_line "show names the customer" "$OUT" "customer  José Smith"
expect_line "show names the account" "$OUT" "account   ACME-0042"
expect_line "show gives the book's uid" "$OUT" "^uid       [0-9a-f]"
expect_rc "show with --customer is refused" 2 "$AFCQ" history show "$id" --customer smith
expect_grep "the refusal says why" "$ERR" "history show: --customer goes with list"

# personal data stays out of the log below debug
if grep -qE "Smith|Dallas Home" "$XDG_STATE_HOME/afcq/afcq.log" 2>/dev/null; then
	fail "customer names stay out of the log" "$(grep -E "Smith|Dallas Home" "$XDG_STATE_HOME/afcq/afcq.log" | head -3)"
else
	pass "customer names stay out of the log"
fi
