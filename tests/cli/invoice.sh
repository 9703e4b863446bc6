#!/bin/sh
# Invoice, uncommit, commit and an unknown document against one sandbox,
# each recorded in history with its outcome; a --doc that history has seen
# is refused before anything is sent.
. "${AFCQ_TOP:-.}/tests/lib.sh"
. "$AFCQ_TOP/tests/cli/lib/cli.sh"

# The clock is pinned inside the invoices' month (they are dated
# 2022-03-02): documents lock from the first day of the next month.
STORE="$T_TMP/documents.sqlite"
sandbox_start --now 2022-03-15 --store "$STORE" || exit 1

# invoice: fresh document code, invn on the invoice, not committed.
if expect_rc "invoice exits 0" 0 "$AFCQ" invoice -e "$SB_URL" --number INV-1001 -f json \
	"$REQ/dallas.json"; then
	doc=$(json_get "$OUT" '$.inv[0].doc')
	case $doc in
	AFCQ-*) pass "invoice gets a fresh document code" ;;
	*) fail "invoice gets a fresh document code" "doc '$doc'" ;;
	esac
	expect_eq "invoice number sent on the invoice" INV-1001 "$(json_get "$OUT" '$.inv[0].incrf.invn')"
	expect_eq "invoice taxes as quoted" 1.045 "$(json_get "$OUT" '$.inv[0].summ[2].tax')"
else
	doc=NONE
fi

# The same request again gets another code.
"$AFCQ" invoice -e "$SB_URL" --number INV-1002 -f csv "$REQ/dallas.json" >"$OUT" 2>"$ERR"
doc2=$(sed -n 2p "$OUT" | cut -d, -f2)
if [ -n "$doc2" ] && [ "$doc2" != "$doc" ]; then pass "second invoice, another code"
else fail "second invoice, another code" "'$doc' then '$doc2'"; fi

# Table output names the document code.
"$AFCQ" invoice -e "$SB_URL" --number INV-1003 --doc "MY-DOC-1" "$REQ/dallas.json" >"$OUT" 2>"$ERR"
expect_grep "invoice table shows the document code" "$OUT" "document MY-DOC-1"
expect_line "invoice table shows the total due" "$OUT" "^ +Total due +19\.78$"

# uncommit / commit the first invoice's document.
if expect_rc "uncommit exits 0" 0 "$AFCQ" uncommit -e "$SB_URL" "$doc"; then
	expect_grep "uncommit says so" "$OUT" "document $doc uncommitted"
fi
if expect_rc "commit exits 0" 0 "$AFCQ" commit -e "$SB_URL" "$doc"; then
	expect_grep "commit says so" "$OUT" "document $doc committed"
fi

# --commit commits at once; committing it again through Commit works too.
if expect_rc "invoice --commit exits 0" 0 "$AFCQ" invoice -e "$SB_URL" --number INV-1004 \
	--doc MY-DOC-2 --commit -f json "$REQ/streaming.json"; then
	expect_eq "invoice --commit keeps the given code" MY-DOC-2 "$(json_get "$OUT" '$.inv[0].doc')"
fi
last=$("$AFCQ" history list -f csv | sed -n 2p | cut -d, -f1)
"$AFCQ" history show -f json "$last" >"$OUT" 2>"$ERR"
expect_eq "history holds cmmt true for --commit" 1 "$(json_get "$OUT" '$.request.inv[0].cmmt')"
expect_eq "history holds invn for --commit" INV-1004 "$(json_get "$OUT" '$.request.inv[0].invn')"

# Unknown document: the API answers with an error: exit 1 and the message.
if expect_rc "commit unknown document exits 1" 1 "$AFCQ" commit -e "$SB_URL" NO-SUCH-DOC; then
	expect_grep "commit unknown document message" "$ERR" "afcq: NO-SUCH-DOC: "
	expect_grep "commit unknown document reason" "$ERR" "No transactions found"
	expect_grep "commit unknown document on stdout" "$OUT" "document NO-SUCH-DOC not committed"
fi

# A --doc that history has seen is refused, nothing is sent.
if expect_rc "reused --doc refused" 2 "$AFCQ" invoice -e "$SB_URL" --number INV-1005 \
	--doc "$doc" "$REQ/dallas.json"; then
	expect_grep "reused --doc names the doc" "$ERR" "$doc"
