#!/bin/sh
# afcq invoice --customer: the request afcq quote --customer makes for a
# stored customer, sent as an invoice (a clerk invoicing the quote the
# customer accepted); history keeps the customer with the invoice, and
# afcq history --customer finds it.  A commit or uncommit of that document
# carries the invoice's customer too; one of a document sent from a file
# carries none.  Real sandbox on a loopback port, real
# SQLite files.
. "${AFCQ_TOP:-.}/tests/lib.sh"
. "$AFCQ_TOP/tests/cli/lib/cli.sh"

sandbox_start --now 2022-03-15 || exit 1
export AFCQ_NOW=2022-03-02
"$AFCQ" products import "$FIX/book/products.json" >/dev/null 2>&1
printf 'name,account,phone,pcode,cust,lifeline,products\n' >"$T_TMP/c.csv"
printf 'José Smith,ACME-0042,214 555 0101,3726100,0,yes,VoIP residential line\n' >>"$T_TMP/c.csv"
printf 'Dallas Home Two,D-2,214 555 0102,3726100,0,no,VoIP residential line\n' >>"$T_TMP/c.csv"
"$AFCQ" customers import "$T_TMP/c.csv" >/dev/null 2>&1

expect_rc "quote --customer" 0 "$AFCQ" quote -e "$SB_URL" -f json --customer "jose smith"
quoted=$(json_get "$OUT" '$.inv[0].summ[0].tax')
expect_rc "invoice --customer" 0 "$AFCQ" invoice -e "$SB_URL" --number INV-77 --doc DOC-JOSE-1 \
	--customer "jose smith"
expect_line "invoice --customer names the customer" "$OUT" "^Customer [0-9]+: José Smith$"
expect_grep "invoice --customer names the document" "$OUT" "document DOC-JOSE-1"
expect_rc "invoice --customer --products, JSON" 0 "$AFCQ" invoice -e "$SB_URL" --number INV-78 \
	-f json --customer D-2 --products "2x voip res"
expect_eq "the products named are sent, counted" "2" "$(sqlite3 "$XDG_STATE_HOME/afcq/history.sqlite" \
	"select json_extract(request, '\$.inv[0].itms[0].qty') from requests where invn = 'INV-78'")"
expect_rc "invoice --customer, the quote's taxes" 0 "$AFCQ" invoice -e "$SB_URL" --number INV-79 \
	-f json --customer "jose smith"
expect_eq "the invoice is taxed as the quote was" "$quoted" "$(json_get "$OUT" '$.inv[0].summ[0].tax')"

expect_rc "history --customer finds the invoice" 0 "$AFCQ" history --customer jose
expect_line "the invoice is listed with the customer" "$OUT" \
	" invoice +DOC-JOSE-1 +INV-77 .* ok +José Smith \\(ACME-0042\\)$"
expect_rc "history --customer by the other account" 0 "$AFCQ" history -f csv --customer d-2
expect_line "the other invoice, its customer" "$OUT" ',invoice,.*,INV-78,.*,Dallas Home Two,D-2$'

expect_rc "uncommit of the customer's invoice" 0 "$AFCQ" uncommit -e "$SB_URL" DOC-JOSE-1
expect_rc "commit of the customer's invoice" 0 "$AFCQ" commit -e "$SB_URL" DOC-JOSE-1
expect_rc "invoice from a file" 0 "$AFCQ" invoice -e "$SB_URL" --number INV-90 --doc DOC-FILE-1 \
	"$REQ/dallas.json"
expect_rc "commit of an invoice from a file" 0 "$AFCQ" commit -e "$SB_URL" DOC-FILE-1
expect_rc "history --customer finds the commits" 0 "$AFCQ" history -f csv --customer jose
expect_line "the uncommit carries the invoice's customer" "$OUT" \
	',uncommit,DOC-JOSE-1,.*,José Smith,ACME-0042$'
expect_line "the commit carries the invoice's customer" "$OUT" \
	',commit,DOC-JOSE-1,.*,José Smith,ACME-0042$'
expect_rc "history, every entry" 0 "$AFCQ" history -f csv
expect_line "a commit of an invoice without a customer carries none" "$OUT" ',commit,DOC-FILE-1,.*,,$'

expect_rc "invoice --customer takes no FILE" 2 "$AFCQ" invoice -e "$SB_URL" --number INV-80 \
	--customer smith "$REQ/dallas.json"
expect_grep "the refusal names the FILE" "$ERR" "invoice --customer: takes no FILE"
expect_rc "invoice --products without --customer" 2 "$AFCQ" invoice -e "$SB_URL" --number INV-81 \
	--products "voip res" "$REQ/dallas.json"
expect_grep "the refusal says --products goes with --customer" "$ERR" \
	"invoice: --products goes with --customer"
expect_rc "invoice --customer without --number" 2 "$AFCQ" invoice -e "$SB_URL" --customer smith
expect_grep "the refusal asks for --number" "$ERR" "invoice: --number INVN is required"
