#!/bin/sh
# Answers that are not answers, through a proxy in front of a real sandbox
# (tests/cli/lib/lookup_proxy.py): catalog lookups answered with something
# that is not a catalog (a CalcTaxes body, an HTML page, a 404) leave the
# pairs unchecked with one stderr line, and the quote still goes out; the
# absence is remembered, so the next quote makes exactly one request; a
# cached catalog that refuses a pair is fetched again once; a CalcTaxes
# answer without invoices and a Commit answer that neither confirms nor
# refuses are exit 4, recorded as failed / outcome unknown.
. "${AFCQ_TOP:-.}/tests/lib.sh"
. "$AFCQ_TOP/tests/cli/lib/cli.sh"

if ! command -v python3 >/dev/null 2>&1; then
	fail "python3" "the proxy needs python3"
	exit 1
fi
sandbox_start --now 2022-03-15 || exit 1
answers_proxy_start "$SB_URL" || exit 1
RULES=$PX_RULES
LOG=$PX_LOG

CALC_BODY=$(tr -d '\n' <"$FIX/codec/response_mixed.json")
unchecked="afcq: T/S pairs not checked: the endpoint's catalog is unavailable"

# One cache folder per kind of nonsense.
for kind in calc html 404; do
	case $kind in
	calc) printf '/tspairs 200 %s\n/taxtype/* 200 %s\n' "$CALC_BODY" "$CALC_BODY" >"$RULES" ;;
	html) printf '/tspairs 200 <html><body>Please sign in</body></html>\n' >"$RULES" ;;
	404) printf '/tspairs 404 not found\n/taxtype/* 404 not found\n' >"$RULES" ;;
	esac
	XDG_CACHE_HOME="$T_TMP/cache-$kind" export XDG_CACHE_HOME
	: >"$LOG"
	if expect_rc "$kind catalog: quote still exits 0" 0 "$AFCQ" quote -e "$PX" "$REQ/dallas.json"; then
		expect_line "$kind catalog: total due printed" "$OUT" "^ +Total due +19\.78$"
		expect_grep "$kind catalog: one line says the pairs were not checked" "$ERR" "$unchecked"
		expect_lines "$kind catalog: only that line on stderr" "$ERR" 1
	fi
	expect_eq "$kind catalog: the quote was sent" 1 "$(grep -c 'POST /api/v2/afc/CalcTaxes' "$LOG")"
	: >"$LOG"
	expect_rc "$kind catalog: next quote exits 0" 0 "$AFCQ" quote -e "$PX" "$REQ/dallas.json"
	expect_eq "$kind catalog: next quote makes exactly one request" "POST /api/v2/afc/CalcTaxes" "$(cat "$LOG")"
	expect_lines "$kind catalog: still says so" "$ERR" 1
done
unset XDG_CACHE_HOME

# A fresh real catalog: a quote makes exactly one request.
: >"$RULES"
"$AFCQ" quote -e "$PX" "$REQ/dallas.json" >"$OUT" 2>"$ERR"
: >"$LOG"
expect_rc "good catalog: quote exits 0" 0 "$AFCQ" quote -e "$PX" "$REQ/dallas.json"
expect_eq "good catalog cached: exactly one request" "POST /api/v2/afc/CalcTaxes" "$(cat "$LOG")"
expect_lines "good catalog: nothing on stderr" "$ERR" 0

# A cached catalog that refuses a pair is fetched again once before
# refusing: first a catalog without the Dallas pairs, then the real one on
# the same address.
export XDG_CACHE_HOME="$T_TMP/cache-poisoned"
printf '/tspairs 200 [{"TransactionType":1,"ServiceType":1,"TSPairDescription":"Interstate/Toll"}]\n/taxtype/* 200 [{"TaxType":1,"CategoryType":1}]\n' >"$RULES"
expect_rc "poor catalog: Dallas pairs refused" 2 "$AFCQ" quote -e "$PX" "$REQ/dallas.json"
expect_grep "poor catalog: refusal names the pair" "$ERR" "inv[0].itms[0].tran: unknown transaction type 19"
: >"$LOG"
expect_rc "poor catalog cached: refused again" 2 "$AFCQ" quote -e "$PX" "$REQ/dallas.json"
expect_eq "poor catalog cached: fetched again once before refusing" 2 "$(grep -c 'GET' "$LOG")"
expect_eq "poor catalog cached: nothing sent" 0 "$(grep -c 'CalcTaxes' "$LOG")"
: >"$RULES"
: >"$LOG"
expect_rc "good catalog after: quote exits 0" 0 "$AFCQ" quote -e "$PX" "$REQ/dallas.json"
expect_eq "good catalog after: fetched and sent" "GET /api/v2/afc/tspairs
GET /api/v2/afc/taxtype/*
POST /api/v2/afc/CalcTaxes" "$(cat "$LOG")"
: >"$LOG"
expect_rc "good catalog cached after: quote exits 0" 0 "$AFCQ" quote -e "$PX" "$REQ/dallas.json"
expect_eq "good catalog cached after: one request" "POST /api/v2/afc/CalcTaxes" "$(cat "$LOG")"

# A CalcTaxes answer without invoices: exit 4, named, recorded as failed.
for body in '{}' '{"inv": []}'; do
	printf '/CalcTaxes 200 %s\n' "$body" >"$RULES"
	if expect_rc "answer $body: exit 4" 4 "$AFCQ" invoice -e "$PX" --number INV-E "$REQ/dallas.json"; then
		expect_grep "answer $body: says which invoice" "$ERR" "no results for invoice 1 of 1"
		expect_lines "answer $body: one line" "$ERR" 1
		expect_lines "answer $body: nothing printed" "$OUT" 0
	fi
	"$AFCQ" history list -f csv >"$OUT" 2>&1
	expect_eq "answer $body: history says failed" failed "$(grep ',invoice,' "$OUT" | head -1 | cut -d, -f7)"
done

# Commit answers: {"ok":true} and the echo {doc, cmmt} are done; anything
# else is an unknown outcome, exit 4, recorded as unknown.
printf '/Commit 200 {"doc":"ECHO-1","cmmt":true}\n' >"$RULES"
expect_rc "commit echo: exit 0" 0 "$AFCQ" commit -e "$PX" ECHO-1
expect_grep "commit echo: committed" "$OUT" "document ECHO-1 committed"
printf '/Commit 200 {"ok":true}\n' >"$RULES"
expect_rc "commit ok: exit 0" 0 "$AFCQ" uncommit -e "$PX" ECHO-1
printf '/Commit 200 {"status":"accepted"}\n' >"$RULES"
if expect_rc "commit other answer: exit 4" 4 "$AFCQ" commit -e "$PX" ECHO-2; then
	expect_grep "commit other answer: outcome unknown said" "$ERR" "outcome unknown"
	expect_grep "commit other answer: names the document" "$ERR" "ECHO-2"
fi
"$AFCQ" history list -f csv >"$OUT" 2>&1
expect_eq "commit other answer: history says outcome unknown" "outcome unknown" \
	"$(grep ',commit,ECHO-2' "$OUT" | head -1 | cut -d, -f7)"
