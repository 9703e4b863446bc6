#!/bin/sh
# afcq compare A B: two request files priced as quotes, or history entries
# @ID compared as they were answered; both totals and every tax that
# differs, with its amount in each quote; taxes only one quote has marked
# "-"; the same request twice: "No tax differs"; exit codes as quote's.
# Real sandbox on a loopback port.
. "${AFCQ_TOP:-.}/tests/lib.sh"
. "$AFCQ_TOP/tests/cli/lib/cli.sh"

sandbox_start --now 2022-03-15 || exit 1
D="$REQ/dallas.json"
# the same caller with 3 lines instead of 1
sed 's/"chg": 0, "line": 1,/"chg": 0, "line": 3,/' "$D" >"$T_TMP/three.json"
# and with the line count dropped (its taxes vanish)
sed '/PCD_LineCount/,+1d' "$D" >"$T_TMP/noinv.json"

if expect_rc "two files exit 0" 0 "$AFCQ" compare -e "$SB_URL" "$D" "$T_TMP/three.json"; then
	expect_line "both totals and the change" "$OUT" '^Total due +19\.78 +24\.86 +\+5\.08$'
	expect_line "the item whose taxes differ" "$OUT" '^  Item 2: 1_CertTest4_1_PCD_LineCount$'
	# the whole name: its column is as wide as the longest
	expect_line "a per-line tax, in each quote, its name whole" "$OUT" '^    E911 Equalization Surcharge +State +3671300 +0\.06 +0\.18 +\+0\.12$'
	expect_line "a city tax, in each quote" "$OUT" '^    Municipal Right of Way +City +3726100 +1\.72 +5\.16 +\+3\.44$'
	if grep -q 'Item 1' "$OUT"; then fail "taxes that do not differ are not listed" "$(cat "$OUT")"
	else pass "taxes that do not differ are not listed"; fi
fi
"$AFCQ" compare -e "$SB_URL" -f csv "$D" "$T_TMP/three.json" >"$OUT" 2>"$ERR"
expect_eq "csv header" "scope,inv,item,ref,tid,name,lvl,pcd,a,b,change" "$(sed -n 1p "$OUT")"
expect_eq "csv totals at full precision" "total,,,,,,,,19.7794,24.8632,5.0838" "$(sed -n 2p "$OUT")"
expect_grep "csv: a change without binary noise" "$OUT" ",51,Municipal Right of Way,3,3726100,1.72,5.16,3.44"
"$AFCQ" compare -e "$SB_URL" -f json "$D" "$T_TMP/three.json" >"$OUT" 2>"$ERR"
expect_eq "json: B's total" 24.8632 "$(json_get "$OUT" '$.b.total_due')"
expect_eq "json: six taxes differ" 6 "$(json_get "$OUT" '$.taxes' | tr '{' '\n' | grep -c '"tid"')"

# a tax only one quote has
expect_rc "a vanished item's taxes" 0 "$AFCQ" compare -e "$SB_URL" "$D" "$T_TMP/noinv.json"
expect_line "a tax only A has: B shows -" "$OUT" '^    .* +[0-9]+\.[0-9][0-9] +- +-[0-9]+\.[0-9][0-9]$'
expect_rc "the other way round" 0 "$AFCQ" compare -e "$SB_URL" "$T_TMP/noinv.json" "$D"
expect_line "a tax only B has: A shows -" "$OUT" '^    .* +- +[0-9]+\.[0-9][0-9] +\+[0-9]+\.[0-9][0-9]$'

expect_rc "the same request twice" 0 "$AFCQ" compare -e "$SB_URL" "$D" "$D"
expect_grep "nothing differs" "$OUT" "No tax differs."

