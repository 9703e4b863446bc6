#!/bin/sh
# Scripted workstation tests: invoice with commit (F6), a document code that
# history knows is refused, commit and uncommit (F7), history (F8).
. tests/lib.sh
. tests/tui/tui_lib
sandbox_start --now 2022-03-15 || exit 1

{ dallas_fields; cat <<'SCRIPT'
key F5
wait-idle
key F6
assert-state view invoice
assert-screen "Document code:   AFCQ-"
key Enter
assert-state message "an invoice needs an invoice number"
type INV-7
key Enter
assert-state view confirm
# the refusal no longer holds: it is not left beside the number given
assert-not-screen "needs an invoice number"
assert-screen "Send 3 item(s) as an INVOICE to"
assert-screen "Invoice number: INV-7"
assert-screen "COMMIT: yes"
assert-screen "Last quote: total due 19.78."
key Enter
wait-idle
assert-state op invoice
assert-state total 19.78
assert-screen "Taxes INVOICE (commit)"
assert-screen "number INV-7  committed"
assert-screen "Total due 19.78 = charges 16.00 + taxes 3.78 (non-billable 0.00) COMMITTED"
# the same document code again is refused before anything is sent
key F6
type INV-8
key Tab
type-state doc
key Enter
assert-state view invoice
assert-state message "was already used"
key Esc
# uncommit the document (F7 offers the opposite of its known state),
# then commit it again; the results follow what the server confirmed
key F7
assert-state view commit
assert-screen "[uncommit]"
key Enter
assert-screen "UNCOMMIT document AFCQ-"
key Enter
wait-idle
# said on the message line: no box to close takes the rep's next key
assert-state view main
assert-state message "uncommit AFCQ-"
assert-screen ": done, the server answered ok"
assert-screen "number INV-7  not committed"
key F7
assert-screen "[commit]"
key Enter Enter
wait-idle
assert-state view main
assert-state message ": done, the server answered ok"
assert-screen "number INV-7  committed"
assert-screen "COMMITTED"
key F7
assert-screen "[uncommit]"
key Esc
# history: newest first, the invoice among them with its number and total
key F8
assert-state view history
assert-screen "commit"
assert-screen "uncommit"
assert-screen "invoice     19.78 ok      3726100 DALLAS, TX"
assert-screen "quote       19.78 ok"
key Down Down
assert-screen " #2 invoice number INV-7  document AFCQ-"
SCRIPT
} | run_script invoice_commit_history

# history entries: open the invoice's results, load a quote's request
{ dallas_fields; cat <<'SCRIPT'
key F5
wait-idle
set-field itms[0].chg 30
key F5
wait-idle
assert-state total 36.02
key F8
# the second entry is the first quote (chg 15)
key Down Enter
assert-state view main
assert-state total 19.78
assert-screen "(history)"
assert-field itms[0].chg 30
key F8 Down
type l
assert-state view main
assert-field itms[0].chg 15
assert-state message "loaded the request of history entry"
SCRIPT
} | run_script history_open_and_load

# a commit the server refuses: unknown document
run_script commit_unknown_document <<'SCRIPT'
wait-idle
key F7
type NO-SUCH-DOC
key Enter Enter
wait-idle
assert-state view message
assert-screen "Document NO-SUCH-DOC: commit NOT done."
SCRIPT

# an invoice sent without commit, committed with F7: the results say so
{ dallas_fields; cat <<'SCRIPT'
key F6
type INV-9
key Tab Tab Space
assert-screen "leave uncommitted"
key Enter Enter
wait-idle
assert-state op invoice
assert-screen "number INV-9  not committed"
key F7
assert-screen "[commit]"
key Enter Enter
wait-idle
assert-state message "commit AFCQ-"
assert-screen "number INV-9  committed"
SCRIPT
} | run_script invoice_then_commit_says_committed
sandbox_stop

# a locked document: committed in March, the clock in April; F7 says what
# the lock means and what to do instead (an adjustment)
sandbox_start --now 2022-03-15 --store "$T_TMP/docs.sqlite" || exit 1
"$AFCQ" invoice -e "$SB_URL" --number INV-L --doc LOCK-1 --commit "$AFCQ_TOP/tests/fixtures/requests/dallas.json" >/dev/null 2>&1
sandbox_stop
sandbox_start --now 2022-04-02 --store "$T_TMP/docs.sqlite" || exit 1
run_script locked_document_explained <<'SCRIPT'
wait-idle
key F7
type LOCK-1
key Tab Space
assert-screen "[uncommit]"
key Enter Enter
wait-idle
assert-state view message
assert-screen "Document code has been locked."
assert-screen "pulled into compliance"
assert-screen "send an adjustment"
assert-screen "carry adj"
key Esc
assert-state message "locked (send an adjustment instead)"
SCRIPT

# F7 with no document yet: Enter asks for one; once typed, the question
# shows without the request beside it
run_script commit_refusal_not_left_over <<'SCRIPT'
wait-idle
key F7
assert-state view commit
# where to find the code of an earlier session's invoice
assert-screen "Or from history: F8, Enter on the invoice, then F7 offers its code."
key Enter
assert-state message "type the document code to"
type DOC-1
assert-not-screen "Or from history"
key Enter
assert-state view confirm
assert-not-screen "type the document code"
key Esc
SCRIPT

# the question before an invoice does not quote a total of another form:
# changed since the quote, it says so
{ dallas_fields; cat <<'SCRIPT'
key F5
wait-idle
assert-state total 19.78
set-field itms[1].line 3
key F6
type INV-CHANGED
key Enter
assert-state view confirm
assert-screen "The form changed since the last quote (total due 19.78)."
assert-not-screen "Last quote: total due 19.78."
key Esc
SCRIPT
} | run_script invoice_confirm_after_change
