#!/bin/sh
# afcq quote --customer TEXT [--products NAMES]: a stored customer quoted
# without a request file, with the configuration's company: the taxes are
# those of the same request written by hand (the Dallas fact pattern);
# --products replaces the usual products and takes a count ("3x NAME", as
# the items' qty); an ambiguous TEXT exits 2 listing the matches, none
# exits 2; a usual product no longer stored exits 2 naming it.  Real
# sandbox on a loopback port, real SQLite files.
. "${AFCQ_TOP:-.}/tests/lib.sh"
. "$AFCQ_TOP/tests/cli/lib/cli.sh"

sandbox_start --now 2022-03-15 || exit 1
CONF="$T_TMP/company.conf"
cat >"$CONF" <<'CONF'
version = 1;
company: { bscl = 0; svcl = 0; fclt = true; frch = false; reg = true; idnt = "CertCompany"; };
CONF
export AFCQ_NOW=2022-03-02
BOOK="$FIX/book"
"$AFCQ" products import "$BOOK/products.json" >/dev/null 2>&1
printf 'name,account,phone,pcode,cust,lifeline,products\n' >"$T_TMP/c.csv"
printf 'Dallas Home One,D-1,214 555 0101,3726100,0,yes,VoIP residential line\n' >>"$T_TMP/c.csv"
printf 'Dallas Home Two,D-2,214 555 0102,3726100,business,no,VoIP residential line;Gone bundle\n' >>"$T_TMP/c.csv"
printf 'No Products,D-3,214 555 0103,3726100,0,,\n' >>"$T_TMP/c.csv"
"$AFCQ" customers import "$T_TMP/c.csv" >/dev/null 2>&1

# the same taxes as the hand-written request (doc and ref columns aside)
"$AFCQ" quote -c "$CONF" -e "$SB_URL" -f csv "$REQ/dallas.json" 2>"$ERR" | cut -d, -f1,4- >"$T_TMP/want.csv"
if expect_rc "quote --customer exits 0" 0 "$AFCQ" quote -c "$CONF" -e "$SB_URL" -f csv --customer "home one"; then
	cut -d, -f1,4- "$OUT" >"$T_TMP/got.csv"
	expect_same "the customer's quote has the hand-written request's taxes" "$T_TMP/want.csv" "$T_TMP/got.csv"
fi
expect_rc "table output" 0 "$AFCQ" quote -c "$CONF" -e "$SB_URL" --customer D-1
expect_grep "the table names the customer" "$OUT" "Customer 1: Dallas Home One"
expect_line "the total" "$OUT" "Total due +19\\.78$"
# what was sent: the customer's fields, the company, today, no commit
"$AFCQ" history list -f csv >"$OUT" 2>"$ERR"
id=$(sed -n 2p "$OUT" | cut -d, -f1)
"$AFCQ" history show "$id" -f json >"$OUT" 2>"$ERR"
expect_eq "sent: bill-to PCode" 3726100 "$(json_get "$OUT" '$.request.inv[0].bill.pcd')"
expect_eq "sent: lifeline" 1 "$(json_get "$OUT" '$.request.inv[0].lfln')"
expect_eq "sent: today" 2022-03-02 "$(json_get "$OUT" '$.request.inv[0].date')"
expect_eq "sent: the configured company" CertCompany "$(json_get "$OUT" '$.request.cmpn.idnt')"
expect_eq "sent: a quote" 0 "$(json_get "$OUT" '$.request.inv[0].cmmt')"
expect_eq "sent: the usual product's items" 3 "$(json_get "$OUT" '$.request.inv[0].itms' | tr '{' '\n' | grep -c tran)"
"$AFCQ" customers list -f csv >"$OUT" 2>"$ERR"
expect_eq "the customer quoted comes first in the book" "Dallas Home One" "$(sed -n 2p "$OUT" | cut -d, -f2)"

# --products replaces the usual products; a count multiplies qty
if expect_rc "--products with a count" 0 "$AFCQ" quote -c "$CONF" -e "$SB_URL" -f csv --customer "home one" --products "3x VoIP residential line"; then
	expect_grep "three lines taxed" "$OUT" ",3,"
fi
"$AFCQ" history list -f csv >"$OUT" 2>"$ERR"
id=$(sed -n 2p "$OUT" | cut -d, -f1)
"$AFCQ" history show "$id" -f json >"$OUT" 2>"$ERR"
expect_eq "a count is sent as qty" 3 "$(json_get "$OUT" '$.request.inv[0].itms[1].qty')"
expect_eq "the line count stays per line" 1 "$(json_get "$OUT" '$.request.inv[0].itms[1].line')"
expect_rc "--products naming no product exits 2" 2 "$AFCQ" quote -c "$CONF" -e "$SB_URL" --customer D-1 --products "Nope"
expect_grep "the product is named" "$ERR" "--products: no product 'Nope'"
# words of a name pick the one product they name, as the picker does
if expect_rc "--products by words of a name" 0 "$AFCQ" quote -c "$CONF" -e "$SB_URL" -f csv --customer "home one" --products "3x voip res;toll"; then
	"$AFCQ" history list -f csv >"$OUT" 2>"$ERR"
	id=$(sed -n 2p "$OUT" | cut -d, -f1)
	"$AFCQ" history show "$id" -f json >"$OUT" 2>"$ERR"
	expect_eq "words: the bundle three times" 3 "$(json_get "$OUT" '$.request.inv[0].itms[1].qty')"
	expect_eq "words: and the other product" "toll free" "$(json_get "$OUT" '$.request.inv[0].itms[3].ref')"
fi
"$AFCQ" products add --name "VoIP business line" "$REQ/dallas.json" >/dev/null 2>&1
if expect_rc "words naming several products exit 2" 2 "$AFCQ" quote -c "$CONF" -e "$SB_URL" --customer "home one" --products "voip"; then
	expect_grep "several: listed" "$ERR" "'voip' names 2 products ('VoIP business line', 'VoIP residential line'): write more of the name"
fi

# which customer
expect_rc "ambiguous text exits 2" 2 "$AFCQ" quote -c "$CONF" -e "$SB_URL" --customer dallas
expect_grep "ambiguous: says how many" "$ERR" "'dallas' matches 2 customers"
expect_grep "ambiguous: lists the matches" "$ERR" "Dallas Home Two"
expect_rc "no match exits 2" 2 "$AFCQ" quote -c "$CONF" -e "$SB_URL" --customer nobody
expect_grep "no match says so" "$ERR" "no customer matches 'nobody'"
expect_rc "an exact name among several picks it" 0 "$AFCQ" quote -c "$CONF" -e "$SB_URL" --customer "dallas home one"
expect_rc "a usual product not stored exits 2" 2 "$AFCQ" quote -c "$CONF" -e "$SB_URL" --customer "home two"
expect_grep "the missing product is named" "$ERR" "usual products not in the store: Gone bundle"
expect_rc "no usual products exits 2" 2 "$AFCQ" quote -c "$CONF" -e "$SB_URL" --customer "no products"
expect_grep "says to name products" "$ERR" "has no usual products"
expect_rc "--customer takes no FILE" 2 "$AFCQ" quote -c "$CONF" -e "$SB_URL" --customer D-1 "$REQ/dallas.json"
expect_rc "--products without --customer exits 2" 2 "$AFCQ" quote -c "$CONF" -e "$SB_URL" --products X "$REQ/dallas.json"
