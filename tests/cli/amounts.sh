#!/bin/sh
# Amounts and rows shown as what they are: a charge too large to sum and
# show exactly to the cent is refused before sending (exit 2, the field and
# the largest accepted value named); a "NO TAX" placeholder row is not
# called Federal in the table, nor given lvl 0 in CSV.
. "${AFCQ_TOP:-.}/tests/lib.sh"
. "$AFCQ_TOP/tests/cli/lib/cli.sh"

sandbox_start || exit 1

# big CHG1 CHG2: a Dallas-like request of two items.
big() {
	printf '{"inv":[{"bill":{"pcd":3726100},"cust":0,"date":"2022-03-02","itms":[
	  {"ref":"a","chg":%s,"sale":1,"tran":19,"serv":6},
	  {"ref":"b","chg":%s,"sale":1,"tran":19,"serv":6}]}]}\n' "$1" "$2" >"$T_TMP/big.json"
}

big 1e16 1
if expect_rc "1e16 charge refused, exit 2" 2 "$AFCQ" quote -e "$SB_URL" "$T_TMP/big.json"; then
	expect_grep "1e16: field and largest value named" "$ERR" \
		"afcq: inv[0].itms[0].chg: 10000000000000000 cannot be summed and shown exactly to the cent; the largest accepted amount is 999999999999.99"
	expect_eq "1e16: nothing printed" "" "$(cat "$OUT")"
fi
big 1e308 1e308
if expect_rc "1e308 charges refused, exit 2" 2 "$AFCQ" quote -e "$SB_URL" "$T_TMP/big.json"; then
	expect_grep "1e308: first item named" "$ERR" "afcq: inv[0].itms[0].chg: 1e+308 cannot"
	expect_grep "1e308: second item named" "$ERR" "afcq: inv[0].itms[1].chg: 1e+308 cannot"
fi
big 600000000000 600000000000
if expect_rc "charges adding up too large refused, exit 2" 2 "$AFCQ" quote -e "$SB_URL" "$T_TMP/big.json"; then
	expect_grep "sum: where it passes the largest total" "$ERR" \
		"afcq: inv[0].itms[1].chg: the request's charges add up to more than 999999999999.99 here"
fi
"$AFCQ" history list -f csv >"$OUT" 2>"$ERR"
expect_lines "refused requests were never sent" "$OUT" 1
big 999999999999.99 0
if expect_rc "the largest amount is quoted" 0 "$AFCQ" quote -e "$SB_URL" "$T_TMP/big.json"; then
	expect_line "charges to the cent" "$OUT" "^ +Charges +999999999999\.99$"
fi

# A NO TAX placeholder row (retext, an item with nothing to tax).
cat >"$T_TMP/notax.json" <<'EOF'
{"cfg":{"retext":true},
 "inv":[{"bill":{"pcd":3726100},"cust":0,"date":"2022-03-02","itms":[
   {"ref":"nothing","chg":10,"sale":1,"tran":0,"serv":0}]}]}
EOF
if expect_rc "no-tax quote exits 0" 0 "$AFCQ" quote -e "$SB_URL" "$T_TMP/notax.json"; then
	expect_line "placeholder row: level none, no rate" "$OUT" \
		'^    NO TAX +none +3726100 +- +- +0\.00  placeholder: no tax applies$'
	if grep -q 'NO TAX.*Federal' "$OUT"; then
		fail "placeholder row not called Federal" "$(grep 'NO TAX' "$OUT")"
	else
		pass "placeholder row not called Federal"
	fi
fi
if expect_rc "no-tax csv exits 0" 0 "$AFCQ" quote -e "$SB_URL" -f csv "$T_TMP/notax.json"; then
	expect_line "placeholder csv row: no lvl" "$OUT" '^item,,nothing,0,NO TAX,,,,3726100,,,,,,,false,'
fi
