#!/bin/sh
# Documents in afcq-sandbox: an invoice with a doc is kept; Commit commits
# and un-commits it; unknown and locked documents get the service's errors;
# a committed document is locked from the first day of the month after the
# month it was last committed, an uncommitted one never (clock pinned with
# --now); --store keeps documents across restarts.
. "${AFCQ_TOP:-.}/tests/lib.sh"

BODY="$T_TMP/body"
STORE="$T_TMP/docs.sqlite"

# invoice DOC DATE CMMT: CalcTaxes with one VoIP line under doc DOC.
invoice() {
	rm -f "$BODY"
	curl -s -o "$BODY" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
		--data-binary "{\"inv\":[{\"doc\":\"$1\",\"cmmt\":$3,
		  \"bill\":{\"ctry\":\"USA\",\"st\":\"CA\",\"cnty\":\"San Francisco\",\"city\":\"San Francisco\",\"zip\":\"94102\"},
		  \"cust\":0,\"date\":\"$2\",
		  \"itms\":[{\"ref\":\"voip\",\"chg\":100,\"sale\":1,\"tran\":19,\"serv\":6}]}]}" \
		"$SB_URL/api/v2/afc/CalcTaxes"
}

# commit DOC true|false: Commit API answer to $BODY.
commit() {
	rm -f "$BODY"
	curl -s -o "$BODY" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
		--data-binary "{\"doc\":\"$1\",\"cmmt\":$2}" "$SB_URL/api/v2/afc/Commit"
}

expect_body() {
	if grep -qF -- "$2" "$BODY"; then pass "$1"; else fail "$1" "wanted $2, got $(head -c 300 "$BODY")"; fi
}

expect_200() {
	if [ "$2" = 200 ]; then pass "$1"; else fail "$1" "HTTP $2: $(head -c 300 "$BODY")"; fi
}

OK='{"ok":true}'
UNKNOWN='"ok":false,"err":[{"code":-2000,"msg":"No transactions found for document code."}]'
LOCKED='"ok":false,"err":[{"code":-2000,"msg":"Document code has been locked."}]'

sandbox_start --store "$STORE" --now 2018-05-15 || exit 1
expect_200 invoice-with-doc "$(invoice 'INV 1001/A' 2018-05-01T12:00:00Z false)"
expect_body invoice-doc-echoed '"doc":"INV 1001/A"'
expect_200 commit-200 "$(commit 'INV 1001/A' true)"
expect_body commit-ok "$OK"
commit 'INV 1001/A' false >/dev/null
expect_body uncommit-ok "$OK"
commit 'INV 1001/A' true >/dev/null
expect_body commit-again-ok "$OK"
expect_200 unknown-doc-200 "$(commit 'NO SUCH DOC' true)"
expect_body unknown-doc-error "$UNKNOWN"
commit 'NO SUCH DOC' false >/dev/null
expect_body unknown-doc-uncommit-error "$UNKNOWN"
# A quote (no doc) keeps nothing; "" is no document code either.
invoice '' 2018-05-02 false >/dev/null
commit '' true >/dev/null
expect_body empty-doc-unknown "$UNKNOWN"
# Committed on arrival (cmmt true), then un-committed.
invoice 'INV 1002' 2018-05-10 true >/dev/null
commit 'INV 1002' false >/dev/null
expect_body commit-on-arrival-uncommit "$OK"
invoice 'INV DEC' 2018-12-31 false >/dev/null
# A backdated invoice is not locked: it commits (in May, so locks 1 June).
invoice 'INV APR' 2018-04-30 false >/dev/null
commit 'INV APR' true >/dev/null
expect_body backdated-invoice-commits "$OK"
commit 'INV APR' false >/dev/null
expect_body backdated-invoice-uncommits "$OK"
commit 'INV APR' true >/dev/null
sandbox_stop

# Same store, later clock, still May: the documents survived the restart.
sandbox_start --store "$STORE" --now 2018-05-31T23:59:59Z || exit 1
commit 'INV 1001/A' false >/dev/null
expect_body persisted-across-restart "$OK"
sandbox_stop

# Without --store, documents live in memory only.
sandbox_start --now 2018-05-20 || exit 1
commit 'INV 1001/A' true >/dev/null
expect_body memory-store-starts-empty "$UNKNOWN"
sandbox_stop

# 1 June: what was committed in May is locked: it cannot be un-committed
# (committing it again changes nothing); what was un-committed is open.
sandbox_start --store "$STORE" --now 2018-06-01 || exit 1
commit 'INV APR' false >/dev/null
expect_body locked-uncommit "$LOCKED"
commit 'INV APR' true >/dev/null
expect_body locked-commit-again-ok "$OK"
# Re-sending a locked document does not unlock or replace it.
invoice 'INV APR' 2018-06-01 false >/dev/null
commit 'INV APR' false >/dev/null
expect_body locked-resend-kept "$LOCKED"
commit 'INV 1001/A' true >/dev/null
expect_body uncommitted-never-locks "$OK"
commit 'INV 1002' true >/dev/null
expect_body uncommitted-on-arrival-never-locks "$OK"
sandbox_stop

sandbox_start --store "$STORE" --now 2018-12-31 || exit 1
commit 'INV DEC' true >/dev/null
expect_body december-open-on-31st "$OK"
sandbox_stop
sandbox_start --store "$STORE" --now 2019-01-01 || exit 1
commit 'INV DEC' false >/dev/null
expect_body december-locked-on-new-year "$LOCKED"
sandbox_stop

# An invoice dated 2022-03-02 committed on 2026-12-02 can be un-committed
# and committed again through 2026-12-31, and is locked from 2027-01-01.
sandbox_start --store "$STORE" --now 2026-12-02 || exit 1
invoice 'BACKDATED' 2022-03-02 true >/dev/null
expect_body backdated-committed-on-arrival '"doc":"BACKDATED"'
sandbox_stop
sandbox_start --store "$STORE" --now 2026-12-31T23:59:59Z || exit 1
commit 'BACKDATED' false >/dev/null
expect_body backdated-uncommit-through-december "$OK"
commit 'BACKDATED' true >/dev/null
expect_body backdated-commit-again-through-december "$OK"
sandbox_stop
sandbox_start --store "$STORE" --now 2027-01-01 || exit 1
commit 'BACKDATED' false >/dev/null
expect_body backdated-locked-from-january "$LOCKED"
sandbox_stop

# A Commit body that is not JSON is refused at the HTTP level.
sandbox_start || exit 1
code=$(curl -s -o "$BODY" -D "$T_TMP/h" -w '%{http_code}' -X POST --data-binary '{doc:' \
	"$SB_URL/api/v2/afc/Commit")
if [ "$code" = 400 ] && grep -qi '^error: ' "$T_TMP/h"; then pass commit-garbage-400; else fail commit-garbage-400 "HTTP $code"; fi