# history entries: the stored answers
"$AFCQ" history list -f csv >"$T_TMP/h.csv" 2>/dev/null
"$AFCQ" quote -e "$SB_URL" "$D" >/dev/null 2>&1
"$AFCQ" quote -e "$SB_URL" "$T_TMP/three.json" >/dev/null 2>&1
"$AFCQ" history list -f csv >"$T_TMP/h.csv" 2>/dev/null
b=$(sed -n 2p "$T_TMP/h.csv" | cut -d, -f1)
a=$(sed -n 3p "$T_TMP/h.csv" | cut -d, -f1)
lines_before=$(wc -l <"$T_TMP/h.csv")
sandbox_stop
if expect_rc "two history entries, the sandbox stopped: stored answers" 0 "$AFCQ" compare -e "$SB_URL" "@$a" "@$b"; then
	expect_line "entries are named" "$OUT" "^A  @$a quote "
	expect_line "stored answers: both totals" "$OUT" '^Total due +19\.78 +24\.86 +\+5\.08$'
fi
"$AFCQ" history list -f csv >"$T_TMP/h2.csv" 2>/dev/null
expect_eq "comparing stored answers sends nothing" "$lines_before" "$(wc -l <"$T_TMP/h2.csv")"
expect_rc "a file against a stopped endpoint exits 4" 4 "$AFCQ" compare -e "$SB_URL" "@$a" "$D"

sandbox_start --now 2022-03-15 || exit 1
expect_rc "an entry against a file" 0 "$AFCQ" compare -e "$SB_URL" "@$a" "$T_TMP/three.json"
expect_line "entry against file: totals" "$OUT" '^Total due +19\.78 +24\.86 +\+5\.08$'

# bad input
expect_rc "one argument exits 2" 2 "$AFCQ" compare -e "$SB_URL" "$D"
expect_rc "a missing history entry exits 2" 2 "$AFCQ" compare -e "$SB_URL" @9999 "$D"
expect_grep "the missing entry is named" "$ERR" "no history entry 9999"
expect_rc "@ without a number exits 2" 2 "$AFCQ" compare -e "$SB_URL" @x "$D"
expect_rc "an invalid request exits 2" 2 "$AFCQ" compare -e "$SB_URL" "$D" "$REQ/../requests/does-not-exist.json"
printf '{"inv": [{"bill": {"pcd": 3726100}, "cust": 0, "date": "2022-03-02", "itms": [{"chg": 1, "tran": 19, "serv": 6, "sale": 1}]}], "cmpn": {"bscl": 0, "svcl": 0, "fclt": true, "frch": false, "reg": true}}' >"$T_TMP/ok.json"
printf '{"inv": [{"bill": {"pcd": 1}, "cust": 0, "date": "2022-03-02", "itms": [{"chg": 1, "tran": 19, "serv": 6, "sale": 1}]}], "cmpn": {"bscl": 0, "svcl": 0, "fclt": true, "frch": false, "reg": true}}' >"$T_TMP/unknown.json"
if expect_rc "an answer with errors exits 1" 1 "$AFCQ" compare -e "$SB_URL" "$T_TMP/ok.json" "$T_TMP/unknown.json"; then
	expect_grep "the errors are said" "$ERR" "B ($T_TMP/unknown.json) holds errors"
	expect_line "no total for the failed quote" "$OUT" '^Total due +[0-9.]+ +errors'
fi

# the change is that of the amounts as printed: a VoIP bundle (access 15.00,
# one line, invoice 1.00) once and three times totals 21.6379 and 64.9137,
# printed 21.64 and 64.91; the change reads +43.27, never the +43.28 of the
# unrounded difference that a customer would not get from the two totals
cat >"$T_TMP/bundle1.json" <<'JSON'
{"cmpn": {"bscl": 0, "svcl": 0, "fclt": false, "frch": false, "reg": false},
 "inv": [{"bill": {"pcd": 3726100}, "cust": 0, "date": "2022-03-02", "dtl": true, "summ": true,
   "itms": [{"ref": "access", "chg": 15, "sale": 1, "tran": 19, "serv": 6},
            {"ref": "line", "line": 1, "sale": 1, "tran": 19, "serv": 21},
            {"ref": "invoice", "chg": 1, "sale": 1, "tran": 19, "serv": 43}]}]}
