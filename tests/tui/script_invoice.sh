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
type INV-7
key Enter
assert-state view confirm
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
# uncommit the document, then commit it again
key F7
assert-state view commit
key Tab Space
assert-screen "[uncommit]"
key Enter
assert-screen "UNCOMMIT document AFCQ-"
key Enter
wait-idle
assert-state view message
assert-screen "uncommit done."
assert-screen "The server answered ok."
key Esc
key F7 Enter Enter
wait-idle
assert-screen "commit done."
key Esc
# history: newest first, the invoice among them with its number and total
key F8
assert-state view history
assert-screen "commit"
assert-screen "uncommit"
assert-screen "invoice     19.78 ok      INV-7    AFCQ-"
assert-screen "quote       19.78 ok"
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
