#!/bin/sh
# What afcq-sandbox's answers look like on the wire: numbers in the
# service's shapes (a whole number is an integer, "max": 2147483647, never
# 2147483647.0), requests written as the published pages write them, and
# amounts too large to sum to the cent answered with err entries.
. "${AFCQ_TOP:-.}/tests/lib.sh"

BODY="$T_TMP/body"

# calc FILE: POSTs the request file to CalcTaxes; status to $CODE, body to $BODY.
calc() {
	rm -f "$BODY"
	CODE=$(curl -s -o "$BODY" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
		--data-binary @"$1" "$SB_URL/api/v2/afc/CalcTaxes")
}

expect_no_grep() {
	if grep -Eq -- "$3" "$2"; then fail "$1" "/$3/ in $(grep -Eo -- ".{0,40}$3.{0,20}" "$2" | head -3)"; else pass "$1"; fi
}

sandbox_start || exit 1

# Number shapes: the Dallas answer as the service's sample writes it.
calc "$FIX/requests/dallas.json"
if [ "$CODE" = 200 ]; then pass "dallas 200"; else fail "dallas 200" "HTTP $CODE"; fi
expect_grep "whole max written as an integer" "$BODY" '"max":2147483647,"min":0,"tchg":16.72,'
expect_grep "whole tm written as an integer" "$BODY" '"tm":15,"calc":1,'
expect_grep "whole exm written as an integer" "$BODY" '"exm":0,"lns":0,'
expect_no_grep "no whole number written with .0" "$BODY" '[0-9]\.0[,}]'
expect_grep "fractions stay" "$BODY" '"tax":0.9375,'

# The published requests as the pages write them: comments and leading
# zeros (Dallas, 24 lines), numbers as strings (streaming).
for ex in dallas lines24 streaming; do
	calc "$FIX/requests/$ex.json"
	if [ "$CODE" = 200 ] && ! grep -q '"err"' "$BODY"; then
		pass "published $ex request answered"
	else
		fail "published $ex request answered" "HTTP $CODE: $(head -c 300 "$BODY")"
	fi
done

# Amounts too large to sum exactly to the cent: an err entry each, the
# invoice failed, no summary with a dropped tchg.
big() { # chg qty [chg of the second item, else chg]
	printf '{"inv":[{"bill":{"pcd":3726100},"cust":0,"date":"2022-03-02","summ":true,"itms":[
	  {"ref":"a","chg":%s,"qty":%s,"sale":1,"tran":19,"serv":6},
	  {"ref":"b","chg":%s,"sale":1,"tran":19,"serv":6}]}]}\n' "$1" "$2" "${3:-$1}" >"$T_TMP/big.json"
}
big 1e16 1
calc "$T_TMP/big.json"
expect_grep "1e16 charge: item err entry" "$BODY" \
	'"err":[{"code":-1000,"msg":"Invalid charge: 10000000000000000 x 1 exceeds 999999999999.99, the largest amount."}]'
expect_grep "1e16 charge: invoice failed" "$BODY" '"msg":"One or more LineItems failed."'
expect_no_grep "1e16 charge: no summary" "$BODY" '"summ"'
big 1e308 1
calc "$T_TMP/big.json"
expect_grep "1e308 charges: item err entry" "$BODY" '"msg":"Invalid charge: 1e+308 x 1 exceeds'
expect_no_grep "1e308 charges: no taxes" "$BODY" '"txs"'
big 600000000000 2
calc "$T_TMP/big.json"
expect_grep "charge x qty too large: item err entry" "$BODY" \
	'"msg":"Invalid charge: 600000000000 x 2 exceeds 999999999999.99, the largest amount."'
big 600000000000 1
calc "$T_TMP/big.json"
expect_grep "charges adding up too large: invoice err entry" "$BODY" \
	'"err":[{"code":-2000,"msg":"Invalid charges: the line items add up to more than 999999999999.99."}]'
big 999999999999.99 1 0
calc "$T_TMP/big.json"
expect_no_grep "the largest amount itself is priced" "$BODY" '"err"'
