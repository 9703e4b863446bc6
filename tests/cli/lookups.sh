#!/bin/sh
# Catalog and PCode lookups through the api layer against the sandbox.
# Expected values are the documented ones (T/S 19/6 VoIP access charge,
# tax type 1 Sales Tax, ZIP 10001 -> PCode 2604100 with five localities,
# primary name of 2604100 NEW YORK, EVELETH MN -> 1956600, Dallas 3726100).
. "${AFCQ_TOP:-.}/tests/lib.sh"
. "$AFCQ_TOP/tests/cli/lib/cli.sh"

sandbox_start || exit 1
E="-e $SB_URL"

if expect_rc "tspairs filter exits 0" 0 "$AFCQ" tspairs $E "voip access"; then
	expect_line "tspairs: VoIP access charge listed" "$OUT" "^ +19 +6 +VoIP +Access Charge$"
	if grep -Eiv 'voip|tran' "$OUT" | grep -q .; then
		fail "tspairs: every row matches the words" "$(head -c 400 "$OUT")"
	else pass "tspairs: every row matches the words"; fi
fi
if expect_rc "tspairs by pair exits 0" 0 "$AFCQ" tspairs $E -f csv 19/21; then
	expect_lines "tspairs by pair: one row" "$OUT" 2
	expect_grep "tspairs by pair: VoIP lines" "$OUT" "19,21,"
fi
expect_rc "tspairs no match exits 1" 1 "$AFCQ" tspairs $E "no such service anywhere"
if expect_rc "tspairs all exits 0" 0 "$AFCQ" tspairs $E -f json; then
	expect_eq "tspairs json parses" 1 "$(json_valid "$OUT")"
fi

if expect_rc "taxtype 1 exits 0" 0 "$AFCQ" taxtype $E -f csv 1; then
	expect_grep "taxtype 1 is Sales Tax" "$OUT" "1,1,Sales Tax,SALES AND USE TAXES"
fi
if expect_rc "taxtype * exits 0" 0 "$AFCQ" taxtype $E '*'; then
	n=$(wc -l <"$OUT")
	if [ "$n" -gt 100 ]; then pass "taxtype *: the whole catalog"; else fail "taxtype *: the whole catalog" "$n lines"; fi
fi
if expect_rc "taxtype unknown exits 1" 1 "$AFCQ" taxtype $E 999999; then
	expect_grep "taxtype unknown message" "$ERR" "afcq: taxtype 999999: unknown tax type"
fi

if expect_rc "pcode --zip exits 0" 0 "$AFCQ" pcode $E -f csv --zip 10001; then
	expect_eq "zip 10001: five localities of 2604100" 5 "$(grep -c '^2604100,USA,NY,' "$OUT")"
fi
if expect_rc "pcode --primary exits 0" 0 "$AFCQ" pcode $E -f csv --primary 2604100; then
	expect_grep "primary of 2604100" "$OUT" "2604100,USA,NY,NEW YORK,NEW YORK,"
fi
if expect_rc "pcode by city exits 0" 0 "$AFCQ" pcode $E -f csv --city eveleth --state MN --county "st louis"; then
	expect_grep "EVELETH MN" "$OUT" "1956600,USA,MN,ST LOUIS,EVELETH,"
fi
if expect_rc "pcode PCODE exits 0" 0 "$AFCQ" pcode $E 3726100; then
	expect_line "pcode 3726100 is Dallas" "$OUT" "^3726100 +USA +TX +DALLAS +DALLAS"
fi
if expect_rc "pcode --npanxx exits 0" 0 "$AFCQ" pcode $E -f json --npanxx 212736; then
	expect_eq "npanxx json parses" 1 "$(json_valid "$OUT")"
	expect_eq "npanxx 212736 in 2604100" 2604100 "$(json_get "$OUT" '$.LocationData[0].PCode')"
fi
if expect_rc "pcode --fips range exits 0" 0 "$AFCQ" pcode $E -f csv --fips '06075*'; then
	expect_grep "fips 06075*: San Francisco" "$OUT" ",CA,SAN FRANCISCO,"
fi
expect_rc "pcode unknown place exits 1" 1 "$AFCQ" pcode $E --city Nowhere --state ZZ