fi
if expect_rc "reused --doc (given one) refused" 2 "$AFCQ" invoice -e "$SB_URL" --number INV-1006 \
	--doc MY-DOC-1 "$REQ/dallas.json"; then
	expect_grep "reused --doc message" "$ERR" "afcq: --doc MY-DOC-1: document code already used"
fi

# History: every invoice and commit, with outcomes, newest first.
if expect_rc "history list exits 0" 0 "$AFCQ" history list -f csv; then
	expect_grep "history: invoice recorded ok" "$OUT" ",invoice,$doc,INV-1001,19.7794,ok,"
	expect_grep "history: uncommit recorded" "$OUT" ",uncommit,$doc,,,ok,"
	expect_grep "history: commit recorded" "$OUT" ",commit,$doc,,,ok,"
	expect_grep "history: unknown document recorded as api error" "$OUT" ",commit,NO-SUCH-DOC,,,API error,"
	n=$(grep -c ',invoice,' "$OUT")
	expect_eq "history: refused invoices not recorded" 4 "$n"
fi
if expect_rc "history table exits 0" 0 "$AFCQ" history; then
	expect_grep "history table: invoice row" "$OUT" "INV-1001"
	expect_grep "history table: total due" "$OUT" "19.78"
fi
id=$(grep ",invoice,$doc," "$OUT" 2>/dev/null | cut -d, -f1)
"$AFCQ" history list -f csv >"$OUT" 2>"$ERR"
id=$(grep ",invoice,$doc," "$OUT" | cut -d, -f1)
if expect_rc "history show exits 0" 0 "$AFCQ" history show "$id"; then
	expect_grep "history show: request" "$OUT" '"invn": "INV-1001"'
	expect_grep "history show: response" "$OUT" '"tax": 1.045'
	expect_grep "history show: outcome" "$OUT" "outcome   ok"
fi
expect_rc "history show unknown id exits 2" 2 "$AFCQ" history show 99999

# A month later the document is locked: the API says so, exit 1.
sandbox_stop
sandbox_start --now 2022-04-02 --store "$STORE" || exit 1
if expect_rc "commit locked document exits 1" 1 "$AFCQ" uncommit -e "$SB_URL" "$doc"; then
	expect_grep "locked document message" "$ERR" "afcq: $doc: -2000 Document code has been locked."
fi

# A backdated invoice (the documented examples are dated 2017-2022) is not
# locked when sent: committed today, it can be un-committed this month.
sandbox_stop
sandbox_start --now 2026-12-02 --store "$T_TMP/late.sqlite" || exit 1
if expect_rc "backdated invoice --commit exits 0" 0 "$AFCQ" invoice -e "$SB_URL" --number INV-LATE \
	--doc LATE-1 --commit "$REQ/dallas.json"; then
	expect_rc "backdated invoice: uncommit exits 0" 0 "$AFCQ" uncommit -e "$SB_URL" LATE-1
	expect_grep "backdated invoice: uncommitted" "$OUT" "document LATE-1 uncommitted"
	expect_rc "backdated invoice: commit again exits 0" 0 "$AFCQ" commit -e "$SB_URL" LATE-1
fi

# the table ends by saying whether each document was committed
if expect_rc "an invoice without --commit" 0 "$AFCQ" invoice -e "$SB_URL" --number INV-T1 --doc TBL-1 "$REQ/dallas.json"; then
	expect_line "says it is not committed, and how to" "$OUT" '^Document TBL-1: not committed \(afcq commit TBL-1 reports it\)$'
fi
if expect_rc "an invoice with --commit" 0 "$AFCQ" invoice -e "$SB_URL" --number INV-T2 --doc TBL-2 --commit "$REQ/dallas.json"; then
	expect_line "says it is committed" "$OUT" '^Document TBL-2: committed \(reported\)$'
fi

# the history table a clerk reads: no line ends in spaces (the outcome is
# the last column when no By follows it)
if expect_rc "history list exits 0" 0 "$AFCQ" history list; then
	if grep -q ' $' "$OUT"; then
		fail "history lines end without spaces" "$(grep -n ' $' "$OUT" | head -3 | cat -A)"
	else
		pass "history lines end without spaces"
	fi
	expect_grep "history: the outcome column" "$OUT" "Outcome"
fi