JSON
sed 's/"sale": 1,/"qty": 3, "sale": 1,/g' "$T_TMP/bundle1.json" >"$T_TMP/bundle3.json"
if expect_rc "one bundle against three" 0 "$AFCQ" compare -e "$SB_URL" "$T_TMP/bundle1.json" "$T_TMP/bundle3.json"; then
	expect_line "the total's change is that of the printed totals" "$OUT" '^Total due +21\.64 +64\.91 +\+43\.27$'
	expect_line "the taxes' change is that of the printed taxes" "$OUT" '^  Billable taxes +5\.64 +16\.91 +\+11\.27$'
fi

# bridge participants' taxes (brdg): compared participant by participant
BR="$REQ/bridge.json"
sed 's/"chg": 90/"chg": 120/' "$BR" >"$T_TMP/bridge120.json"
sed '/"ref": "sf"/d' "$BR" >"$T_TMP/bridge_nosf.json"
if expect_rc "bridge: a larger charge exits 0" 0 "$AFCQ" compare -e "$SB_URL" "$BR" "$T_TMP/bridge120.json"; then
	expect_line "bridge: totals" "$OUT" '^Total due +100\.72 +134\.29 +\+33\.57$'
	expect_line "bridge: item taxes, not the summary's" "$OUT" '^Taxes that differ:$'
	expect_line "bridge: a participant is named" "$OUT" '^  Item 1: conference, bridge participant dallas$'
	expect_line "bridge: a participant's tax in each quote" "$OUT" '^    Sales Tax +State +3726100 +1\.88 +2\.50 +\+0\.62$'
	expect_line "bridge: another participant's tax" "$OUT" '^    CASF \(VoIP\) +State +253500 +0\.06 +0\.08 +\+0\.02$'
fi
if expect_rc "bridge: a participant fewer exits 0" 0 "$AFCQ" compare -e "$SB_URL" "$BR" "$T_TMP/bridge_nosf.json"; then
	expect_line "bridge: the others' shares grow" "$OUT" '^    Sales Tax +State +3726100 +1\.88 +2\.81 +\+0\.93$'
	expect_line "bridge: the participant gone is named" "$OUT" '^  Item 1: conference, bridge participant sf$'
	expect_line "bridge: its taxes are only in A" "$OUT" '^    CASF \(VoIP\) +State +253500 +0\.06 +- +-0\.06$'
fi
"$AFCQ" compare -e "$SB_URL" "$T_TMP/bridge_nosf.json" "$BR" >"$OUT" 2>"$ERR"
expect_line "bridge: a participant only B has: A shows -" "$OUT" '^    CASF \(VoIP\) +State +253500 +- +0\.06 +\+0\.06$'
"$AFCQ" compare -e "$SB_URL" -f csv "$BR" "$T_TMP/bridge_nosf.json" >"$OUT" 2>"$ERR"
expect_grep "bridge csv: scope bridge, the participant's ref" "$OUT" "bridge,1,1,dallas,1,Sales Tax,1,3726100,1.875,2.8125,0.9375"
expect_grep "bridge csv: a tax only A has" "$OUT" "bridge,1,1,sf,"
"$AFCQ" compare -e "$SB_URL" -f json "$BR" "$T_TMP/bridge120.json" >"$OUT" 2>"$ERR"
expect_eq "bridge json: scope" bridge "$(json_get "$OUT" '$.taxes[0].scope')"
expect_eq "bridge json: participant ref" dallas "$(json_get "$OUT" '$.taxes[0].ref')"
expect_eq "bridge json: participant number" 1 "$(json_get "$OUT" '$.taxes[0].participant')"
expect_rc "bridge: the same twice" 0 "$AFCQ" compare -e "$SB_URL" "$BR" "$BR"
expect_grep "bridge: nothing differs" "$OUT" "No tax differs."
