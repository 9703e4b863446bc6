#!/bin/sh
# Bridge conferencing: the taxes of each bridge participant (brdg in an
# item's answer) are shown in the table, printed in CSV (scope "bridge")
# and JSON, and counted in the totals; a participant's err message is shown.
. "${AFCQ_TOP:-.}/tests/lib.sh"
. "$AFCQ_TOP/tests/cli/lib/cli.sh"

sandbox_start || exit 1
F="$REQ/bridge.json"

if expect_rc "bridge table exits 0" 0 "$AFCQ" quote -e "$SB_URL" "$F"; then
	expect_line "participant heading" "$OUT" '^    Bridge participant dallas \(T/S 19/6\)$'
	expect_line "participant tax row" "$OUT" '^    Sales Tax +State +3726100 +6\.25% +30\.00 +1\.88$'
	expect_line "second participant's state tax" "$OUT" \
		'^    Universal Lifeline Telephone Service Charge \(VoIP\) +State +253500 +4\.75% +10\.53 +0\.50  exempt 19\.47$'
	expect_grep "participant error shown" "$OUT" \
		"      error -2000: Unknown location: the participant matches no jurisdiction."
	if grep -q '^    no taxes$' "$OUT"; then fail "item not said to have no taxes" "$(cat "$OUT")"; else pass "item not said to have no taxes"; fi
	expect_line "totals count the participants' taxes" "$OUT" '^ +Billable taxes +10\.72$'
	expect_line "non-billable too" "$OUT" '^ +Non-billable taxes +1\.09$'
fi

if expect_rc "bridge csv exits 0" 0 "$AFCQ" quote -e "$SB_URL" -f csv "$F"; then
	expect_eq "one bridge row per participant tax" 15 "$(grep -c '^bridge,BRIDGE-1,' "$OUT")"
	expect_grep "bridge row names the participant" "$OUT" \
		"bridge,BRIDGE-1,dallas,1,Sales Tax,SALES AND USE TAXES,1,1,3726100,1,0.0625,30,0,0,0,true,true,false,1.875"
	expect_eq "rows of sf" 9 "$(grep -c '^bridge,BRIDGE-1,sf,' "$OUT")"
fi

if expect_rc "bridge json exits 0" 0 "$AFCQ" quote -e "$SB_URL" -f json "$F"; then
	expect_eq "json participant ref" dallas "$(json_get "$OUT" '$.inv[0].itms[0].brdg[0].ref')"
	expect_eq "json participant tax" 1.875 "$(json_get "$OUT" '$.inv[0].itms[0].brdg[0].txs[2].tax')"
	expect_eq "json participant err" "Unknown location: the participant matches no jurisdiction." \
		"$(json_get "$OUT" '$.inv[0].itms[0].brdg[2].err')"
fi

# Without rtrn the participants' taxes are the item's own.
sed 's/"rtrn": true/"rtrn": false/' "$F" >"$T_TMP/flat.json"
if expect_rc "bridge without rtrn exits 0" 0 "$AFCQ" quote -e "$SB_URL" -f csv "$T_TMP/flat.json"; then
	expect_eq "item rows" 15 "$(grep -c '^item,BRIDGE-1,conference,' "$OUT")"
fi
# Without proc a participant at an unknown place fails the item.
sed 's/"proc": true/"proc": false/' "$F" >"$T_TMP/strict.json"
if expect_rc "bridge without proc exits 1" 1 "$AFCQ" quote -e "$SB_URL" "$T_TMP/strict.json"; then
	expect_grep "item error names the participant" "$OUT" \
		"error -1000: Unknown location: bridge participant 3 (nowhere) matches no jurisdiction."
fi
