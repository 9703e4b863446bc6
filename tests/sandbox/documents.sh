#!/bin/sh
# What afcq-sandbox keeps of a document's answer (--store FILE, read back
# with sqlite3): an invoice's answer whole up to 256 KiB; a longer one (a
# quote of hundreds of line items) without its line items' results, led by
# an "afcq_shortened" note, while the calculation's own answer is whole and
# Commit works on the document as on any other.  A quote without a
# document code leaves nothing.
. "${AFCQ_TOP:-.}/tests/lib.sh"

BODY="$T_TMP/body"
REQ="$T_TMP/req.json"
STORE="$T_TMP/docs.sqlite"
ITEMS=400

# request DOC N: an invoice of N VoIP lines under doc DOC ("" for none), with
# a summary, written to $REQ.
request() {
	awk -v doc="$1" -v n="$2" 'BEGIN {
		printf "{\"inv\":[{%s\"cmmt\":false,", (doc == "" ? "" : "\"doc\":\"" doc "\",")
		printf "\"bill\":{\"ctry\":\"USA\",\"st\":\"CA\",\"cnty\":\"San Francisco\","
		printf "\"city\":\"San Francisco\",\"zip\":\"94102\"},"
		printf "\"cust\":0,\"date\":\"2018-05-01\",\"invm\":true,\"dtl\":true,\"summ\":true,\"itms\":["
		for (k = 0; k < n; k++)
			printf "%s{\"ref\":\"item-%d\",\"chg\":%d.%02d,\"sale\":1,\"tran\":19,\"serv\":6}",
			       (k ? "," : ""), k, 10 + k % 90, k % 100
		printf "]}]}\n"
	}' >"$REQ"
}

calc() {
	rm -f "$BODY"
	curl -s -o "$BODY" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
		--data-binary @"$REQ" "$SB_URL/api/v2/afc/CalcTaxes"
}

commit() {
	rm -f "$BODY"
	curl -s -o "$BODY" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
		--data-binary "{\"doc\":\"$1\",\"cmmt\":$2}" "$SB_URL/api/v2/afc/Commit"
	echo " $(cat "$BODY")"
}

stored() { sqlite3 "$STORE" "select $2 from documents where doc = '$1'"; }

expect_eq() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "wanted '$2', got '$(echo "$3" | head -c 300)'"; fi
}

OK='200 {"ok":true}'

sandbox_start --store "$STORE" --now 2018-05-15 || exit 1

# A small document: its answer is the invoice's text in the answer, whole.
request SMALL 2
code=$(calc)
expect_eq small-invoice-200 200 "$code"
small=$(stored SMALL answer)
if [ -n "$small" ] && grep -qF -- "$small" "$BODY"; then
	pass small-answer-kept-whole
else
	fail small-answer-kept-whole "stored: $(echo "$small" | head -c 200)"
fi

# A large one: answered whole, kept without its line items.
request LARGE "$ITEMS"
code=$(calc)
expect_eq large-invoice-200 200 "$code"
expect_eq large-answer-whole "$ITEMS" "$(grep -o '"ref":"item-[0-9]*","txs":\[{' "$BODY" | wc -l)"
size=$(wc -c <"$BODY")
if [ "$size" -gt 262144 ]; then pass large-answer-over-256k; else fail large-answer-over-256k "$size bytes"; fi
expect_eq large-stored-valid-json 1 "$(stored LARGE 'json_valid(answer)')"
expect_eq large-stored-note-first '{"afcq_shortened":"' "$(stored LARGE 'substr(answer, 1, 19)')"
expect_eq large-stored-short 1 "$(stored LARGE 'length(answer) < 262144')"
expect_eq large-stored-doc LARGE "$(stored LARGE "json_extract(answer, '\$.doc')")"
expect_eq large-stored-no-items '' "$(stored LARGE "json_type(answer, '\$.itms')")"
expect_eq large-stored-summary array "$(stored LARGE "json_type(answer, '\$.summ')")"
# its summary rows are the answer's
first=$(stored LARGE "json_extract(answer, '\$.summ[0]')")
if [ -n "$first" ] && tr -d '\n' <"$BODY" | grep -qF -- "$first"; then
	pass large-stored-summary-rows
else
	fail large-stored-summary-rows "first row: $first"
fi
stored LARGE "json_extract(answer, '\$.afcq_shortened')" >"$T_TMP/note"
expect_grep large-stored-note-says-items "$T_TMP/note" "its $ITEMS line items"

# Commit works on it: commit, un-commit, commit again; still there after a
# restart.
expect_eq large-commit "$OK" "$(commit LARGE true)"
expect_eq large-committed 1 "$(stored LARGE committed)"
expect_eq large-uncommit "$OK" "$(commit LARGE false)"
expect_eq large-uncommitted 0 "$(stored LARGE committed)"
expect_eq large-commit-again "$OK" "$(commit LARGE true)"
sandbox_stop
sandbox_start --store "$STORE" --now 2018-05-20 || exit 1
expect_eq large-uncommit-after-restart "$OK" "$(commit LARGE false)"

# A quote (no document code), large or small, is not kept.
before=$(sqlite3 "$STORE" 'select count(*) from documents')
request '' "$ITEMS"
expect_eq large-quote-200 200 "$(calc)"
request '' 2
expect_eq small-quote-200 200 "$(calc)"
expect_eq quotes-not-kept "$before" "$(sqlite3 "$STORE" 'select count(*) from documents')"
sandbox_stop
