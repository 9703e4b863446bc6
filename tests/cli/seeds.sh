#!/bin/sh
# The three seed examples (Dallas fact pattern, streaming video, 24 lines)
# quoted end to end against afcq-sandbox on an ephemeral port.  Every tax
# row is compared with golden CSV written from the documented taxes; the
# Dallas table (totals to the cent) and the JSON output are checked too.
. "${AFCQ_TOP:-.}/tests/lib.sh"
. "$AFCQ_TOP/tests/cli/lib/cli.sh"

sandbox_start || exit 1

for ex in dallas streaming lines24; do
	if expect_rc "quote $ex csv exits 0" 0 "$AFCQ" quote -e "$SB_URL" -f csv "$REQ/$ex.json"; then
		expect_same "quote $ex csv: every tax row as documented" "$GOLD/$ex.csv" "$OUT"
	fi
done

# The request from stdin gives the same rows.
"$AFCQ" quote -e "$SB_URL" --format=csv - <"$REQ/dallas.json" >"$OUT" 2>"$ERR"
expect_same "quote from stdin" "$GOLD/dallas.csv" "$OUT"

# Options may come before the command word too.
"$AFCQ" -f csv -e "$SB_URL" quote "$REQ/streaming.json" >"$OUT" 2>"$ERR"
expect_same "options before the command" "$GOLD/streaming.csv" "$OUT"

# Table for people: taxes to the cent, totals from the full-precision sum.
if expect_rc "quote dallas table exits 0" 0 "$AFCQ" quote -e "$SB_URL" "$REQ/dallas.json"; then
	expect_same "quote dallas table" "$GOLD/dallas.table" "$OUT"
	expect_line "dallas total due 19.78" "$OUT" "^ +Total due +19\.78$"
fi
if expect_rc "quote streaming table exits 0" 0 "$AFCQ" quote -e "$SB_URL" "$REQ/streaming.json"; then
	expect_same "quote streaming table" "$GOLD/streaming.table" "$OUT"
fi
if expect_rc "quote 24 lines table exits 0" 0 "$AFCQ" quote -e "$SB_URL" "$REQ/lines24.json"; then
	expect_same "quote 24 lines table" "$GOLD/lines24.table" "$OUT"
fi

# JSON: the answer as sent, pretty-printed, parses, numbers intact.
if expect_rc "quote dallas json exits 0" 0 "$AFCQ" quote -e "$SB_URL" -f json "$REQ/dallas.json"; then
	expect_eq "json parses" 1 "$(json_valid "$OUT")"
	expect_eq "json state sales summary 1.045" 1.045 "$(json_get "$OUT" '$.inv[0].summ[2].tax')"
	expect_eq "json right of way 1.72" 1.72 "$(json_get "$OUT" '$.inv[0].itms[1].txs[1].tax')"
	expect_eq "json doc echoed" "CertTest4_1_PCD_VoIP761310b2-7d50-463b-8fc6-b3ab7821c209" \
		"$(json_get "$OUT" '$.inv[0].doc')"
	lines=$(wc -l <"$OUT" | tr -d ' ')
	if [ "$lines" -gt 20 ]; then pass "json is pretty-printed"; else fail "json is pretty-printed" "$lines lines"; fi
fi

# A quote is never committed, whatever the file says.
sed 's/"cmmt": false/"cmmt": true/' "$REQ/dallas.json" >"$T_TMP/commit.json"
"$AFCQ" quote -e "$SB_URL" -f csv "$T_TMP/commit.json" >"$OUT" 2>"$ERR"
expect_same "quote with cmmt true in the file" "$GOLD/dallas.csv" "$OUT"
last=$("$AFCQ" history list -f csv | sed -n 2p | cut -d, -f1)
if expect_rc "quote recorded in history" 0 "$AFCQ" history show "$last"; then
	expect_grep "history holds the request sent with cmmt false" "$OUT" '"cmmt": false'
fi

# CSV quoting (RFC 4180): a reference holding a comma and a quote.
sed 's/"1_CertTest4_1_PCD_BaseMRC"/"base, \\"MRC\\""/' "$REQ/dallas.json" >"$T_TMP/quoted.json"
if expect_rc "csv with quoted ref exits 0" 0 "$AFCQ" quote -e "$SB_URL" -f csv "$T_TMP/quoted.json"; then
	expect_grep "csv field quoted" "$OUT" ',"base, ""MRC""",33,Transit Tax,'
fi

sandbox_stop

# --sandbox starts the bundled server itself; so does the default
# (no configuration at all means the sandbox profile).  The request files
# are written as the published pages write them: Dallas and the 24 lines
# with comments and "month": 03 / 04, streaming with "month": "03" and
# "year": "2022" as strings.  Each prices as documented, and goes out with
# plain numbers.
for ex in dallas streaming lines24; do
	if expect_rc "--sandbox $ex exits 0" 0 "$AFCQ" quote --sandbox -f csv "$REQ/$ex.json"; then
		expect_same "--sandbox $ex rows" "$GOLD/$ex.csv" "$OUT"
	fi
	if expect_rc "--sandbox $ex table exits 0" 0 "$AFCQ" quote --sandbox "$REQ/$ex.json"; then
		expect_same "--sandbox $ex table" "$GOLD/$ex.table" "$OUT"
	fi
	last=$("$AFCQ" history list -f csv | sed -n 2p | cut -d, -f1)
	"$AFCQ" history show "$last" >"$OUT" 2>"$ERR"
	expect_line "$ex month sent as a number" "$OUT" '"month": [34],?$'
	expect_line "$ex year sent as a number" "$OUT" '"year": 2022,?$'
done
if expect_rc "default sandbox profile exits 0" 0 "$AFCQ" quote -f csv "$REQ/streaming.json"; then
	expect_same "default sandbox profile rows" "$GOLD/streaming.csv" "$OUT"
fi
