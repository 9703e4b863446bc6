#!/bin/sh
# The API answers with errors for part of a request (a tax-included
# private line is refused at item level, its invoice fails): exit 1, the
# good invoice's results still printed in every format, each err entry on
# stderr with its place, no total for the failed invoice.
. "${AFCQ_TOP:-.}/tests/lib.sh"
. "$AFCQ_TOP/tests/cli/lib/cli.sh"

sandbox_start --now 2022-03-15 || exit 1
F="$REQ/partial_failure.json"

if expect_rc "partial failure csv exits 1" 1 "$AFCQ" quote -e "$SB_URL" -f csv "$F"; then
	expect_same "partial failure: good invoice rows all there" "$GOLD/dallas.csv" "$OUT"
	expect_grep "invoice error on stderr" "$ERR" "afcq: inv[1]: -1000 One or more LineItems failed."
	expect_grep "item error on stderr" "$ERR" "afcq: inv[1].itms[0]: -1000 Exception: The IsPrivateLine parameter is not supported for CalculateTaxInclusiveTaxes."
	expect_lines "one stderr line per err entry" "$ERR" 2
fi

if expect_rc "partial failure table exits 1" 1 "$AFCQ" quote -e "$SB_URL" "$F"; then
	expect_line "good invoice total due" "$OUT" "^ +Total due +19\.78$"
	expect_grep "failed invoice error shown" "$OUT" "  error -1000: One or more LineItems failed."
	expect_grep "failed item error shown" "$OUT" "    error -1000: Exception: The IsPrivateLine"
	expect_grep "no total for the failed invoice" "$OUT" "not shown: the answer holds errors"
	expect_grep "all invoices: failed one left out" "$OUT" "All 2 invoices (1 with errors left out)"
	expect_eq "total due shown for the good invoice and the sum" 2 \
		"$(grep -Ec '^ +Total due +19\.78$' "$OUT")"
fi

if expect_rc "partial failure json exits 1" 1 "$AFCQ" quote -e "$SB_URL" -f json "$F"; then
	expect_eq "json parses" 1 "$(json_valid "$OUT")"
	expect_eq "json item error code" -1000 "$(json_get "$OUT" '$.inv[1].itms[0].err[0].code')"
	expect_eq "json good invoice kept" 1.045 "$(json_get "$OUT" '$.inv[0].summ[2].tax')"
fi

if expect_rc "partial failure invoice exits 1" 1 "$AFCQ" invoice -e "$SB_URL" --number INV-9 "$F"; then
	"$AFCQ" history list -f csv >"$OUT" 2>"$ERR"
	expect_grep "history: invoice with errors recorded as API error" "$OUT" ",invoice,"
	expect_eq "history: outcome of the invoice" "API error" \
		"$(grep ',invoice,' "$OUT" | head -1 | cut -d, -f7)"
fi
