#!/bin/sh
# Customers imported from the CSV a billing system writes: a UTF-8 byte
# order mark, CRLF lines, header names in any case, and phone numbers with
# an extension ("214-555-0100 x123", "ext. 45"); the extension is kept and
# the number is found by its digits.  A phone with other words is still
# refused, naming the line and the column.
. "${AFCQ_TOP:-.}/tests/lib.sh"
. "$AFCQ_TOP/tests/cli/lib/cli.sh"

printf '\357\273\277Name,Account,Phone,PCode\r\n"Smith, John",100234,214-555-0100 x123;972.555.0142 ext. 45,3726100\r\nAda Lovelace,100235,(214) 555-0199 Extension 7,3726100\r\n' >"$T_TMP/billing.csv"
if expect_rc "a billing system's CSV imports" 0 "$AFCQ" customers import "$T_TMP/billing.csv"; then
	expect_grep "both customers" "$OUT" "2 customers: 2 added"
fi
if expect_rc "found by the number's digits" 0 "$AFCQ" customers list 2145550100; then
	expect_grep "the extension is kept" "$OUT" "214-555-0100 x123"
fi
if expect_rc "the second number, with ext." 0 "$AFCQ" customers list 9725550142; then
	expect_grep "found: Smith" "$OUT" "Smith, John"
fi
if expect_rc "the third, Extension" 0 "$AFCQ" customers list 2145550199; then
	expect_grep "found: Ada" "$OUT" "Ada Lovelace"
fi
# show takes the digits a caller reads out, as list does
if expect_rc "show by a phone number's digits" 0 "$AFCQ" customers show 2145550100; then
	expect_grep "show: the one customer" "$OUT" "Smith, John"
fi
expect_rc "show of a short number is an id only" 2 "$AFCQ" customers show 99
expect_grep "show: no such id" "$ERR" "no customer 99"
"$AFCQ" customers export >"$OUT" 2>"$ERR"
expect_grep "ext. kept" "$OUT" "972.555.0142 ext. 45"
expect_grep "Extension kept" "$OUT" "(214) 555-0199 Extension 7"
expect_rc "importing it twice" 0 "$AFCQ" customers import "$T_TMP/billing.csv"
expect_grep "nothing added the second time" "$OUT" "2 customers: 0 added, 2 updated"

printf 'name,account,phone\nBad Phone,900,214-555-0101 call after 5\n' >"$T_TMP/bad.csv"
if expect_rc "a phone with words is refused" 2 "$AFCQ" customers import "$T_TMP/bad.csv"; then
	expect_grep "the line and the column" "$ERR" "bad.csv:2: column 3 (phone): '214-555-0101 call after 5' is not a phone number"
	expect_grep "the fix is said" "$ERR" "then maybe an extension: x123"
fi
printf 'name,account,phone\nNo Number,901,x123\n' >"$T_TMP/bad2.csv"
expect_rc "an extension alone is refused" 2 "$AFCQ" customers import "$T_TMP/bad2.csv"

# a header as billing systems spell it: Customer Name, Account Number, Phone
# Number, ZIP Code, Customer Type
printf 'Customer Name,Account Number,Phone Number,ZIP Code,Customer Type,Lifeline\nGrace Hopper,100300,972-555-0300,75201,Business,N\n' >"$T_TMP/spelled.csv"
if expect_rc "a header spelled as billing systems do" 0 "$AFCQ" customers import "$T_TMP/spelled.csv"; then
	"$AFCQ" customers export -f csv >"$OUT" 2>"$ERR"
	expect_grep "every column read" "$OUT" "Grace Hopper,100300,972-555-0300,,75201,,,1,no,"
fi
printf 'Name,Customer Name\nA,B\n' >"$T_TMP/twice.csv"
if expect_rc "two spellings of one column" 2 "$AFCQ" customers import "$T_TMP/twice.csv"; then
	expect_grep "both named" "$ERR" "column 2: 'name' is named twice (columns 1 and 2: Customer Name)"
fi

# names with accents line up with the others in the list (columns are
# characters, not bytes)
printf 'name,account,phone\nJos\303\251 M\303\274ller,700,214-555-0700\nRen\303\251e O\342\200\231Connor,701,214-555-0701\nJo Plain,702,214-555-0702\n' >"$T_TMP/accents.csv"
"$AFCQ" customers import "$T_TMP/accents.csv" >/dev/null 2>&1
"$AFCQ" customers list 21455507 >"$OUT" 2>"$ERR"
if python3 -c '
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
col = lines[0].index("account")
rows = [l for l in lines[1:] if l.strip() and not l.endswith("customers")]
sys.exit(0 if len(rows) == 3 and all(l[col:col + 3] in ("700", "701", "702") for l in rows) else 1)
' "$OUT"; then
	pass "accented names line up"
else
	fail "accented names line up" "$(cat "$OUT")"
fi
# (customers without a place: their lines end with the phone, not spaces)
if grep -q ' $' "$OUT"; then fail "list lines end without spaces" "$(cat -A "$OUT")"
else pass "list lines end without spaces"; fi
