#!/bin/sh
# Catalog and PCode lookups through the api layer against the sandbox.
# Expected values are the documented ones (T/S 19/6 VoIP access charge,
# tax type 1 Sales Tax, ZIP 10001 -> PCode 2604100 with five localities,
# primary name of 2604100 NEW YORK, EVELETH MN -> 1956600, Dallas 3726100,
# the PCode samples' 1956600 and 5148400).
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
# No match is an answer: exit 0, "0 matches" said.
if expect_rc "pcode unknown place exits 0" 0 "$AFCQ" pcode $E --city Nowhere --state ZZ; then
	expect_grep "pcode unknown place: 0 matches" "$OUT" "0 matches"
fi
if expect_rc "pcode unknown place csv exits 0" 0 "$AFCQ" pcode $E -f csv --zip 00000 --exact; then
	expect_lines "pcode unknown place csv: header only" "$OUT" 1
	expect_grep "pcode unknown place csv: 0 matches on stderr" "$ERR" "afcq: pcode: 0 matches"
fi

# The service's published PCode samples, every option together.
if expect_rc "pcode sample 1 exits 0" 0 "$AFCQ" pcode $E -f json --country USA --state MN \
	--county 'SAINT LOUIS' --city EVELETH --zip 55734 --best-match --limit 10; then
	expect_eq "pcode sample 1: 1956600" 1956600 "$(json_get "$OUT" '$.LocationData[0].PCode')"
	expect_eq "pcode sample 1: best match applied" Best "$(json_get "$OUT" '$.MatchTypeApplied')"
	expect_eq "pcode sample 1: limit echoed" 10 "$(json_get "$OUT" '$.ResultsLimit')"
fi
if expect_rc "pcode sample 3 exits 0" 0 "$AFCQ" pcode $E -f csv --country IND --state AP \
	--city Tirumala --best-match --limit 1; then
	expect_eq "pcode sample 3: 5148400" "5148400,IND,,,,false" "$(sed -n 2p "$OUT")"
fi
if expect_rc "pcode sample 2 exits 0" 0 "$AFCQ" pcode $E --zip 10001 --best-match --limit 2; then
	expect_line "pcode sample 2: 2604100" "$OUT" "^2604100 +USA +NY"
	expect_grep "pcode sample 2: limited, count said" "$OUT" "2 of 5 matches shown"
fi
# Without --best-match the misspelt county finds nothing exactly.
if expect_rc "pcode --exact exits 0" 0 "$AFCQ" pcode $E --country USA --state MN \
	--county 'SAINT LOUIS' --city EVELETH --exact; then
	expect_grep "pcode --exact: 0 matches" "$OUT" "0 matches"
fi
if expect_rc "pcode country alone exits 0" 0 "$AFCQ" pcode $E -f csv --country IND; then
	expect_grep "pcode country alone: India" "$OUT" "5148400,IND,"
fi
